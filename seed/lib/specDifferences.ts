/**
 * What changed between two versions of one definition, in a form a spec test can compare with
 * the rows of a CHANGES.md: JSON values leaf by leaf (a JSON pointer, the value before and the
 * value after), BPMN text line by line.
 */

/** One changed leaf: `before` is undefined for an addition, `after` for a removal. */
export interface JsonDifference {
  path: string;
  before?: unknown;
  after?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every leaf that differs between `before` and `after`, as a JSON pointer with both values,
 * in document order (objects by key, arrays by index). An object or array that appears or
 * disappears as a whole is one difference; so is a value that changes type.
 */
export function jsonDifferences(before: unknown, after: unknown, at = ''): JsonDifference[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => {
      const path = `${at}/${escape(key)}`;
      if (!(key in after)) return [{ path, before: before[key] }];
      if (!(key in before)) return [{ path, after: after[key] }];
      return jsonDifferences(before[key], after[key], path);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    return Array.from({ length: Math.max(before.length, after.length) }, (_, i) => {
      const path = `${at}/${i}`;
      if (i >= after.length) return [{ path, before: before[i] }];
      if (i >= before.length) return [{ path, after: after[i] }];
      return jsonDifferences(before[i], after[i], path);
    }).flat();
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: at, before, after }];
}

/**
 * The lines (trimmed) of `before` that `after` no longer has and the lines it gained, each in
 * the order of its text; a line kept twice in `before` and once in `after` is one removal.
 */
export function lineDifferences(before: string, after: string) {
  const lines = (text: string) => text.split('\n').map((line) => line.trim());
  const count = (list: string[]) => {
    const counts = new Map<string, number>();
    for (const line of list) counts.set(line, (counts.get(line) ?? 0) + 1);
    return counts;
  };
  const minus = (a: string[], b: string[]) => {
    const left = count(b);
    return a.filter((line) => {
      const n = left.get(line) ?? 0;
      left.set(line, n - 1);
      return n <= 0;
    });
  };
  const [old, fresh] = [lines(before), lines(after)];
  return { removed: minus(old, fresh), added: minus(fresh, old) };
}
