/** Finding fields in a form schema by the JSON pointer of their data (through `properties`). */
export type Schema = Record<string, unknown>;

export const isObject = (v: unknown): v is Schema =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The property names of a JSON pointer ('' = none). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The schema reached from `root` through `properties` along the pointer, or undefined. */
export function schemaAt(root: Schema, pointer: string): Schema | undefined {
  let node: Schema = root;
  for (const name of pointerSegments(pointer)) {
    const properties = node.properties;
    if (!isObject(properties) || !Object.hasOwn(properties, name)) return undefined;
    const child = properties[name];
    if (!isObject(child)) return undefined;
    node = child;
  }
  return node;
}

/** An existing field: its schema, the object schema holding it and its name there. */
export interface FieldAt {
  schema: Schema;
  parent: Schema;
  name: string;
}

export function fieldAt(root: Schema, pointer: string): FieldAt | undefined {
  const segments = pointerSegments(pointer);
  const name = segments.pop();
  if (name === undefined) return undefined;
  const parent = schemaAt(root, pointer.slice(0, pointer.lastIndexOf('/')));
  const properties = parent?.properties;
  const schema =
    isObject(properties) && Object.hasOwn(properties, name) ? properties[name] : undefined;
  return parent && isObject(schema) ? { schema, parent, name } : undefined;
}

export function isRequired(field: FieldAt): boolean {
  return Array.isArray(field.parent.required) && field.parent.required.includes(field.name);
}

/** Every field pointer of a schema, through nested `properties`, in document order. */
export function fieldPaths(root: Schema, at = ''): string[] {
  const properties = root.properties;
  if (!isObject(properties)) return [];
  return Object.entries(properties).flatMap(([name, child]) => {
    const path = `${at}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return isObject(child) ? [path, ...fieldPaths(child, path)] : [path];
  });
}
