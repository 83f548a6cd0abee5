import { checkRule, validateMetadata, type FormRule } from '@formwork/definitions';
import { fail, problem, type DesignProblem, type RuleRef } from '../DesignProblem.js';
import { fieldAt, requireField } from '../fields.js';
import type { FormDocument } from '../FormDocument.js';
import { deepFreeze, updateIn, type JsonObject } from '../immutable.js';
import { assertUnlocked } from '../locks.js';
import { schemaPointer } from '../pointer.js';
import { updateFieldSchema } from './schemaEdits.js';

/** checkRule's problems of a rule, as design problems at `at`, attached to its rule and field. */
export function ruleProblems(
  logic: unknown,
  at: string,
  rule: RuleRef,
  field?: string,
): DesignProblem[] {
  return checkRule(logic).map((p) =>
    problem('rule-invalid', `${at}${p.path}`, p.message.zh, p.message.en, {
      rule,
      ...(field !== undefined ? { field } : {}),
    }),
  );
}

function setFieldRule(
  document: FormDocument,
  path: string,
  keyword: 'x-visible' | 'x-calculated',
  logic: unknown,
): FormDocument {
  const field = requireField(document.definition, path);
  const kind = keyword === 'x-visible' ? 'visible' : 'calculated';
  assertUnlocked(
    document,
    field,
    kind === 'visible'
      ? { zh: '更改显示条件', en: 'given another visibility rule' }
      : { zh: '更改计算公式', en: 'given another calculation' },
  );
  const at = `${schemaPointer(path)}/${keyword}`;
  const rule: RuleRef = { kind, field: path };
  if (logic !== undefined && field.container.inArray)
    fail(
      'invalid',
      problem(
        'rule-in-array',
        at,
        `${keyword} 不支持用于重复组内的字段`,
        `${keyword} is not supported on fields inside a repeating group`,
        { field: path, rule },
      ),
    );
  if (logic !== undefined) {
    const problems = ruleProblems(logic, at, rule, path);
    if (problems.length) fail('invalid', ...problems);
  }
  const definition = updateFieldSchema(document.definition, field, (schema) => {
    const copy: JsonObject = { ...schema };
    if (logic === undefined) delete copy[keyword];
    else copy[keyword] = deepFreeze(structuredClone(logic));
    return copy;
  });
  return Object.freeze({ ...document, definition });
}

/**
 * Sets (or, with `undefined`, removes) a field's visibility rule, JsonLogic from the builder
 * (`toLogic`) or raw. Refused with the checker's problems — on the rule and the field — when it
 * uses an operation the rule checker does not allow; the document is then unchanged.
 */
export const setVisibility = (document: FormDocument, path: string, logic: unknown) =>
  setFieldRule(document, path, 'x-visible', logic);

/** Sets (or removes) a field's calculation (`x-calculated`), checked like a visibility rule. */
export const setCalculation = (document: FormDocument, path: string, logic: unknown) =>
  setFieldRule(document, path, 'x-calculated', logic);

const RULE_ID = /^[a-z][a-z0-9-]{1,63}$/;

function checkFormRule(document: FormDocument, rule: FormRule, index: number): DesignProblem[] {
  const at = `/rules/${index}`;
  const ref = (part: 'when' | 'assert' | 'path' | 'rule'): RuleRef => ({
    kind: 'rule',
    id: rule.id,
    part,
  });
  const field =
    rule.path === '' || !fieldAt(document.definition, rule.path) ? undefined : rule.path;
  const problems: DesignProblem[] = validateMetadata('form-definition', {
    key: 'x-check',
    version: '0.0.0',
    title: { zh: '-', en: '-' },
    schema: {},
    rules: [rule],
  }).map((p) =>
    problem('rule-invalid', p.path.replace(/^\/rules\/0/, at), p.message.zh, p.message.en, {
      rule: ref('rule'),
      ...(field ? { field } : {}),
    }),
  );
  if (!RULE_ID.test(String(rule.id))) return problems;
  for (const part of ['when', 'assert'] as const)
    if (part in rule) problems.push(...ruleProblems(rule[part], `${at}/${part}`, ref(part), field));
  if (rule.path !== '' && !fieldAt(document.definition, rule.path))
    problems.push(
      problem(
        'rule-path-unknown',
        `${at}/path`,
        `规则 ${rule.id} 指向不存在的字段 ${rule.path}`,
        `rule ${rule.id} points at no field: ${rule.path}`,
        { rule: ref('path') },
      ),
    );
  return problems;
}

const ruleIndex = (document: FormDocument, id: string): number => {
  const index = (document.definition.rules ?? []).findIndex((r) => r.id === id);
  if (index < 0)
    fail(
      'not_found',
      problem('rule-unknown', '/rules', `没有规则 ${id}`, `there is no rule ${id}`, {
        rule: { kind: 'rule', id, part: 'rule' },
      }),
    );
  return index;
};

/**
 * Adds a cross-field rule: where `when` holds, `assert` must, else `message` is shown at
 * `path`. Checked as the compiler checks it (meta-schema, allowed operations, a field at
 * `path`, a free id); refused with the problems on the rule otherwise.
 */
export function addRule(document: FormDocument, rule: FormRule): FormDocument {
  const rules = document.definition.rules ?? [];
  if (rules.some((r) => r.id === rule.id))
    fail(
      'conflict',
      problem(
        'rule-exists',
        `/rules/${rules.length}/id`,
        `规则 ${rule.id} 已存在`,
        `rule ${rule.id} already exists`,
        {
          rule: { kind: 'rule', id: rule.id, part: 'rule' },
        },
      ),
    );
  const problems = checkFormRule(document, rule, rules.length);
  if (problems.length) fail('invalid', ...problems);
  const definition = updateIn(document.definition, ['rules'], () => [
    ...rules,
    deepFreeze(structuredClone(rule)),
  ]);
  return Object.freeze({ ...document, definition });
}

/** Changes a rule (its id too, if the new one is free), checked as `addRule` checks. */
export function updateRule(
  document: FormDocument,
  id: string,
  patch: Partial<FormRule>,
): FormDocument {
  const index = ruleIndex(document, id);
  const rules = document.definition.rules!;
  const rule = { ...rules[index]!, ...patch };
  for (const key of Object.keys(patch) as (keyof FormRule)[])
    if (patch[key] === undefined) delete rule[key];
  if (rule.id !== id && rules.some((r) => r.id === rule.id))
    fail(
      'conflict',
      problem(
        'rule-exists',
        `/rules/${index}/id`,
        `规则 ${rule.id} 已存在`,
        `rule ${rule.id} already exists`,
        {
          rule: { kind: 'rule', id, part: 'rule' },
        },
      ),
    );
  const problems = checkFormRule(document, rule, index);
  if (problems.length) fail('invalid', ...problems);
  const definition = updateIn(document.definition, ['rules', index], () =>
    deepFreeze(structuredClone(rule)),
  );
  return Object.freeze({ ...document, definition });
}

/** Removes a rule. */
export function removeRule(document: FormDocument, id: string): FormDocument {
  const index = ruleIndex(document, id);
  const definition = updateIn(document.definition, ['rules', index], () => undefined);
  return Object.freeze({ ...document, definition });
}
