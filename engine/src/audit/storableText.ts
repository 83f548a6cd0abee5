/**
 * PostgreSQL text and jsonb cannot hold U+0000, and jsonb refuses unpaired UTF-16 surrogates.
 * Both can arrive in a request (a typed username is JSON from the client), and an audit write
 * that failed on them would leave the attempt unrecorded. So they are replaced by U+FFFD before
 * the row is hashed and stored: what is stored is what was hashed.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what must be found
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\ufffd');
}

/** Every string and key of a JSON-like value made storable; everything else is left as it is. */
export function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value))
      out[storableText(key)] = storableJson(member);
    return out;
  }
  return value;
}
