/**
 * Rebasing a jurisdiction's overlay when the base it names publishes a new version: every
 * operation that still applies to the new base, and whose target the base left alone, carries
 * over; the others are conflicts, each listed with the operation, what the base changed there and
 * why it cannot simply be carried.
 */
import { validateMetadata } from '../metaschemas/validateMetadata.js';
import type { FormDefinition, Operation, Overlay } from '../types/generated.js';
import type { LocalizedMessage } from '../validation/formErrors.js';
import { applyOverlay } from './applyOverlay.js';
import type { BaseSpec } from './BaseSpec.js';
import { lockedCodeTables } from './lockedCodeTables.js';
import { programIds } from './programIds.js';
import type { OverlayProblem, OverlayProblemCode } from './OverlayProblem.js';
import { fieldAt, isObject, isRequired, schemaAt, type Schema } from './schemaPointer.js';

/** What the new base changed at an operation's target (old base against new base). */
export interface BaseChange {
  form?: string;
  /** JSON pointer of the field (for add-field: of the field the operation adds). */
  path?: string;
  codeTable?: string;
  parameter?: string;
  workflow?: string;
  trigger?: string;
  schedule?: string;
  indicator?: string;
  program?: string;
  description: LocalizedMessage;
}

/** An operation that is not carried over, with the base change it meets and the reason. */
export interface RebaseConflict {
  /** Index of the operation in the overlay being rebased. */
  index: number;
  op: Operation;
  baseChange: BaseChange;
  reason: LocalizedMessage;
  code: OverlayProblemCode;
}

export interface RebaseResult {
  /**
   * The overlay re-targeted to the new base (`base.version` is the new one) holding the carried
   * operations in their order; its `version` is left for the caller to set.
   */
  overlay: Overlay;
  /** Indexes (in the overlay rebased) of the operations carried over. */
  carried: number[];
  conflicts: RebaseConflict[];
  /** Problems of the overlay as a whole (invalid, or not for `oldBase`): then nothing is carried. */
  problems: OverlayProblem[];
}

type Op<K extends Operation['op']> = Extract<Operation, { op: K }>;

/** A base change at the target, and whether it is the very thing the operation changes. */
interface TargetChange {
  change: BaseChange;
  conflict?: { code: OverlayProblemCode; reason: LocalizedMessage };
}

const msg = (zh: string, en: string): LocalizedMessage => ({ zh, en });
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

/**
 * Rebases `overlay` (written for `oldBase`) onto `newBase`. An operation conflicts when
 * `applyOverlay` on the new base refuses it (its problem is the reason), or when the base changed
 * the very thing the operation changes (both relabel a field, both add a field of that name or
 * title, both move the same bound, both set a parameter, both replace a workflow...). Conflicting
 * operations are left out; the rebased overlay applies to `newBase` without problems. Never
 * changes its arguments.
 */
export async function rebaseOverlay(
  oldBase: BaseSpec,
  newBase: BaseSpec,
  overlay: Overlay,
): Promise<RebaseResult> {
  const problems = overlayProblems(oldBase, newBase, overlay);
  if (problems.length)
    return { overlay: structuredClone(overlay), carried: [], conflicts: [], problems };
  const ops = overlay.operations;
  const changes = ops.map((op) => targetChange(oldBase, newBase, op));
  const conflicts = new Map<number, RebaseConflict>();
  let carried = ops.map((_, index) => index);
  // Dropping an operation may break a later one that relied on it (a field placed after a field
  // the overlay added), so apply the remaining ones again until none is refused.
  for (;;) {
    const { problems: refused } = await applyOverlay(newBase, rebased(overlay, newBase, carried));
    const problemOf = new Map<number, OverlayProblem>();
    for (const problem of refused) {
      const at = /^\/operations\/(\d+)/.exec(problem.path);
      const index = at ? carried[Number(at[1])] : undefined;
      if (index !== undefined && !problemOf.has(index)) problemOf.set(index, problem);
    }
    const found: RebaseConflict[] = [];
    for (const index of carried) {
      const op = ops[index]!;
      const target = changes[index];
      const problem = problemOf.get(index);
      if (problem)
        found.push({
          index,
          op,
          baseChange:
            target?.change ?? unchanged(index, [...conflicts.keys(), ...found.map((c) => c.index)]),
          reason: problem.message,
          code: problem.code,
        });
      else if (target?.conflict)
        found.push({ index, op, baseChange: target.change, ...target.conflict });
    }
    if (!found.length) break;
    for (const conflict of found) conflicts.set(conflict.index, conflict);
    carried = carried.filter((index) => !conflicts.has(index));
  }
  return {
    overlay: rebased(overlay, newBase, carried),
    carried,
    conflicts: [...conflicts.values()].sort((a, b) => a.index - b.index),
    problems: [],
  };
}

