/** JSON pointers (RFC 6901) as the compiled form reports paths: `/medications/0/drugName`. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function getAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** A copy of `data` with the value at `pointer` set (or removed when `value` is undefined). */
export function withValueAt(
  data: Record<string, unknown>,
  pointer: string,
  value: unknown,
): Record<string, unknown> {
  const segments = pointerSegments(pointer);
  const copy = (node: unknown, depth: number): unknown => {
    const segment = segments[depth]!;
    const last = depth === segments.length - 1;
    if (Array.isArray(node)) {
      const out = [...node];
      const i = Number(segment);
      out[i] = last ? value : copy(out[i] ?? {}, depth + 1);
      return out;
    }
    const out: Record<string, unknown> = isObject(node) ? { ...node } : {};
    if (last) {
      if (value === undefined) delete out[segment];
      else out[segment] = value;
    } else out[segment] = copy(out[segment], depth + 1);
    return out;
  };
  return segments.length ? (copy(data, 0) as Record<string, unknown>) : data;
}
