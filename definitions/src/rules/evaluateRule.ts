import jsonLogic from 'json-logic-js';
import { checkRule } from './checkRule.js';
import { ruleOperations, type RuleClock } from './ruleOperations.js';

export type { RuleClock };

/** The system clock (UTC date). Tests and the server inject their own. */
export const systemClock: RuleClock = { today: () => new Date().toISOString().slice(0, 10) };

let currentClock: RuleClock = systemClock;
for (const [name, operation] of Object.entries(ruleOperations(() => currentClock))) {
  jsonLogic.add_operation(name, operation as (...args: unknown[]) => unknown);
}

export class RuleError extends Error {
  override name = 'RuleError';
}

/**
 * Evaluates a JsonLogic rule against data with the given clock. Evaluation is synchronous, so
 * the clock set here is the one every `today` in this rule sees. The rule must have passed
 * checkRule (call `assertRule` when it comes from outside).
 */
export function evaluateRule(
  rule: unknown,
  data: unknown,
  clock: RuleClock = systemClock,
): unknown {
  const previous = currentClock;
  currentClock = clock;
  try {
    return jsonLogic.apply(rule as jsonLogic.RulesLogic, data);
  } catch (err) {
    throw new RuleError(`规则求值失败 / rule evaluation failed: ${(err as Error).message}`);
  } finally {
    currentClock = previous;
  }
}

/** Throws a RuleError listing the problems when a rule is not acceptable. */
export function assertRule(rule: unknown, where: string): void {
  const problems = checkRule(rule);
  if (problems.length) {
    throw new RuleError(
      `${where}: ${problems.map((p) => `${p.path || '/'} ${p.message.en}`).join('; ')}`,
    );
  }
}

/** JsonLogic truthiness (an empty array is false), as used by `if`, `and` and `or`. */
export function isTruthy(value: unknown): boolean {
  return jsonLogic.truthy(value);
}