function rebased(overlay: Overlay, newBase: BaseSpec, carried: number[]): Overlay {
  return {
    ...structuredClone(overlay),
    base: { spec: newBase.spec, version: newBase.version },
    operations: carried.map((index) => structuredClone(overlay.operations[index]!)),
  };
}

function overlayProblems(oldBase: BaseSpec, newBase: BaseSpec, overlay: Overlay): OverlayProblem[] {
  const invalid = validateMetadata('overlay', overlay);
  if (invalid.length)
    return invalid.map((e) => ({ path: e.path, code: 'overlay-invalid', message: e.message }));
  const { spec, version } = overlay.base;
  if (spec !== oldBase.spec || version !== oldBase.version || newBase.spec !== oldBase.spec)
    return [
      {
        path: '/base',
        code: 'wrong-base',
        message: msg(
          `调整针对 ${spec} ${version}，无法从 ${oldBase.spec} ${oldBase.version} 变基到 ${newBase.spec} ${newBase.version}`,
          `the overlay is for ${spec} ${version}; it cannot be rebased from ${oldBase.spec} ${oldBase.version} to ${newBase.spec} ${newBase.version}`,
        ),
      },
    ];
  return [];
}

/** The base change of an operation refused although the base left its target alone. */
function unchanged(index: number, dropped: number[]): BaseChange {
  const before = dropped.filter((i) => i < index).sort((a, b) => a - b);
  if (!before.length)
    return { description: msg('基础规范在此处未变', 'the base did not change here') };
  const list = before.map((i) => `#${i}`).join(', ');
  return {
    description: msg(
      `基础规范在此处未变；此前未能沿用的操作 ${list} 可能是其依赖`,
      `the base did not change here; it may rely on operations not carried over: ${list}`,
    ),
  };
}

function targetChange(
  oldBase: BaseSpec,
  newBase: BaseSpec,
  op: Operation,
): TargetChange | undefined {
  switch (op.op) {
    case 'add-options':
      return optionsChange(oldBase, newBase, op);
    case 'set-parameter':
      return parameterChange(oldBase, newBase, op);
    case 'add-form': {
      const key = String(op.definition.key ?? op.form);
      return formAdded(oldBase, newBase, key);
    }
    case 'add-workflow':
    case 'replace-workflow':
      return workflowChange(oldBase, newBase, op);
    case 'add-trigger':
    case 'replace-trigger':
      return triggerChange(oldBase, newBase, op);
    case 'add-code-table':
    case 'add-program':
    case 'add-schedule':
    case 'add-indicator':
      return additionChange(oldBase, newBase, op);
    default:
      return formTargetChange(oldBase, newBase, op);
  }
}

function formAdded(oldBase: BaseSpec, newBase: BaseSpec, form: string): TargetChange | undefined {
  if (Object.hasOwn(oldBase.forms, form) || !Object.hasOwn(newBase.forms, form)) return undefined;
  return {
    change: {
      form,
      description: msg(`基础规范新增了表单 "${form}"`, `the base added form "${form}"`),
    },
  };
}

type FormOp = Op<
  | 'add-field'
  | 'tighten-range'
  | 'hide-field'
  | 'relabel'
  | 'make-required'
  | 'add-rule'
  | 'set-form-signable'
