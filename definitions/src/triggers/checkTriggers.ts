/**
 * Checks of a spec's triggers (which stored submissions start which workflow) against the spec
 * they belong to: the meta-schema, then that the form, the workflow and its message start event
 * exist, that the condition and every variable are JsonLogic `checkRule` admits, and that they read
 * only fields of the form that are not personal (personal values are sealed wherever form data is
 * stored, and kept out of workflows).
 */
import { walkFields } from '../forms/schemaWalk.js';
import { PERSONAL_KINDS } from '../identity/personalFields.js';
import { validateMetadata } from '../metaschemas/validateMetadata.js';
import type { BaseSpec } from '../overlays/BaseSpec.js';
import { checkRule } from '../rules/checkRule.js';
import { ruleVariables } from '../rules/ruleVariables.js';
import type { FormDefinition, Trigger } from '../types/generated.js';
import type { LocalizedMessage } from '../validation/formErrors.js';
import { messageStartNames } from './messageStarts.js';

export const TRIGGER_PROBLEM_CODES = [
  'trigger-invalid',
  'trigger-id-mismatch',
  'form-unknown',
  'workflow-unknown',
  'message-unknown',
  'rule-invalid',
  'field-unknown',
  'field-personal',
] as const;

export type TriggerProblemCode = (typeof TRIGGER_PROBLEM_CODES)[number];

export interface TriggerProblem {
  /** JSON pointer into the spec: `/triggers/<id>/condition`, `/triggers/<id>/variables/sbp`. */
  path: string;
  code: TriggerProblemCode;
  message: LocalizedMessage;
}

/** The triggers of `spec` of form `formKey` (all when omitted), in id order. */
export function triggersOf(spec: Pick<BaseSpec, 'triggers'>, formKey?: string): Trigger[] {
  return Object.keys(spec.triggers ?? {})
    .sort()
    .map((id) => spec.triggers![id]!)
    .filter((t) => formKey === undefined || t.form === formKey);
}

/** Every trigger of the spec; [] when all are sound. */
export async function checkTriggers(spec: BaseSpec): Promise<TriggerProblem[]> {
  const problems: TriggerProblem[] = [];
  for (const [id, trigger] of Object.entries(spec.triggers ?? {})) {
    const at = `/triggers/${id}`;
    problems.push(...(await checkTrigger(spec, trigger, at)));
    if (isRecord(trigger) && typeof trigger.id === 'string' && trigger.id !== id)
      problems.push({
        path: `${at}/id`,
        code: 'trigger-id-mismatch',
        message: {
          zh: `触发规则 "${id}" 的 id 为 "${trigger.id}"，应与其键相同`,
          en: `trigger "${id}" has id "${trigger.id}"; it must equal its key`,
        },
      });
  }
  return problems;
}

/** One trigger (which need not be in `spec.triggers` yet: an overlay adding it) against `spec`. */
export async function checkTrigger(
  spec: BaseSpec,
  trigger: unknown,
  at = '',
): Promise<TriggerProblem[]> {
  const invalid = validateMetadata('trigger', trigger);
  if (invalid.length)
    return invalid.map((e) => ({
      path: `${at}${e.path}`,
      code: 'trigger-invalid',
      message: e.message,
    }));
  const t = trigger as Trigger;
  const problems: TriggerProblem[] = [];
  const problem = (path: string, code: TriggerProblemCode, zh: string, en: string) =>
    problems.push({ path: `${at}${path}`, code, message: { zh, en } });
  const form = Object.hasOwn(spec.forms, t.form) ? spec.forms[t.form] : undefined;
  if (!form)
    problem('/form', 'form-unknown', `表单 "${t.form}" 不存在`, `form "${t.form}" is not known`);
  if (!Object.hasOwn(spec.workflows, t.workflow)) {
    problem(
      '/workflow',
      'workflow-unknown',
      `流程 "${t.workflow}" 不存在`,
      `workflow "${t.workflow}" is not known`,
    );
  } else {
    const starts = await messageStartNames(spec.workflows[t.workflow]!);
    if (!starts?.includes(t.message))
      problem(
        '/message',
        'message-unknown',
        `流程 "${t.workflow}" 没有等待消息 "${t.message}" 的消息开始事件`,
        `workflow "${t.workflow}" has no message start event for message "${t.message}"`,
      );
  }
  const rules: [string, unknown][] = [
    ['/condition', t.condition],
    ...Object.entries(t.variables ?? {}).map(
      ([name, rule]) => [`/variables/${name}`, rule] as [string, unknown],
    ),
  ];
  for (const [path, rule] of rules) {
    const refused = checkRule(rule);
    if (refused.length) {
      problem(
        path,
        'rule-invalid',
        `规则无效：${refused.map((r) => `${r.path || '/'} ${r.message.zh}`).join('；')}`,
        `the rule is invalid: ${refused.map((r) => `${r.path || '/'} ${r.message.en}`).join('; ')}`,
      );
      continue;
    }
    if (form) for (const found of readProblems(form, rule)) problem(path, ...found);
  }
  return problems;
}

/** What is wrong with the fields a rule (one checkRule admits: no computed paths) reads in `form`. */
function readProblems(form: FormDefinition, rule: unknown): [TriggerProblemCode, string, string][] {
  const fields = new Map(
    walkFields(form.schema as Record<string, unknown>).map((f) => [f.path, f.schema]),
  );
  const found: [TriggerProblemCode, string, string][] = [];
  for (const variable of [...ruleVariables(rule)].sort()) {
    // Array elements are read by index (`medications.0.drugName`): their schema is the items'.
    const pointer = variable.replace(/\/\d+(?=\/|$)/g, '/-');
    const schema = fields.get(pointer);
    const personal = [...fields].some(
      ([path, field]) =>
        (pointer === path || pointer.startsWith(`${path}/`) || path.startsWith(`${pointer}/`)) &&
        (PERSONAL_KINDS as readonly unknown[]).includes(field['x-sensitive']),
    );
    if (!schema) {
      found.push([
        'field-unknown',
        `表单 "${form.key}" 中没有字段 ${variable}`,
        `form "${form.key}" has no field ${variable}`,
      ]);
    } else if (personal) {
      found.push([
        'field-personal',
        `字段 ${variable} 为个人信息（x-sensitive），不能带入流程`,
        `field ${variable} is personal data (x-sensitive) and may not be carried into a workflow`,
      ]);
    }
  }
  return found;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
