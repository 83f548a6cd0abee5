/**
 * The operations on the spec beside its fields: add-options (code tables), set-parameter,
 * add-rule, add-form and set-form-signable. Each checks first and changes the (already cloned) spec only when it
 * is allowed; it returns the problems that kept it from applying.
 */
import { validateMetadata } from '../metaschemas/validateMetadata.js';
import { checkRule } from '../rules/checkRule.js';
import type { FormDefinition, FormRule, Operation } from '../types/generated.js';
import type { BaseSpec } from './BaseSpec.js';
import { operationProblem, type OverlayProblem } from './OverlayProblem.js';

type Op<K extends Operation['op']> = Extract<Operation, { op: K }>;

export function addOptions(
  spec: BaseSpec,
  op: Op<'add-options'>,
  index: number,
  lockedTables: ReadonlySet<string>,
): OverlayProblem[] {
  const table = spec.codeTables[op.codeTable];
  if (!table)
    return [
      operationProblem(
        index,
        'code-table-unknown',
        `代码表 "${op.codeTable}" 不存在`,
        `code table "${op.codeTable}" is not known`,
      ),
    ];
  if (lockedTables.has(op.codeTable))
    return [
      operationProblem(
        index,
        'locked',
        `代码表 "${op.codeTable}" 供锁定字段（x-locked）使用，不能增加选项`,
        `code table "${op.codeTable}" serves a locked field (x-locked); options may not be added`,
      ),
    ];
  const seen = new Set(table.codes.map((c) => c.code));
  const duplicates: string[] = [];
  for (const { code } of op.codes) {
    if (seen.has(code)) duplicates.push(code);
    seen.add(code);
  }
  if (duplicates.length)
    return [
      operationProblem(
        index,
        'code-exists',
        `代码表 "${op.codeTable}" 中已有代码 ${duplicates.join('、')}`,
        `code table "${op.codeTable}" already has code(s) ${duplicates.join(', ')}`,
      ),
    ];
  table.codes.push(...(structuredClone(op.codes) as typeof table.codes));
  return [];
}

export function setParameter(
  spec: BaseSpec,
  op: Op<'set-parameter'>,
  index: number,
): OverlayProblem[] {
  const parameter = spec.parameters.parameters.find((p) => p.key === op.key);
  if (!parameter)
    return [
      operationProblem(
        index,
        'parameter-unknown',
        `参数 "${op.key}" 不存在`,
        `parameter "${op.key}" is not known`,
      ),
    ];
  if (parameter.overridable === false)
    return [
      operationProblem(
        index,
        'parameter-not-overridable',
        `参数 "${op.key}" 不允许地方修改`,
        `parameter "${op.key}" may not be overridden`,
      ),
    ];
  const { value } = op;
  const numeric = parameter.type === 'number' || parameter.type === 'integer';
  const typeFits = numeric
    ? typeof value === 'number' &&
      Number.isFinite(value) &&
      (parameter.type === 'number' || Number.isInteger(value))
    : typeof value === parameter.type;
  if (!typeFits)
    return [
      operationProblem(
        index,
        'parameter-wrong-type',
        `参数 "${op.key}" 应为 ${parameter.type}，而值为 ${JSON.stringify(value)}`,
        `parameter "${op.key}" must be ${parameter.type}, not ${JSON.stringify(value)}`,
      ),
    ];
  if (
    numeric &&
    ((parameter.minimum !== undefined && (value as number) < parameter.minimum) ||
      (parameter.maximum !== undefined && (value as number) > parameter.maximum))
  )
    return [
      operationProblem(
        index,
        'parameter-out-of-range',
        `参数 "${op.key}" 的值 ${String(value)} 超出允许范围 ${parameter.minimum ?? '-∞'}–${parameter.maximum ?? '∞'}`,
        `value ${String(value)} of parameter "${op.key}" is outside ${parameter.minimum ?? '-∞'}–${parameter.maximum ?? '∞'}`,
      ),
    ];
  parameter.value = value;
  return [];
}

export function addRule(form: FormDefinition, op: Op<'add-rule'>, index: number): OverlayProblem[] {
  const rule = structuredClone(op.rule) as unknown as FormRule;
  if ((form.rules ?? []).some((r) => r.id === rule.id))
    return [
      operationProblem(
        index,
        'rule-exists',
        `表单 "${form.key}" 中已有规则 "${String(rule.id)}"`,
        `form "${form.key}" already has a rule "${String(rule.id)}"`,
      ),
    ];
  const reasons = [
    ...validateMetadata('form-definition', { ...form, rules: [rule] }).map((e) => e.message),
    ...(['when', 'assert'] as const).flatMap((part) =>
      part in rule ? checkRule(rule[part]).map((p) => p.message) : [],
    ),
  ];
  if (reasons.length)
    return [
      operationProblem(
        index,
        'rule-invalid',
        `规则 "${String(rule.id)}" 无效：${reasons.map((r) => r.zh).join('；')}`,
        `rule "${String(rule.id)}" is invalid: ${reasons.map((r) => r.en).join('; ')}`,
      ),
    ];
  form.rules = [...(form.rules ?? []), rule];
  return [];
}

export function addForm(spec: BaseSpec, op: Op<'add-form'>, index: number): OverlayProblem[] {
  const definition = structuredClone(op.definition) as unknown as FormDefinition;
  const key = String(definition.key);
  if (Object.hasOwn(spec.forms, key))
    return [
      operationProblem(
        index,
        'form-exists',
        `表单 "${key}" 已存在`,
        `form "${key}" already exists`,
      ),
    ];
  const errors = validateMetadata('form-definition', definition);
  if (op.form !== undefined && op.form !== key)
    errors.push({
      path: '/key',
      keyword: 'const',
      message: { zh: `应为 "${op.form}"`, en: `must be "${op.form}"` },
    });
  if (errors.length)
    return [
      operationProblem(
        index,
        'form-invalid',
        `表单 "${key}" 无效：${errors.map((e) => `${e.path} ${e.message.zh}`).join('；')}`,
        `form "${key}" is invalid: ${errors.map((e) => `${e.path} ${e.message.en}`).join('; ')}`,
      ),
    ];
  spec.forms[key] = definition;
  return [];
}

/**
 * Marks a form signable (`x-signable: true` at its schema's root: each submission is signed by
 * the user who stores it) or not. A form the base marks signable stays signable: a province may
 * sign more, never less.
 */
export function setFormSignable(
  form: FormDefinition,
  baseForm: FormDefinition | undefined,
  op: Op<'set-form-signable'>,
  index: number,
): OverlayProblem[] {
  if (!op.signable && baseForm?.schema['x-signable'] === true)
    return [
      operationProblem(
        index,
        'signable-locked',
        `基础规范要求表单 "${op.form}" 签名，地方不能取消`,
        `the base has form "${op.form}" signed; an overlay may not turn that off`,
      ),
    ];
  if (op.signable) form.schema['x-signable'] = true;
  else delete form.schema['x-signable'];
  return [];
}
