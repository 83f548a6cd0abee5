/**
 * Structural sharing: an edit copies the nodes on the path it changes and shares everything
 * else with the document before it, so an edit costs the size of its path, not of the form, and
 * the previous document stays valid for undo. Every node of a document is frozen: a mutation
 * anywhere is a TypeError, never a silent change of history.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Freezes a value and everything in it (once, when it enters a document). */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || Object.isFrozen(node)) continue;
    Object.freeze(node);
    for (const child of Object.values(node)) stack.push(child);
  }
  return value;
}

/** A frozen shallow copy of an object with `changes` applied (`undefined` deletes a key). */
export function assign<T extends object>(node: T, changes: Record<string, unknown>): T {
  const next: Record<string, unknown> = { ...(node as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return Object.freeze(next) as T;
}

/** The value at `keys`, or undefined. */
export function getIn(root: unknown, keys: readonly (string | number)[]): unknown {
  let node = root;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
    if (node === undefined) return undefined;
  }
  return node;
}

/**
 * `root` with the value at `keys` replaced by `update(old)` (`undefined` removes the key);
 * missing objects on the way are created. Only the nodes on the path are copied.
 */
export function updateIn<T>(
  root: T,
  keys: readonly (string | number)[],
  update: (old: unknown) => unknown,
): T {
  if (!keys.length) return deepFreeze(update(root)) as T;
  const [key, ...rest] = keys as [string | number, ...(string | number)[]];
  const node = (typeof root === 'object' && root !== null ? root : {}) as Record<
    string | number,
    unknown
  >;
  const child = updateIn(node[key], rest, update);
  if (Array.isArray(node)) {
    const copy = [...node];
    if (child === undefined) copy.splice(Number(key), 1);
    else copy[Number(key)] = child;
    return Object.freeze(copy) as T;
  }
  return assign(node, { [key]: child }) as T;
}

export const setIn = <T>(root: T, keys: readonly (string | number)[], value: unknown): T =>
  updateIn(root, keys, () => value);

/** Same JSON value (key order of objects ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.hasOwn(b, k) &&
      sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
