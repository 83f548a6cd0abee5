import type { FormDefinition, Operation } from '@formwork/definitions';

/**
 * The provincial overlay editor's operations, without Vue: what each dialog writes (the overlay
 * operations of `definitions`, nothing of our own), each operation said in words, and how a
 * field of the province's effective form differs from the national one. Whether an operation is
 * allowed is the engine's to say (it applies the overlay on every save, with the base's locks).
 */

export type OverlayOperation = Operation;
type Op<K extends Operation['op']> = Extract<Operation, { op: K }>;
type Lang = 'zh' | 'en';

/** The kinds of field a province adds through the dialog, and the JSON Schema each writes. */
export const NEW_FIELD_KINDS = ['text', 'integer', 'number', 'yes-no', 'date'] as const;
export type NewFieldKind = (typeof NEW_FIELD_KINDS)[number];

export interface NewField {
  form: string;
  name: string;
  label: { zh: string; en: string };
  kind: NewFieldKind;
  /** The field it follows in the form; at the end when absent. */
  after?: string;
  required?: boolean;
  minimum?: number;
  maximum?: number;
  unit?: string;
}

/** A field name the engine accepts: a letter, then letters, digits or `_` (at most 64). */
export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export function addFieldOperation(field: NewField): Op<'add-field'> {
  const schema: Record<string, unknown> = {
    title: field.label.zh,
    'x-title-en': field.label.en,
  };
  switch (field.kind) {
    case 'text':
      schema.type = 'string';
      schema.maxLength = 200;
      break;
    case 'integer':
    case 'number':
      schema.type = field.kind;
      if (field.minimum !== undefined) schema.minimum = field.minimum;
      if (field.maximum !== undefined) schema.maximum = field.maximum;
      if (field.unit) schema['x-unit'] = field.unit;
      break;
    case 'yes-no':
      schema.type = 'string';
      schema['x-code-table'] = 'yes-no';
      break;
    case 'date':
      schema.type = 'string';
      schema.format = 'date';
      break;
  }
  return {
    op: 'add-field',
    form: field.form,
    path: '',
    field: {
      name: field.name,
      schema,
      ...(field.after ? { after: field.after } : {}),
      ...(field.required ? { required: true } : {}),
    },
  };
}

/** A narrower range for a number (minimum / maximum) or a text (minLength / maxLength). */
export function tightenRangeOperation(
  form: string,
  path: string,
  range: { minimum?: number; maximum?: number; minLength?: number; maxLength?: number },
): Op<'tighten-range'> {
  const op: Op<'tighten-range'> = { op: 'tighten-range', form, path };
  for (const key of ['minimum', 'maximum', 'minLength', 'maxLength'] as const)
    if (range[key] !== undefined) op[key] = range[key];
  return op;
}

export const makeRequiredOperation = (form: string, path: string): Op<'make-required'> => ({
  op: 'make-required',
  form,
  path,
});

/** Submissions of `form` are signed by whoever stores them (x-signable; never un-marks the base's). */
export const signFormOperation = (form: string): Op<'set-form-signable'> => ({
  op: 'set-form-signable',
  form,
  signable: true,
});

export const hideFieldOperation = (form: string, path: string): Op<'hide-field'> => ({
  op: 'hide-field',
  form,
  path,
});

export const relabelOperation = (
  form: string,
  path: string,
  label: { zh: string; en: string },
): Op<'relabel'> => ({ op: 'relabel', form, path, label });

export const setParameterOperation = (
  key: string,
  value: number | string | boolean,
): Op<'set-parameter'> => ({ op: 'set-parameter', key, value });

/** The form an operation concerns, if it concerns one. */
export function formOf(op: OverlayOperation): string | undefined {
  return 'form' in op && typeof op.form === 'string' ? op.form : undefined;
}

/** Where a field operation points (`/sbp`), or the added field's pointer. */
export function pathOf(op: OverlayOperation): string | undefined {
  if (op.op === 'add-field') return `${op.path}/${op.field.name}`;
  return 'path' in op && typeof op.path === 'string' ? op.path : undefined;
}

