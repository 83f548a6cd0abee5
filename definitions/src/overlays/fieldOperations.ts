/**
 * The operations on the fields of a form: add-field, tighten-range, hide-field, relabel and
 * make-required. Each checks first and changes the (already cloned) form only when it is allowed;
 * it returns the problems that kept it from applying.
 */
import type { FormDefinition, Operation } from '../types/generated.js';
import { insertAfter, insertInOrder } from './insertAfter.js';
import { operationProblem, type OverlayProblem } from './OverlayProblem.js';
import {
  fieldAt,
  isObject,
  isRequired,
  pointerSegments,
  schemaAt,
  type FieldAt,
  type Schema,
} from './schemaPointer.js';

type Op<K extends Operation['op']> = Extract<Operation, { op: K }>;
export type FieldOperation = Op<
  'add-field' | 'tighten-range' | 'hide-field' | 'relabel' | 'make-required'
>;

/** Applies one field operation to `form` (mutated), or returns why it cannot. */
export function applyFieldOperation(
  form: FormDefinition,
  base: FormDefinition | undefined,
  op: FieldOperation,
  index: number,
): OverlayProblem[] {
  if (op.op === 'add-field') return addField(form, op, index);
  const field = fieldAt(form.schema, op.path);
  if (!field) {
    return [
      operationProblem(
        index,
        'field-unknown',
        `表单 "${form.key}" 中没有字段 ${op.path}`,
        `form "${form.key}" has no field ${op.path}`,
      ),
    ];
  }
  // Locks are the base's: a field the base locks stays locked whatever the overlay did before.
  const locked = base ? fieldAt(base.schema, op.path)?.schema['x-locked'] === true : false;
  switch (op.op) {
    case 'tighten-range':
      return tightenRange(field, op, index);
    case 'hide-field':
      return hideField(field, op, index, locked);
    case 'relabel':
      if (locked) return [lockedProblem(op.path, '改名', 'relabelled', index)];
      field.schema.title = op.label.zh;
      field.schema['x-title-en'] = op.label.en;
      return [];
    case 'make-required':
      if (!isRequired(field))
        field.parent.required = [
          ...(Array.isArray(field.parent.required) ? field.parent.required : []),
          field.name,
        ];
      return [];
  }
}

function lockedProblem(path: string, zh: string, en: string, index: number): OverlayProblem {
  return operationProblem(
    index,
    'locked',
    `字段 ${path} 由国家规范锁定（x-locked），不能${zh}`,
    `field ${path} is locked by the national base (x-locked) and may not be ${en}`,
  );
}

function addField(form: FormDefinition, op: Op<'add-field'>, index: number): OverlayProblem[] {
  const { name, after, schema, ui, required } = op.field;
  const parent = schemaAt(form.schema, op.path);
  const where = op.path === '' ? '顶层 / top level' : op.path;
  if (!parent || (parent.type !== 'object' && !isObject(parent.properties))) {
    return [
      operationProblem(
        index,
        'parent-not-object',
        `表单 "${form.key}" 中 ${where} 不是可以添加字段的对象`,
        `${where} of form "${form.key}" is not an object a field can be added to`,
      ),
    ];
  }
  const properties = isObject(parent.properties) ? parent.properties : {};
  if (Object.hasOwn(properties, name)) {
    return [
      operationProblem(
        index,
        'field-exists',
        `${where} 中已有字段 "${name}"`,
        `${where} already has a field "${name}"`,
      ),
    ];
  }
  if (after !== undefined && !Object.hasOwn(properties, after)) {
    return [
      operationProblem(
        index,
        'after-unknown',
        `${where} 中没有字段 "${after}"，无法将 "${name}" 放在其后`,
        `${where} has no field "${after}" to place "${name}" after`,
      ),
    ];
  }
  parent.properties = insertAfter<unknown>(properties, name, structuredClone(schema), after);
  if (required)
    parent.required = [...(Array.isArray(parent.required) ? parent.required : []), name];
  placeInUi(form, pointerSegments(op.path), name, after, ui);
  return [];
}

/** Keeps `ui:order` of the object (when it has one) listing the field, and sets its ui schema. */
function placeInUi(
  form: FormDefinition,
  segments: string[],
  name: string,
  after: string | undefined,
  ui: Schema | undefined,
) {
  let node: Schema | undefined = form.uiSchema;
  for (const segment of segments) node = isObject(node?.[segment]) ? node[segment] : undefined;
  if (node && Array.isArray(node['ui:order']))
    node['ui:order'] = insertInOrder(node['ui:order'], name, after);
  if (!ui) return;
  form.uiSchema ??= {};
  let target: Schema = form.uiSchema;
  for (const segment of segments) {
    if (!isObject(target[segment])) target[segment] = {};
    target = target[segment] as Schema;
  }
  target[name] = structuredClone(ui);
}

const LOWER = ['minimum', 'minLength'] as const;
const UPPER = ['maximum', 'maxLength'] as const;

function tightenRange(field: FieldAt, op: Op<'tighten-range'>, index: number): OverlayProblem[] {
  const problems: OverlayProblem[] = [];
  const type = field.schema.type;
  const numeric = type === 'number' || type === 'integer';
  for (const key of [...LOWER, ...UPPER]) {
    const value = op[key];
    if (value === undefined) continue;
    const fits = key.endsWith('Length') ? type === 'string' : numeric;
    if (!fits) {
      problems.push(
        operationProblem(
          index,
          'range-not-applicable',
          `字段 ${op.path} 的类型为 ${String(type)}，不适用 ${key}`,
          `${key} does not apply to field ${op.path} of type ${String(type)}`,
        ),
      );
      continue;
    }
    const current = field.schema[key];
    if (typeof current !== 'number') continue;
    const widens = (LOWER as readonly string[]).includes(key) ? value < current : value > current;
    if (widens) {
      problems.push(
        operationProblem(
          index,
          'loosens-range',
          `字段 ${op.path} 的 ${key} 从 ${current} 改为 ${value} 会放宽范围，只能收紧`,
          `${key} of field ${op.path} from ${current} to ${value} widens the range; it may only narrow`,
        ),
      );
    }
  }
  if (problems.length) return problems;
  const next = { ...field.schema };
  for (const key of [...LOWER, ...UPPER]) if (op[key] !== undefined) next[key] = op[key];
  for (const [low, high] of [
    ['minimum', 'maximum'],
    ['minLength', 'maxLength'],
  ] as const) {
    if (typeof next[low] === 'number' && typeof next[high] === 'number' && next[low] > next[high])
      return [
        operationProblem(
          index,
          'empty-range',
          `字段 ${op.path} 的 ${low} ${next[low]} 大于 ${high} ${next[high]}，没有值可以填写`,
          `${low} ${next[low]} of field ${op.path} exceeds ${high} ${next[high]}: no value is left`,
        ),
      ];
  }
  Object.assign(field.schema, next);
  return [];
}

function hideField(
  field: FieldAt,
  op: Op<'hide-field'>,
  index: number,
  locked: boolean,
): OverlayProblem[] {
  if (locked || isRequired(field)) {
    const why = locked
      ? { zh: '被锁定（x-locked）', en: 'locked (x-locked)' }
      : { zh: '必填', en: 'required' };
    return [
      operationProblem(
        index,
        'hides-required-or-locked',
        `字段 ${op.path} ${why.zh}，不能隐藏`,
        `field ${op.path} is ${why.en} and may not be hidden`,
      ),
    ];
  }
  // Hidden, not removed: the field stays in the schema (data elements, diffs) but is never shown
  // and never kept, as x-visible false drops it on every processing.
  field.schema['x-visible'] = false;
  return [];
}