>;

function formTargetChange(
  oldBase: BaseSpec,
  newBase: BaseSpec,
  op: FormOp,
): TargetChange | undefined {
  const oldForm = Object.hasOwn(oldBase.forms, op.form) ? oldBase.forms[op.form] : undefined;
  const newForm = Object.hasOwn(newBase.forms, op.form) ? newBase.forms[op.form] : undefined;
  if (!newForm)
    return oldForm
      ? {
          change: {
            form: op.form,
            description: msg(
              `基础规范删除了表单 "${op.form}"`,
              `the base removed form "${op.form}"`,
            ),
          },
        }
      : undefined;
  if (!oldForm) {
    // The overlay's own form (add-form) is now a base form: the operation would change that one.
    const added = formAdded(oldBase, newBase, op.form)!;
    return {
      ...added,
      conflict: {
        code: 'form-exists',
        reason: msg(
          `该操作修改的是调整自行新增的表单 "${op.form}"，基础规范现已有同名表单`,
          `the operation changed form "${op.form}" the overlay added; the base now has a form of that key`,
        ),
      },
    };
  }
  if (op.op === 'add-field') return addFieldChange(oldBase, newBase, oldForm, newForm, op);
  if (op.op === 'add-rule') return ruleChange(oldForm, newForm, op);
  if (op.op === 'set-form-signable') return signableChange(oldForm, newForm, op);
  return fieldChange(oldForm, newForm, op);
}

function addFieldChange(
  oldBase: BaseSpec,
  newBase: BaseSpec,
  oldForm: FormDefinition,
  newForm: FormDefinition,
  op: Op<'add-field'>,
): TargetChange | undefined {
  const { name, after, schema } = op.field;
  const path = `${op.path}/${name}`;
  const at = (description: LocalizedMessage) => ({ form: op.form, path, description });
  const oldParent = schemaAt(oldForm.schema, op.path);
  const newParent = schemaAt(newForm.schema, op.path);
  const where = op.path === '' ? '' : op.path;
  if (oldParent && !newParent)
    return { change: at(msg(`基础规范删除了 ${where}`, `the base removed ${where}`)) };
  const oldProps = isObject(oldParent?.properties) ? oldParent.properties : {};
  const newProps = isObject(newParent?.properties) ? newParent.properties : {};
  if (Object.hasOwn(newProps, name) && !Object.hasOwn(oldProps, name))
    return {
      change: at(
        msg(
          `基础规范在${where ? ` ${where} ` : '顶层'}新增了字段 "${name}"`,
          `the base added field "${name}" to ${where || 'the top level'}`,
        ),
      ),
    };
  if (after !== undefined && Object.hasOwn(oldProps, after) && !Object.hasOwn(newProps, after))
    return {
      change: at(
        msg(
          `基础规范删除了字段 ${where}/${after}，即 "${name}" 所在位置之前的字段`,
          `the base removed field ${where}/${after}, which "${name}" is placed after`,
        ),
      ),
    };
  const title = schema.title;
  const similar = Object.keys(newProps).find(
    (key) =>
      !Object.hasOwn(oldProps, key) &&
      title !== undefined &&
      isObject(newProps[key]) &&
      newProps[key].title === title,
  );
  if (similar !== undefined)
    return {
      change: at(
        msg(
          `基础规范新增了同名（"${String(title)}"）字段 "${similar}"`,
          `the base added field "${similar}" with the same title "${String(title)}"`,
        ),
      ),
      conflict: {
        code: 'base-added-similar-field',
        reason: msg(
          `"${name}" 与基础规范新增的 "${similar}" 记录的是同一项目，应改用国家字段`,
          `"${name}" records what the base's new "${similar}" records; use the national field`,
        ),
      },
    };
  const removedTable = codeTablesOf(schema).find(
    (id) => Object.hasOwn(oldBase.codeTables, id) && !Object.hasOwn(newBase.codeTables, id),
  );
  if (removedTable !== undefined)
    return {
      change: {
        ...at(
          msg(
            `基础规范删除了代码表 "${removedTable}"`,
            `the base removed code table "${removedTable}"`,
          ),
        ),
        codeTable: removedTable,
      },
      conflict: {
        code: 'code-table-unknown',
        reason: msg(
          `新增字段 "${name}" 使用的代码表 "${removedTable}" 已不存在`,
          `code table "${removedTable}" of the added field "${name}" no longer exists`,
        ),
      },
    };
  return undefined;
}

