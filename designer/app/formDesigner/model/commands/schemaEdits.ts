import type { FormDefinition } from '@formwork/definitions';
import type { Container, FieldAt } from '../fields.js';
import { getIn, isObject, updateIn, type JsonObject } from '../immutable.js';

/** Small structural edits of a definition's schema, each copying only the path it changes. */

/** The definition with a field's schema replaced by `update(schema)`. */
export function updateFieldSchema<D extends Readonly<FormDefinition>>(
  definition: D,
  field: FieldAt,
  update: (schema: JsonObject) => JsonObject,
): D {
  return updateIn(
    definition,
    ['schema', ...field.container.objectKeys, 'properties', field.name],
    (old) => update(old as JsonObject),
  );
}

/** The definition with the container's `required` list including (or not) `name`. */
export function setRequired<D extends Readonly<FormDefinition>>(
  definition: D,
  container: Container,
  name: string,
  required: boolean,
): D {
  return updateIn(definition, ['schema', ...container.objectKeys, 'required'], (old) => {
    const list = Array.isArray(old) ? (old as string[]) : [];
    const has = list.includes(name);
    if (has === required) return old;
    const next = required ? [...list, name] : list.filter((n) => n !== name);
    return next.length ? next : undefined;
  });
}

/** The definition with a property added to (or, with `undefined`, removed from) a container. */
export function setProperty<D extends Readonly<FormDefinition>>(
  definition: D,
  container: Container,
  name: string,
  schema: JsonObject | undefined,
): D {
  return updateIn(definition, ['schema', ...container.objectKeys], (old) => {
    const parent = isObject(old) ? old : { type: 'object' };
    const properties = isObject(parent.properties) ? parent.properties : {};
    const next: JsonObject = { ...properties };
    if (schema === undefined) delete next[name];
    else next[name] = schema;
    return { ...parent, properties: next };
  });
}

/** The UI schema of a field (or undefined). */
export const uiSchemaOf = (
  definition: Readonly<FormDefinition>,
  container: Container,
  name: string,
) => getIn(definition.uiSchema ?? {}, [...container.uiKeys, name]);
