/** Why a schema was refused, stable enough for the API and the designer to switch on. */
export type SchemaProblemCode =
  | 'not-an-object'
  | 'not-json'
  | 'schema-too-large'
  | 'schema-too-deep'
  | 'too-many-properties'
  | 'too-many-subschemas'
  | 'too-many-enum-values'
  | 'too-many-refs'
  | 'pattern-too-long'
  | 'pattern-unsupported'
  | 'pattern-too-complex'
  | 'data-ref-forbidden'
  | 'async-forbidden'
  | 'unique-items-quadratic'
  | 'remote-ref-forbidden'
  | 'dynamic-ref-unsupported'
  | 'ref-target-invalid'
  | 'ref-cycle'
  | 'schema-invalid';

/** One reason a schema is refused, located by a JSON pointer into the schema ('' is the root). */
export interface SchemaProblem {
  path: string;
  code: SchemaProblemCode;
  message: { zh: string; en: string };
}

/** Escapes one reference token of a JSON pointer (RFC 6901). */
export function escapePointerToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The JSON pointer of a list of keys and indexes. */
export function toPointer(tokens: readonly (string | number)[]): string {
  let out = '';
  for (const token of tokens) out += `/${escapePointerToken(token)}`;
  return out;
}

/** Shortens text quoted from a schema so a message stays readable whatever the input. */
export function quote(text: string, max = 80): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(shown);
}
