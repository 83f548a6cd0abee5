const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The code table of a field (on it, or on its items for a multi-code field). */
export function codeTableOf(field: Record<string, unknown>): string | undefined {
  if (typeof field['x-code-table'] === 'string') return field['x-code-table'];
  const items = field.items;
  return isObject(items) && typeof items['x-code-table'] === 'string'
    ? items['x-code-table']
    : undefined;
}
