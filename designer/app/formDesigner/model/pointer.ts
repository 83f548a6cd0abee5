/**
 * Paths of the designer. A field is named by the JSON pointer of its data, as the compiler's
 * `FieldInfo.path` names it: `/sbp`, `/referral/reason`, `/medications/-/drugName` (`-` stands
 * for every item of a repeating group). From it follow the pointer of its schema
 * (`/schema/properties/medications/items/properties/drugName`), of its UI schema and the dotted
 * path a JsonLogic `var` reads (`referral.reason`).
 */

/** One token of a JSON pointer, escaped (`~` → `~0`, `/` → `~1`). */
export const escapeToken = (token: string): string =>
  token.replace(/~/g, '~0').replace(/\//g, '~1');

/** The tokens of a JSON pointer ('' → none). */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export const toPointer = (tokens: readonly string[]): string =>
  tokens.map((t) => `/${escapeToken(t)}`).join('');

/** A field path's segments: `/medications/-/drugName` → ['medications', '-', 'drugName']. */
export const fieldSegments = pointerTokens;

/** The keys from the schema root to a field's schema. */
export const schemaKeys = (segments: readonly string[]): string[] =>
  segments.flatMap((s) => (s === '-' ? ['items'] : ['properties', s]));

/** The keys from the UI schema root to a field's UI schema (rjsf nests `items` the same way). */
export const uiKeys = (segments: readonly string[]): string[] =>
  segments.map((s) => (s === '-' ? 'items' : s));

/** The pointer of a field's schema inside the form definition (`/schema/properties/sbp`). */
export const schemaPointer = (fieldPath: string): string =>
  `/schema${toPointer(schemaKeys(fieldSegments(fieldPath)))}`;

/** The JsonLogic `var` path of a field: `/referral/reason` → `referral.reason`. */
export const varPath = (fieldPath: string): string => pointerTokens(fieldPath).join('.');

/** The field a JsonLogic `var` path names: `referral.reason` → `/referral/reason`. */
export const fieldOfVar = (path: string): string => (path === '' ? '' : toPointer(path.split('.')));

/** The field path of its parent container ('' for a top-level field). */
export function parentPath(fieldPath: string): string {
  const segments = fieldSegments(fieldPath);
  segments.pop();
  if (segments[segments.length - 1] === '-') segments.pop();
  return toPointer(segments);
}

/** The property name of a field. */
export const nameOf = (fieldPath: string): string => fieldSegments(fieldPath).pop() ?? '';

/**
 * The field a pointer into a form definition concerns, or undefined: the deepest field on a
 * pointer into `/schema` (`/schema/properties/sbp/maximum` → `/sbp`,
 * `/schema/properties/medications/items/properties/drugName/pattern` → `/medications/-/drugName`)
 * or into `/uiSchema` (`/uiSchema/sbp/ui:widget` → `/sbp`).
 */
export function fieldOfPointer(pointer: string): string | undefined {
  const tokens = pointerTokens(pointer);
  const segments: string[] = [];
  let found: string | undefined;
  if (tokens[0] === 'schema') {
    for (let i = 1; i < tokens.length; i++) {
      if (tokens[i] === 'properties' && i + 1 < tokens.length) {
        segments.push(tokens[++i]!);
        found = toPointer(segments);
      } else if (tokens[i] === 'items' && segments.length) {
        segments.push('-');
      } else break;
    }
    return found;
  }
  if (tokens[0] === 'uiSchema') {
    for (let i = 1; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.startsWith('ui:')) break;
      if (token === 'items' && segments.length) segments.push('-');
      else {
        segments.push(token);
        found = toPointer(segments);
      }
    }
    return found;
  }
  return undefined;
}