function codeTablesOf(schema: Schema): string[] {
  const items = isObject(schema.items) ? schema.items : {};
  return [schema['x-code-table'], items['x-code-table']].filter((id) => typeof id === 'string');
}

const BOUNDS = ['minimum', 'maximum', 'minLength', 'maxLength'] as const;

function fieldChange(
  oldForm: FormDefinition,
  newForm: FormDefinition,
  op: Op<'tighten-range' | 'hide-field' | 'relabel' | 'make-required'>,
): TargetChange | undefined {
  const before = fieldAt(oldForm.schema, op.path);
  const after = fieldAt(newForm.schema, op.path);
  const at = (zh: string, en: string) => ({
    form: op.form,
    path: op.path,
    description: msg(zh, en),
  });
  if (before && !after)
    return { change: at(`基础规范删除了字段 ${op.path}`, `the base removed field ${op.path}`) };
  if (!after) return undefined;
  if (!before)
    return {
      change: at(`基础规范新增了字段 ${op.path}`, `the base added field ${op.path}`),
      conflict: {
        code: 'field-exists',
        reason: msg(
          `该操作修改的是调整自行新增的字段 ${op.path}，基础规范现已定义该字段`,
          `the operation changed field ${op.path} the overlay added; the base now defines it`,
        ),
      },
    };
  const was = before.schema;
  const is = after.schema;
  switch (op.op) {
    case 'relabel': {
      if (same([was.title, was['x-title-en']], [is.title, is['x-title-en']])) break;
      return {
        change: at(
          `基础规范将字段 ${op.path} 改名：“${String(was.title)}” → “${String(is.title)}”`,
          `the base relabelled field ${op.path}: "${String(was['x-title-en'] ?? was.title)}" → "${String(is['x-title-en'] ?? is.title)}"`,
        ),
        conflict: {
          code: 'base-relabelled',
          reason: msg(
            `调整与基础规范都修改了字段 ${op.path} 的名称`,
            `both the overlay and the base relabel field ${op.path}`,
          ),
        },
      };
    }
    case 'tighten-range': {
      const moved = BOUNDS.filter((key) => op[key] !== undefined && !same(was[key], is[key]));
      if (!moved.length) break;
      const list = moved.map((key) => `${key} ${show(was[key])} → ${show(is[key])}`).join(', ');
      return {
        change: at(
          `基础规范修改了字段 ${op.path} 的范围：${list}`,
          `the base changed the range of field ${op.path}: ${list}`,
        ),
        conflict: {
          code: 'base-changed-range',
          reason: msg(
            `调整收紧的 ${moved.join('、')} 已被基础规范修改`,
            `the ${moved.join(', ')} the overlay tightens changed in the base`,
          ),
        },
      };
    }
    case 'hide-field': {
      if (!same(was['x-visible'], is['x-visible']))
        return {
          change: at(
            `基础规范修改了字段 ${op.path} 的显示条件：${show(was['x-visible'])} → ${show(is['x-visible'])}`,
            `the base changed when field ${op.path} shows: ${show(was['x-visible'])} → ${show(is['x-visible'])}`,
          ),
          conflict: {
            code: 'base-changed-visibility',
            reason: msg(
              `调整隐藏的字段 ${op.path} 的显示条件已被基础规范修改`,
              `the base changed the visibility of field ${op.path} the overlay hides`,
            ),
          },
        };
      if (!isRequired(before) && isRequired(after))
        return {
          change: at(
            `基础规范将字段 ${op.path} 改为必填`,
            `the base made field ${op.path} required`,
          ),
        };
      break;
    }
    case 'make-required':
      // Already required by the base: the operation changes nothing, which is no conflict.
      if (!isRequired(before) && isRequired(after))
        return {
          change: at(
            `基础规范已将字段 ${op.path} 改为必填`,
            `the base made field ${op.path} required`,
          ),
        };
      break;
  }
  if (was['x-locked'] !== true && is['x-locked'] === true)
    return { change: at(`基础规范锁定了字段 ${op.path}`, `the base locked field ${op.path}`) };
  return undefined;
}

