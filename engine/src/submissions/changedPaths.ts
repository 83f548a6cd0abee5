import { isDeepStrictEqual } from 'node:util';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * JSON pointers of the fields whose values differ between two payloads: objects are compared key
 * by key, anything else (numbers, strings, arrays) as a whole value.
 */
export function changedPaths(before: unknown, after: unknown, at = ''): string[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) =>
      changedPaths(
        before[key],
        after[key],
        `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      ),
    );
  }
  return isDeepStrictEqual(before, after) ? [] : [at];
}
