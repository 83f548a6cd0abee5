import jsonLogic from 'json-logic-js';
import { checkRule } from './checkRule.js';
import { nullSafeComparisons } from './comparisons.js';
import { ruleOperations, type RuleClock } from './ruleOperations.js';

export type { RuleClock };

/**
 * The system clock: the date in China Standard Time (UTC+8, no daylight saving), the date on the
 * wall of every clinic — the engine's rule clock gives the same (engine/src/clock.ts). A UTC date
 * here made the browser call a visit dated today "later than today" from 00:00 to 08:00 in China.
 * Tests and the server inject their own.
 */
const CHINA_STANDARD_TIME_MS = 8 * 60 * 60 * 1000;
export const systemClock: RuleClock = {
  today: () => new Date(Date.now() + CHINA_STANDARD_TIME_MS).toISOString().slice(0, 10),
};

let currentClock: RuleClock = systemClock;
for (const [name, operation] of Object.entries({
  ...ruleOperations(() => currentClock),
  // Missing is never "met": a comparison with a missing value is false (see comparisons.ts).
  ...nullSafeComparisons,
})) {
  jsonLogic.add_operation(name, operation as (...args: unknown[]) => unknown);
}

/**
 * A rule that could not be evaluated (or is not acceptable). `reason` is what went wrong,
 * without the prefix the message carries, for callers that put it into their own message.
 */
export class RuleError extends Error {
  override name = 'RuleError';
  readonly reason: string;
  constructor(message: string, reason: string = message) {
    super(message);
    this.reason = reason;
  }
}

function describeError(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    return 'unknown error';
  }
}

/**
 * Evaluates a JsonLogic rule against data with the given clock. Evaluation is synchronous, so
 * the clock set here is the one every `today` in this rule sees. The rule must have passed
 * checkRule (call `assertRule` when it comes from outside). Even then a rule can fail on odd
 * data (json-logic-js compares and adds with JavaScript's coercions: a value sent as
 * `{"toString": {}}` cannot become a primitive): that throws a RuleError, which a caller must
 * report, never treat as false or null.
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
    const reason = describeError(err);
    throw new RuleError(`规则求值失败 / rule evaluation failed: ${reason}`, reason);
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