/** The base marking or unmarking a form signable under an overlay's set-form-signable. */
function signableChange(
  oldForm: FormDefinition,
  newForm: FormDefinition,
  op: Op<'set-form-signable'>,
): TargetChange | undefined {
  const was = oldForm.schema['x-signable'] === true;
  const is = newForm.schema['x-signable'] === true;
  if (was === is) return undefined;
  const change = {
    form: op.form,
    description: is
      ? msg(`基础规范将表单 "${op.form}" 标为需签名`, `the base marked form "${op.form}" signable`)
      : msg(
          `基础规范取消了表单 "${op.form}" 的签名要求`,
          `the base no longer marks form "${op.form}" signable`,
        ),
  };
  if (!is || op.signable) return { change };
  return {
    change,
    conflict: {
      code: 'signable-locked',
      reason: msg(
        `基础规范现要求表单 "${op.form}" 签名，调整不能取消`,
        `the base now has form "${op.form}" signed; the overlay may not turn that off`,
      ),
    },
  };
}

function ruleChange(
  oldForm: FormDefinition,
  newForm: FormDefinition,
  op: Op<'add-rule'>,
): TargetChange | undefined {
  const id = String(op.rule.id);
  const at = (zh: string, en: string) => ({ form: op.form, description: msg(zh, en) });
  const hasRule = (form: FormDefinition) => (form.rules ?? []).some((r) => r.id === id);
  if (hasRule(newForm) && !hasRule(oldForm))
    return { change: at(`基础规范新增了规则 "${id}"`, `the base added rule "${id}"`) };
  const removed = [...new Set(varPaths(op.rule))]
    .map((v) => `/${v.split('.').join('/')}`)
    .filter((p) => fieldAt(oldForm.schema, p) && !fieldAt(newForm.schema, p));
  if (!removed.length) return undefined;
  return {
    change: {
      ...at(
        `基础规范删除了字段 ${removed.join('、')}`,
        `the base removed field(s) ${removed.join(', ')}`,
      ),
      path: removed[0],
    },
    conflict: {
      code: 'field-unknown',
      reason: msg(
        `规则 "${id}" 读取的字段 ${removed.join('、')} 已不存在`,
        `rule "${id}" reads field(s) ${removed.join(', ')} that no longer exist`,
      ),
    },
  };
}

/** Every `var` path a JsonLogic rule reads. */
function varPaths(rule: unknown): string[] {
  if (Array.isArray(rule)) return rule.flatMap(varPaths);
  if (!isObject(rule)) return [];
  return Object.entries(rule).flatMap(([operator, arg]) => {
    if (operator !== 'var') return varPaths(arg);
    const first: unknown = Array.isArray(arg) ? arg[0] : arg;
    return typeof first === 'string' && first !== '' ? [first] : [];
  });
}

