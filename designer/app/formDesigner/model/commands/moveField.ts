import type { FormRule } from '@formwork/definitions';
import { fail, problem } from '../DesignProblem.js';
import { fieldNames, requireContainer, requireField } from '../fields.js';
import type { FormDocument } from '../FormDocument.js';
import { updateIn, type JsonObject } from '../immutable.js';
import { showAt, unshow, type Place } from '../layout.js';
import { assertUnlocked } from '../locks.js';
import { toPointer } from '../pointer.js';
import { setProperty, setRequired, uiSchemaOf } from './schemaEdits.js';

/**
 * Moves a field. Within its container (and between the form's sections) only the layout
 * changes; into another group or repeating group its data path changes too: the property moves
 * with its required flag and UI schema, and the cross-field rules reported on it follow it.
 * Rules elsewhere that read it by its old path are left for lint to point out. A field the base
 * locks may be reordered where it is, not moved elsewhere.
 */
export function moveField(document: FormDocument, path: string, place: Place): FormDocument {
  const definition = document.definition;
  const field = requireField(definition, path);
  const target = requireContainer(definition, place.container);
  if (target.path === field.container.path) {
    return Object.freeze({
      ...document,
      definition: showAt(definition, target, place, field.name),
    });
  }
  assertUnlocked(document, field, { zh: '移到其他分组', en: 'moved to another group' });
  if (target.path === path || target.path.startsWith(`${path}/`))
    fail(
      'invalid',
      problem(
        'move-into-itself',
        path,
        `不能把 ${path} 移到它自己里面`,
        `${path} cannot be moved into itself`,
        { field: path },
      ),
    );
  if (target.inArray && hasRule(field.schema))
    fail(
      'invalid',
      problem(
        'placement-invalid',
        path,
        '有显示条件或计算公式的字段不能放进重复组',
        'a field with a visibility rule or a calculation cannot go into a repeating group',
        { field: path },
      ),
    );
  if (fieldNames(definition, target).includes(field.name))
    fail(
      'conflict',
      problem(
        'field-exists',
        toPointer([...target.segments, field.name]),
        `${target.path || '表单顶层'} 中已有字段 ${field.name}`,
        `${target.path || 'the top level'} already has a field ${field.name}`,
        { field: path },
      ),
    );
  const ui = uiSchemaOf(definition, field.container, field.name);
  let next = setProperty(definition, field.container, field.name, undefined);
  next = setRequired(next, field.container, field.name, false);
  next = unshow(next, field.container, field.name);
  next = setProperty(next, target, field.name, field.schema);
  if (field.required) next = setRequired(next, target, field.name, true);
  if (ui !== undefined) next = updateIn(next, ['uiSchema', ...target.uiKeys, field.name], () => ui);
  next = showAt(next, target, place, field.name);
  const moved = toPointer([...target.segments, field.name]);
  if ((next.rules ?? []).some((r) => r.path === path || r.path.startsWith(`${path}/`))) {
    next = updateIn(next, ['rules'], (old) =>
      (old as FormRule[]).map((r) =>
        r.path === path || r.path.startsWith(`${path}/`)
          ? { ...r, path: moved + r.path.slice(path.length) }
          : r,
      ),
    );
  }
  return Object.freeze({ ...document, definition: next });
}

function hasRule(schema: JsonObject): boolean {
  if ('x-visible' in schema || 'x-calculated' in schema) return true;
  const children = [
    ...Object.values((schema.properties as JsonObject | undefined) ?? {}),
    ...(schema.items ? [schema.items] : []),
  ];
  return children.some((c) => typeof c === 'object' && c !== null && hasRule(c as JsonObject));
}
