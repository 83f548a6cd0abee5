import { isObject } from '../forms/schemaWalk.js';
import { checkRule } from '../rules/checkRule.js';
import type { MigrationDecision, MigrationPlan, MigrationStep } from '../types/generated.js';
import type { PlanProblem } from './checkMigrationPlan.js';

/**
 * A configurator's answer to one decision, by decision code:
 * - default-value: `{ value }`, the value stored data lacking the field gets;
 * - recode-table: `{ map }`, old code → new code (merged into the recode step);
 * - unit-conversion: `{ factor, offset?, decimals? }`;
 * - rename-or-drop: `{ rename: '/newPath' }` (the drop becomes a rename) or `{ drop: true }`;
 * - transform: `{ rule }` (JsonLogic over the old record, result written to the path) or
 *   `{ skip: true }`.
 */
export type DecisionAnswer =
  | { value: unknown }
  | { map: Record<string, string> }
  | { factor: number; offset?: number; decimals?: number }
  | { rename: string }
  | { drop: true }
  | { rule: unknown }
  | { skip: true };

export interface CompletePlanResult {
  /** A copy of the plan with every acceptable answer applied and its decision removed. */
  plan: MigrationPlan;
  /** Answers refused (the decision stays open). */
  problems: PlanProblem[];
}

/** Fills decisions of a plan with answers by decision id. Never changes `plan`. */
export function completePlan(
  plan: MigrationPlan,
  answers: Readonly<Record<string, DecisionAnswer>>,
): CompletePlanResult {
  const out = structuredClone(plan);
  const problems: PlanProblem[] = [];
  const answered = new Set<string>();
  for (const [id, answer] of Object.entries(answers)) {
    const decision = out.decisions.find((d) => d.id === id);
    const at = `/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!decision) {
      problems.push({
        path: at,
        code: 'decision-unknown',
        message: { zh: `计划中没有待决定事项 ${id}`, en: `the plan has no decision ${id}` },
      });
      continue;
    }
    const refused = apply(out, decision, answer as unknown);
    if (refused) problems.push({ path: at, code: refused.code, message: refused.message });
    else answered.add(id);
  }
  out.decisions = out.decisions.filter((d) => !answered.has(d.id));
  return { plan: out, problems };
}

type Refusal = Pick<PlanProblem, 'code' | 'message'>;

const shapeProblem = (decision: MigrationDecision, expected: string): Refusal => ({
  code: 'answer-invalid',
  message: {
    zh: `${decision.id} 的答复应为 ${expected}`,
    en: `the answer to ${decision.id} must be ${expected}`,
  },
});

function stepFor<K extends MigrationStep['op']>(plan: MigrationPlan, op: K, path: string) {
  return plan.steps.find(
    (s): s is Extract<MigrationStep, { op: K }> => s.op === op && 'path' in s && s.path === path,
  );
}

/** Applies one answer to the plan (mutated), or says why not. */
function apply(
  plan: MigrationPlan,
  decision: MigrationDecision,
  answer: unknown,
): Refusal | undefined {
  if (!isObject(answer)) return shapeProblem(decision, 'an object');
  const { path } = decision;
  switch (decision.code) {
    case 'default-value': {
      if (!('value' in answer) || answer.value === undefined || answer.value === null)
        return shapeProblem(decision, '{ value }');
      const step = stepFor(plan, 'set-default', path);
      if (step) step.value = structuredClone(answer.value);
      else plan.steps.push({ op: 'set-default', path, value: structuredClone(answer.value) });
      return undefined;
    }
    case 'recode-table': {
      const map = answer.map;
      if (!isObject(map) || !Object.values(map).every((v) => typeof v === 'string'))
        return shapeProblem(decision, '{ map: { oldCode: newCode } }');
      const step = stepFor(plan, 'recode', path);
      if (step) Object.assign(step.map, map);
      else plan.steps.unshift({ op: 'recode', path, map: { ...(map as Record<string, string>) } });
      return undefined;
    }
    case 'unit-conversion': {
      const { factor, offset, decimals } = answer;
      if (
        typeof factor !== 'number' ||
        !Number.isFinite(factor) ||
        (offset !== undefined && typeof offset !== 'number') ||
        (decimals !== undefined && !(Number.isInteger(decimals) && Number(decimals) >= 0))
      )
        return shapeProblem(decision, '{ factor, offset?, decimals? }');
      const step = stepFor(plan, 'convert-unit', path);
      const values = {
        factor,
        ...(offset !== undefined ? { offset } : {}),
        ...(decimals !== undefined ? { decimals: decimals as number } : {}),
      };
      if (step) Object.assign(step, values);
      else plan.steps.push({ op: 'convert-unit', path, ...values });
      return undefined;
    }
    case 'rename-or-drop': {
      if (answer.drop === true) return undefined;
      if (typeof answer.rename !== 'string' || !/^(\/[^/]+)+$/.test(answer.rename))
        return shapeProblem(decision, '{ rename: "/newPath" } or { drop: true }');
      if (decision.choices && !decision.choices.includes(answer.rename))
        return {
          code: 'answer-invalid',
          message: {
            zh: `${answer.rename} 不是新增字段（可选：${decision.choices.join('、')}）`,
            en: `${answer.rename} is not an added field (choices: ${decision.choices.join(', ')})`,
          },
        };
      const index = plan.steps.findIndex((s) => s.op === 'drop' && s.path === path);
      if (index !== -1) plan.steps.splice(index, 1);
      plan.steps.unshift({ op: 'rename', from: path, to: answer.rename });
      // The renamed field was also reported as added: it needs no default of its own now.
      const defaultIndex = plan.steps.findIndex(
        (s) => s.op === 'set-default' && s.path === answer.rename && !('value' in s),
      );
      if (defaultIndex !== -1) {
        plan.steps.splice(defaultIndex, 1);
        plan.decisions = plan.decisions.filter((d) => d.id !== `default-value:${answer.rename}`);
      }
      return undefined;
    }
    case 'transform': {
      if (answer.skip === true) return undefined;
      if (!('rule' in answer)) return shapeProblem(decision, '{ rule } or { skip: true }');
      const problems = checkRule(answer.rule);
      if (problems.length)
        return {
          code: 'rule-invalid',
          message: {
            zh: problems.map((p) => `${p.path || '/'} ${p.message.zh}`).join('；'),
            en: problems.map((p) => `${p.path || '/'} ${p.message.en}`).join('; '),
          },
        };
      const at = plan.steps.findIndex((s) => s.op === 'set-default' || s.op === 'drop');
      const step: MigrationStep = { op: 'transform', path, rule: structuredClone(answer.rule) };
      if (at === -1) plan.steps.push(step);
      else plan.steps.splice(at, 0, step);
      return undefined;
    }
  }
}