function optionsChange(
  oldBase: BaseSpec,
  newBase: BaseSpec,
  op: Op<'add-options'>,
): TargetChange | undefined {
  const id = op.codeTable;
  const before = Object.hasOwn(oldBase.codeTables, id) ? oldBase.codeTables[id] : undefined;
  const after = Object.hasOwn(newBase.codeTables, id) ? newBase.codeTables[id] : undefined;
  const at = (zh: string, en: string) => ({ codeTable: id, description: msg(zh, en) });
  if (before && !after)
    return { change: at(`基础规范删除了代码表 "${id}"`, `the base removed code table "${id}"`) };
  if (!before || !after) return undefined;
  const oldCodes = new Set(before.codes.map((c) => c.code));
  const added = after.codes.filter((c) => !oldCodes.has(c.code));
  const clash = op.codes.filter((c) => added.some((a) => a.code === c.code));
  if (clash.length) {
    const list = clash.map((c) => c.code).join(', ');
    return {
      change: at(
        `基础规范在代码表 "${id}" 中新增了代码 ${list}`,
        `the base added code(s) ${list} to code table "${id}"`,
      ),
    };
  }
  const similar = op.codes.flatMap((c) => {
    const match = added.find((a) => a.label.zh === c.label.zh);
    return match ? [[c.code, match.code, c.label.zh] as const] : [];
  });
  if (similar.length) {
    const zh = similar
      .map(([mine, theirs, label]) => `“${label}”（调整 ${mine}，国家 ${theirs}）`)
      .join('、');
    const en = similar
      .map(([mine, theirs, label]) => `"${label}" (overlay ${mine}, base ${theirs})`)
      .join(', ');
    return {
      change: at(
        `基础规范在代码表 "${id}" 中新增了同名选项 ${zh}`,
        `the base added option(s) ${en} to code table "${id}"`,
      ),
      conflict: {
        code: 'base-added-similar-option',
        reason: msg(
          `调整新增的选项 ${zh} 已由基础规范以其他代码提供`,
          `the base now offers option(s) ${en} under its own code`,
        ),
      },
    };
  }
  if (!lockedCodeTables(oldBase.forms).has(id) && lockedCodeTables(newBase.forms).has(id))
    return {
      change: at(
        `代码表 "${id}" 现供基础规范锁定的字段使用`,
        `code table "${id}" now serves a field the base locks`,
      ),
    };
  return undefined;
}

const PARAMETER_KEYS = ['value', 'type', 'unit', 'minimum', 'maximum', 'overridable'] as const;
/** What a parameter override means: the base changing these changes what the override overrides. */
const PARAMETER_MEANING = new Set<string>(['value', 'type', 'unit']);

function parameterChange(
  oldBase: BaseSpec,
  newBase: BaseSpec,
  op: Op<'set-parameter'>,
): TargetChange | undefined {
  const before = oldBase.parameters.parameters.find((p) => p.key === op.key);
  const after = newBase.parameters.parameters.find((p) => p.key === op.key);
  const at = (zh: string, en: string) => ({ parameter: op.key, description: msg(zh, en) });
  if (before && !after)
    return {
      change: at(`基础规范删除了参数 "${op.key}"`, `the base removed parameter "${op.key}"`),
    };
  if (!before || !after) return undefined;
  const changed = PARAMETER_KEYS.filter((key) => !same(before[key], after[key]));
  if (!changed.length) return undefined;
  const list = changed.map((key) => `${key} ${show(before[key])} → ${show(after[key])}`).join(', ');
  const change = at(
    `基础规范修改了参数 "${op.key}"：${list}`,
    `the base changed parameter "${op.key}": ${list}`,
  );
  if (!changed.some((key) => PARAMETER_MEANING.has(key))) return { change };
  return {
    change,
    conflict: {
      code: 'base-changed-parameter',
      reason: msg(
        `调整设定的参数 "${op.key}" 的默认值、类型或单位已被基础规范修改，需重新确认取值 ${show(op.value)}`,
        `the base changed the default, type or unit of parameter "${op.key}"; the value ${show(op.value)} needs review`,
      ),
    },
  };
}

