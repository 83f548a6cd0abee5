/** A field of a form: a property reached through `properties` from the root. */
export interface FieldNode {
  /** JSON pointer into the data, e.g. /vitals/sbp */
  path: string;
  /** Property names from the root. */
  segments: string[];
  schema: Record<string, unknown>;
  /** The object schema holding this property, and whether it lists it as required. */
  parent: Record<string, unknown>;
  required: boolean;
  /** Inside an array's items (no visibility or calculation there). */
  inArray: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Every property of the schema in document order, through nested objects and array items
 * (not through combinators: fields belong in `properties`; if/then/else may only constrain).
 */
export function walkFields(root: Record<string, unknown>): FieldNode[] {
  const fields: FieldNode[] = [];
  const visit = (schema: Record<string, unknown>, segments: string[], inArray: boolean) => {
    const properties = schema.properties;
    if (isObject(properties)) {
      const required = Array.isArray(schema.required) ? (schema.required as unknown[]) : [];
      for (const [name, child] of Object.entries(properties)) {
        if (!isObject(child)) continue;
        const childSegments = [...segments, name];
        fields.push({
          path: `/${childSegments.map(escapeSegment).join('/')}`,
          segments: childSegments,
          schema: child,
          parent: schema,
          required: required.includes(name),
          inArray,
        });
        visit(child, childSegments, inArray);
      }
    }
    if (isObject(schema.items)) visit(schema.items, [...segments, '-'], true);
  };
  visit(root, [], false);
  return fields;
}

export function getAt(data: unknown, segments: readonly string[]): unknown {
  let node = data;
  for (const segment of segments) {
    if (!isObject(node)) return undefined;
    node = node[segment];
  }
  return node;
}

export function setAt(data: Record<string, unknown>, segments: readonly string[], value: unknown) {
  let node = data;
  for (const segment of segments.slice(0, -1)) {
    if (!isObject(node[segment])) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  const last = segments[segments.length - 1]!;
  if (value === undefined || value === null) delete node[last];
  else node[last] = value;
}

export function deleteAt(data: unknown, segments: readonly string[]): void {
  const parent = getAt(data, segments.slice(0, -1));
  if (isObject(parent)) delete parent[segments[segments.length - 1]!];
}

export { isObject };
