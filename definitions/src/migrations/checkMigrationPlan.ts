import { validateMetadata } from '../metaschemas/validateMetadata.js';
import { checkRule } from '../rules/checkRule.js';
import type { MigrationPlan } from '../types/generated.js';
import type { LocalizedMessage } from '../validation/formErrors.js';

/** Every code a migration-plan problem may carry. */
export const PLAN_PROBLEM_CODES = [
  'plan-invalid',
  'rule-invalid',
  'step-incomplete',
  'decision-open',
  'decision-unknown',
  'answer-invalid',
] as const;

export type PlanProblemCode = (typeof PLAN_PROBLEM_CODES)[number];

/** Why a migration plan cannot run (or not yet: `step-incomplete`, `decision-open`). */
export interface PlanProblem {
  /** JSON pointer into the plan (or to the answer, for completePlan). */
  path: string;
  code: PlanProblemCode;
  message: LocalizedMessage;
}

/** Problems that only mean a draft is unfinished: records the gap matters for fail one by one. */
export const DRAFT_PROBLEM_CODES: readonly PlanProblemCode[] = ['step-incomplete', 'decision-open'];

/**
 * Checks a migration plan: its meta-schema (migration-plan), every transform rule (checkRule),
 * steps still missing what a person must give (a set-default without value, a convert-unit
 * without factor) and required decisions not answered. [] when the plan is complete and sound.
 */
export function checkMigrationPlan(plan: unknown): PlanProblem[] {
  const meta = validateMetadata('migration-plan', plan);
  if (meta.length)
    return meta.map((e) => ({ path: e.path, code: 'plan-invalid', message: e.message }));
  const { steps, decisions } = plan as MigrationPlan;
  const problems: PlanProblem[] = [];
  steps.forEach((step, i) => {
    if (step.op === 'transform') {
      for (const p of checkRule(step.rule))
        problems.push({
          path: `/steps/${i}/rule${p.path}`,
          code: 'rule-invalid',
          message: p.message,
        });
    }
    const missing =
      step.op === 'set-default' && !('value' in step)
        ? 'value'
        : step.op === 'convert-unit' && step.factor === undefined
          ? 'factor'
          : undefined;
    const where = step.op === 'rename' ? step.to : step.path;
    if (missing)
      problems.push({
        path: `/steps/${i}`,
        code: 'step-incomplete',
        message: {
          zh: `第 ${i + 1} 步（${step.op} ${where}）缺少 ${missing}`,
          en: `step ${i + 1} (${step.op} ${where}) has no ${missing} yet`,
        },
      });
  });
  decisions.forEach((decision, i) => {
    if (decision.required)
      problems.push({
        path: `/decisions/${i}`,
        code: 'decision-open',
        message: {
          zh: `待决定：${decision.message.zh}`,
          en: `to decide: ${decision.message.en}`,
        },
      });
  });
  return problems;
}