function workflowChange(
  oldBase: BaseSpec,
  newBase: BaseSpec,
  op: Op<'add-workflow' | 'replace-workflow'>,
): TargetChange | undefined {
  const key = op.workflow;
  const before = Object.hasOwn(oldBase.workflows, key) ? oldBase.workflows[key] : undefined;
  const after = Object.hasOwn(newBase.workflows, key) ? newBase.workflows[key] : undefined;
  const at = (zh: string, en: string) => ({ workflow: key, description: msg(zh, en) });
  if (before === undefined)
    return after === undefined
      ? undefined
      : { change: at(`基础规范新增了流程 "${key}"`, `the base added workflow "${key}"`) };
  if (after === undefined)
    return { change: at(`基础规范删除了流程 "${key}"`, `the base removed workflow "${key}"`) };
  if (op.op !== 'replace-workflow' || before === after) return undefined;
  return {
    change: at(`基础规范修订了流程 "${key}"`, `the base revised workflow "${key}"`),
    conflict: {
      code: 'base-changed-workflow',
      reason: msg(
        `调整替换的流程 "${key}" 已被基础规范修订，替换将丢弃国家修订`,
        `the base revised workflow "${key}" the overlay replaces; replacing it would drop the revision`,
      ),
    },
  };
}

function triggerChange(
  oldBase: BaseSpec,
  newBase: BaseSpec,
  op: Op<'add-trigger' | 'replace-trigger'>,
): TargetChange | undefined {
  const id = String(op.trigger.id ?? '');
  const get = (base: BaseSpec) =>
    Object.hasOwn(base.triggers ?? {}, id) ? base.triggers![id] : undefined;
  const before = get(oldBase);
  const after = get(newBase);
  const at = (zh: string, en: string) => ({ trigger: id, description: msg(zh, en) });
  if (before === undefined)
    return after === undefined
      ? undefined
      : { change: at(`基础规范新增了触发规则 "${id}"`, `the base added trigger "${id}"`) };
  if (after === undefined)
    return { change: at(`基础规范删除了触发规则 "${id}"`, `the base removed trigger "${id}"`) };
  if (op.op !== 'replace-trigger' || same(before, after)) return undefined;
  return {
    change: at(`基础规范修订了触发规则 "${id}"`, `the base revised trigger "${id}"`),
    conflict: {
      code: 'base-changed-trigger',
      reason: msg(
        `调整替换的触发规则 "${id}" 已被基础规范修订，替换将丢弃国家修订`,
        `the base revised trigger "${id}" the overlay replaces; replacing it would drop the revision`,
      ),
    },
  };
}

/**
 * add-code-table, add-program, add-schedule, add-indicator: the base taking the id the overlay
 * adds (a programme also when a base schedule or indicator now names it). Applying the operation
 * to the new base then refuses it (`code-table-exists`, `program-exists`, ...): an overlay never
 * replaces the base's, so the conflict is listed with this change for the province to rename
 * its own or use the national one.
 */
function additionChange(
  oldBase: BaseSpec,
  newBase: BaseSpec,
  op: Op<'add-code-table' | 'add-program' | 'add-schedule' | 'add-indicator'>,
): TargetChange | undefined {
  const added = (has: (base: BaseSpec) => boolean) => !has(oldBase) && has(newBase);
  switch (op.op) {
    case 'add-code-table': {
      const id = String(op.codeTable.id ?? '');
      if (!added((base) => Object.hasOwn(base.codeTables, id))) return undefined;
      const description = msg(`基础规范新增了代码表 "${id}"`, `the base added code table "${id}"`);
      return { change: { codeTable: id, description } };
    }
    case 'add-program': {
      const id = String(op.program.id ?? '');
      if (!added((base) => programIds(base).has(id))) return undefined;
      const description = msg(`基础规范新增了项目 "${id}"`, `the base added programme "${id}"`);
      return { change: { program: id, description } };
    }
    case 'add-schedule': {
      const id = String(op.schedule.id ?? '');
      if (!added((base) => Object.hasOwn(base.schedules ?? {}, id))) return undefined;
      const description = msg(`基础规范新增了随访计划 "${id}"`, `the base added schedule "${id}"`);
      return { change: { schedule: id, description } };
    }
    case 'add-indicator': {
      const id = String(op.indicator.id ?? '');
      if (!added((base) => Object.hasOwn(base.indicators ?? {}, id))) return undefined;
      const description = msg(`基础规范新增了指标 "${id}"`, `the base added indicator "${id}"`);
      return { change: { indicator: id, description } };
    }
  }
}
