/** A plain JSON value: what `canonicalJson` accepts. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * The canonical text of a plain JSON value, after RFC 8785 (JSON Canonicalization Scheme): object
 * keys sorted by UTF-16 code units, no whitespace, strings and numbers as ECMAScript's
 * `JSON.stringify` writes them (which is what RFC 8785 specifies; -0 becomes 0). Two values that
 * are equal as JSON give the same text, whatever order their keys were written in.
 *
 * Object properties whose value is `undefined` are left out, as `JSON.stringify` does. Anything
 * that is not plain JSON throws a TypeError naming where it is: non-finite numbers, bigint,
 * functions, symbols, `undefined` in an array, nesting deeper than 64 (or a cycle), and objects other than arrays and plain objects
 * (a Date must be turned into a string first).
 */
export function canonicalJson(value: unknown): string {
  try {
    return write(value, 0);
  } catch (err) {
    if (err instanceof NotJson)
      throw new TypeError(`$${err.path.reverse().join('')} ${err.problem}`);
    throw err;
  }
}

/** Deeper than this is a mistake (or a cycle), not audit details. */
const MAX_DEPTH = 64;

/** Thrown at the fault; each level adds its step on the way out (paths cost nothing otherwise). */
class NotJson extends Error {
  readonly path: string[] = [];
  constructor(readonly problem: string) {
    super(problem);
  }
}

function write(value: unknown, depth: number): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotJson('is not a finite number');
      // For finite numbers JSON.stringify is Number#toString (shortest round-trip, -0 as 0).
      return String(value);
    case 'object':
      break;
    default:
      throw new NotJson(`is a ${typeof value}, not a JSON value`);
  }
  if (depth >= MAX_DEPTH) throw new NotJson(`is nested more than ${MAX_DEPTH} deep`);
  if (Array.isArray(value)) {
    let out = '[';
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      try {
        if (item === undefined) throw new NotJson('is undefined');
        out += index > 0 ? `,${write(item, depth + 1)}` : write(item, depth + 1);
      } catch (err) {
        throw within(err, `[${index}]`);
      }
    }
    return `${out}]`;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new NotJson(`is not a plain object (${describe(value)})`);
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(record).sort(byCodeUnits)) {
    const member = record[key];
    if (member === undefined) continue;
    let text: string;
    try {
      text = write(member, depth + 1);
    } catch (err) {
      throw within(err, `.${key}`);
    }
    out += `${out.length > 1 ? ',' : ''}${quote(key)}:${text}`;
  }
  return `${out}}`;
}

/** RFC 8785's key order: UTF-16 code units, which is what `<` compares. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Characters JSON.stringify would escape (and surrogates, which it may). */
// eslint-disable-next-line no-control-regex -- JSON escapes U+0000 to U+001F: they must be found
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify for a string, without its cost for the common text that needs no escape. */
function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function within(err: unknown, segment: string): unknown {
  if (err instanceof NotJson) err.path.push(segment);
  return err;
}

function describe(value: object): string {
  return (value.constructor as { name?: string } | undefined)?.name ?? 'unknown';
}
