/**
 * URI-reference resolution after RFC 3986 §5.2, enough to tell where a `$ref` points: pure string
 * work (no `URL`, which rejects relative bases and differs from RFC 3986 on some inputs), linear
 * in the length of its inputs, never throws.
 */

interface UriParts {
  scheme: string | undefined;
  authority: string | undefined;
  path: string;
  query: string | undefined;
  fragment: string | undefined;
}

function isSchemeChar(code: number, first: boolean): boolean {
  const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  if (first) return letter;
  return letter || (code >= 48 && code <= 57) || code === 43 || code === 45 || code === 46;
}

/** Splits a URI reference into its five components (RFC 3986 appendix B, without a RegExp). */
export function parseUri(reference: string): UriParts {
  let rest = reference;
  let fragment: string | undefined;
  let query: string | undefined;
  let scheme: string | undefined;
  let authority: string | undefined;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  const question = rest.indexOf('?');
  if (question >= 0) {
    query = rest.slice(question + 1);
    rest = rest.slice(0, question);
  }
  const colon = rest.indexOf(':');
  if (colon > 0) {
    let valid = true;
    for (let i = 0; i < colon && valid; i++) valid = isSchemeChar(rest.charCodeAt(i), i === 0);
    if (valid) {
      scheme = rest.slice(0, colon).toLowerCase();
      rest = rest.slice(colon + 1);
    }
  }
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    authority = (slash < 0 ? rest.slice(2) : rest.slice(2, slash)).toLowerCase();
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  return { scheme, authority, path: rest, query, fragment };
}

/** RFC 3986 §5.2.4. */
export function removeDotSegments(path: string): string {
  if (!path.includes('.')) return path;
  const input = path.split('/');
  const output: string[] = [];
  const absolute = path.startsWith('/');
  for (let i = 0; i < input.length; i++) {
    const segment = input[i]!;
    const last = i === input.length - 1;
    if (segment === '.' || segment === '..') {
      if (segment === '..' && output.length > (absolute ? 1 : 0)) output.pop();
      if (last) output.push('');
      continue;
    }
    output.push(segment);
  }
  const joined = output.join('/');
  return absolute && !joined.startsWith('/') ? `/${joined}` : joined;
}

function merge(base: UriParts, path: string): string {
  if (base.authority !== undefined && base.path === '') return `/${path}`;
  const slash = base.path.lastIndexOf('/');
  return slash < 0 ? path : base.path.slice(0, slash + 1) + path;
}

function recompose(parts: UriParts): string {
  let out = '';
  if (parts.scheme !== undefined) out += `${parts.scheme}:`;
  if (parts.authority !== undefined) out += `//${parts.authority}`;
  out += parts.path;
  if (parts.query !== undefined) out += `?${parts.query}`;
  if (parts.fragment !== undefined) out += `#${parts.fragment}`;
  return out;
}

/** Resolves `reference` against `base` (RFC 3986 §5.2.2). Either may be relative or empty. */
export function resolveUri(base: string, reference: string): string {
  const r = parseUri(reference);
  const b = parseUri(base);
  const t: UriParts = {
    scheme: undefined,
    authority: undefined,
    path: '',
    query: undefined,
    fragment: r.fragment,
  };
  if (r.scheme !== undefined) {
    t.scheme = r.scheme;
    t.authority = r.authority;
    t.path = removeDotSegments(r.path);
    t.query = r.query;
  } else {
    t.scheme = b.scheme;
    if (r.authority !== undefined) {
      t.authority = r.authority;
      t.path = removeDotSegments(r.path);
      t.query = r.query;
    } else {
      t.authority = b.authority;
      if (r.path === '') {
        t.path = b.path;
        t.query = r.query ?? b.query;
      } else {
        t.path = removeDotSegments(r.path.startsWith('/') ? r.path : merge(b, r.path));
        t.query = r.query;
      }
    }
  }
  return recompose(t);
}

/** The URI without its fragment: the name of the document (schema resource) it points into. */
export function withoutFragment(uri: string): string {
  const hash = uri.indexOf('#');
  return hash < 0 ? uri : uri.slice(0, hash);
}

/** The fragment of a URI, percent-decoded; '' when it has none or it cannot be decoded. */
export function fragmentOf(uri: string): string {
  const hash = uri.indexOf('#');
  if (hash < 0) return '';
  const raw = uri.slice(hash + 1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
