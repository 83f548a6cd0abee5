/**
 * A copy of `record` with `key: value` placed right after `after` (at the end when `after` is
 * undefined), so renderers that follow key order show the field there.
 */
export function insertAfter<T>(
  record: Record<string, T>,
  key: string,
  value: T,
  after: string | undefined,
): Record<string, T> {
  if (after === undefined) return { ...record, [key]: value };
  const result: Record<string, T> = {};
  for (const [k, v] of Object.entries(record)) {
    result[k] = v;
    if (k === after) result[key] = value;
  }
  return result;
}

/** A copy of an ordering list (`ui:order`) with `name` after `after`, else before '*', else last. */
export function insertInOrder(
  order: unknown[],
  name: string,
  after: string | undefined,
): unknown[] {
  const at = after === undefined ? -1 : order.indexOf(after);
  const result = [...order];
  if (at >= 0) result.splice(at + 1, 0, name);
  else if (order.includes('*')) result.splice(order.indexOf('*'), 0, name);
  else result.push(name);
  return result;
}