const range = (min: unknown, max: unknown) =>
  `${min === undefined ? '…' : String(min)}–${max === undefined ? '…' : String(max)}`;

/** An added piece of metadata said by its id and title: 新增代码表 fj-levels「自理能力」. */
function added(part: Record<string, unknown>, lang: Lang, zh: string, en: string): string {
  const id = typeof part.id === 'string' ? part.id : '';
  const title = part.title as { zh?: string; en?: string } | undefined;
  const name = title?.[lang];
  if (lang === 'zh') return `${zh} ${id}${name ? `「${name}」` : ''}`;
  return `${en} ${id}${name ? ` “${name}”` : ''}`;
}

/** One operation in the configurator's words, in the interface language. */
export function describeOperation(op: OverlayOperation, lang: Lang): string {
  const zh = lang === 'zh';
  switch (op.op) {
    case 'add-field': {
      const title = (zh ? op.field.schema.title : op.field.schema['x-title-en']) ?? op.field.name;
      const after = op.field.after
        ? zh
          ? `，位于 ${op.field.after} 之后`
          : `, after ${op.field.after}`
        : '';
      return zh
        ? `在 ${op.form} 中新增字段「${String(title)}」(${op.field.name})${after}${op.field.required ? '，必填' : ''}`
        : `Add field “${String(title)}” (${op.field.name}) to ${op.form}${after}${op.field.required ? ', required' : ''}`;
    }
    case 'tighten-range': {
      const text =
        op.minimum !== undefined || op.maximum !== undefined
          ? range(op.minimum, op.maximum)
          : `${zh ? '长度' : 'length'} ${range(op.minLength, op.maxLength)}`;
      return zh
        ? `收紧 ${op.form} ${op.path} 的范围为 ${text}`
        : `Tighten ${op.form} ${op.path} to ${text}`;
    }
    case 'make-required':
      return zh ? `将 ${op.form} ${op.path} 设为必填` : `Make ${op.form} ${op.path} required`;
    case 'hide-field':
      return zh ? `隐藏 ${op.form} ${op.path}` : `Hide ${op.form} ${op.path}`;
    case 'relabel':
      return zh
        ? `将 ${op.form} ${op.path} 改名为「${op.label.zh}」`
        : `Relabel ${op.form} ${op.path} as “${op.label.en}”`;
    case 'add-options':
      return zh
        ? `为代码表 ${op.codeTable} 增加选项 ${op.codes.map((c) => `${c.code} ${c.label.zh}`).join('、')}`
        : `Add options ${op.codes.map((c) => `${c.code} ${c.label.en}`).join(', ')} to code table ${op.codeTable}`;
    case 'set-parameter':
      return zh
        ? `参数 ${op.key} 设为 ${String(op.value)}`
        : `Set parameter ${op.key} to ${String(op.value)}`;
    case 'add-rule': {
      const id = typeof op.rule.id === 'string' ? op.rule.id : '';
      return zh ? `为 ${op.form} 增加规则 ${id}` : `Add rule ${id} to ${op.form}`;
    }
    case 'add-form': {
      const key = typeof op.definition.key === 'string' ? op.definition.key : '';
      return zh ? `新增表单 ${key}` : `Add form ${key}`;
    }
    case 'set-form-signable':
      return op.signable
        ? zh
          ? `${op.form} 的提交须电子签名（SM2）`
          : `Submissions of ${op.form} are signed (SM2)`
        : zh
          ? `${op.form} 的提交不再签名`
          : `Submissions of ${op.form} are no longer signed`;
    case 'add-workflow':
      return zh ? `新增流程 ${op.workflow}` : `Add workflow ${op.workflow}`;
    case 'replace-workflow':
      return zh ? `替换流程 ${op.workflow}` : `Replace workflow ${op.workflow}`;
    case 'add-code-table':
      return added(op.codeTable, lang, '新增代码表', 'Add code table');
    case 'add-program':
      return added(op.program, lang, '新增服务项目', 'Add programme');
    case 'add-schedule':
      return added(op.schedule, lang, '新增随访计划', 'Add schedule');
    case 'add-indicator':
      return added(op.indicator, lang, '新增指标', 'Add indicator');
    case 'add-trigger':
      return added(op.trigger, lang, '新增触发', 'Add trigger');
    case 'replace-trigger':
      return added(op.trigger, lang, '替换触发', 'Replace trigger');
    default: {
      const other = op as { op: string };
      return zh ? `操作 ${other.op}` : `Operation ${other.op}`;
    }
  }
}

