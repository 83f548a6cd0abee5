import type { FormDefinition } from '../types/generated.js';
import { isObject, type Schema } from './schemaPointer.js';

/** Ids of the code tables that some `x-locked` field of the base forms takes its options from. */
export function lockedCodeTables(forms: Record<string, FormDefinition>): Set<string> {
  const locked = new Set<string>();
  const visit = (schema: Schema) => {
    if (schema['x-locked'] === true) {
      const items = isObject(schema.items) ? schema.items : {};
      for (const id of [schema['x-code-table'], items['x-code-table']])
        if (typeof id === 'string') locked.add(id);
    }
    for (const child of Object.values(isObject(schema.properties) ? schema.properties : {}))
      if (isObject(child)) visit(child);
    if (isObject(schema.items)) visit(schema.items);
  };
  for (const form of Object.values(forms)) visit(form.schema);
  return locked;
}