/** How a field of the province's form differs from the national one. */
export type FieldChange = 'added' | 'changed' | 'hidden';

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  required?: string[];
  [keyword: string]: unknown;
}

/** The schema at a data pointer into nested objects (`/sbp`, `/group/field`), and whether required. */
function schemaAt(
  root: SchemaNode,
  pointer: string,
): { node: SchemaNode; required: boolean } | undefined {
  let node: SchemaNode | undefined = root;
  let required = false;
  for (const name of pointer.split('/').slice(1)) {
    const parent: SchemaNode | undefined = node;
    node = parent?.properties?.[name];
    if (!node) return undefined;
    required = parent!.required?.includes(name) ?? false;
  }
  return node && { node, required };
}

/** What the editor shows of a field's constraints: required, range or length, unit, locked. */
export interface FieldConstraints {
  required: boolean;
  range?: string;
  /** The range is of a text's length (minLength / maxLength), not of a number. */
  text: boolean;
  minimum?: number;
  maximum?: number;
  unit?: string;
  locked: boolean;
}

export function constraintsOf(
  definition: FormDefinition,
  pointer: string,
): FieldConstraints | undefined {
  const at = schemaAt(definition.schema as SchemaNode, pointer);
  if (!at) return undefined;
  const n = at.node;
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const text = n.type === 'string';
  const [minimum, maximum] = text
    ? [num(n.minLength), num(n.maxLength)]
    : [num(n.minimum), num(n.maximum)];
  return {
    required: at.required,
    text,
    ...(minimum !== undefined || maximum !== undefined
      ? { range: range(minimum, maximum), minimum, maximum }
      : {}),
    ...(typeof n['x-unit'] === 'string' ? { unit: n['x-unit'] } : {}),
    locked: n['x-locked'] === true,
  };
}

const COMPARED = ['title', 'x-title-en', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern'];

/**
 * For each field pointer of the effective form, how it differs from the base form: added (not in
 * the base), hidden (the overlay's hide-field: `x-visible: false`), changed (label, range,
 * pattern or required).
 */
export function fieldChanges(
  base: FormDefinition | undefined,
  effective: FormDefinition,
  pointers: readonly string[],
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const pointer of pointers) {
    const now = schemaAt(effective.schema as SchemaNode, pointer);
    if (!now) continue;
    const before = base ? schemaAt(base.schema as SchemaNode, pointer) : undefined;
    if (!before) changes[pointer] = 'added';
    else if (now.node['x-visible'] === false && before.node['x-visible'] !== false)
      changes[pointer] = 'hidden';
    else if (
      now.required !== before.required ||
      COMPARED.some((k) => JSON.stringify(now.node[k]) !== JSON.stringify(before.node[k]))
    )
      changes[pointer] = 'changed';
  }
  return changes;
}

/** The newest semantic version of `versions` (numerically: 1.10.0 after 1.9.0). */
export function newestVersion(versions: readonly string[]): string | undefined {
  const parsed = versions
    .map((v) => /^(\d+)\.(\d+)\.(\d+)$/.exec(v))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort(
      (a, b) =>
        Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2]) || Number(a[3]) - Number(b[3]),
    );
  return parsed.at(-1)?.[0];
}

/** The next minor version after the newest of `versions` (1.2.0 → 1.3.0); 1.0.0 when none. */
export function nextMinorVersion(versions: readonly string[]): string {
  const newest = newestVersion(versions);
  if (!newest) return '1.0.0';
  const [major, minor] = newest.split('.').map(Number);
  return `${major}.${minor! + 1}.0`;
}
