import { checkRule } from '../rules/checkRule.js';
import { evaluateRule, isTruthy, RuleError, type RuleClock } from '../rules/evaluateRule.js';
import type { FactIndicator, Indicator, Population } from '../types/generated.js';
import { drawFacts } from './drawFacts.js';
import { IndicatorError } from './IndicatorError.js';
import type {
  IndicatorInput,
  IndicatorProblem,
  IndicatorResult,
  MemberVerdict,
} from './IndicatorInput.js';
import { isFactIndicator } from './isFactIndicator.js';
import { dayRange, inRange } from './period.js';
import { populationCandidates } from './populationMembers.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field of a first/latest fact (undefined when the fact is null, a count, or lacks it). */
function factField(facts: Record<string, unknown>, fact: string, field: string): unknown {
  const value = facts[fact];
  return isObject(value) ? value[field] : undefined;
}

/** The member's weight: 1, or its weight field when a non-negative integer, else `whenMissing`. */
function weightOf(population: Population, facts: Record<string, unknown>) {
  if (!population.weight) return { weight: 1, weightMissing: false };
  const value = factField(facts, population.weight.fact, population.weight.field);
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? { weight: value, weightMissing: false }
    : { weight: population.weight.whenMissing, weightMissing: true };
}

/** Every rule of the indicator must pass checkRule before anything is evaluated. */
function assertRules(indicator: FactIndicator): void {
  const rules: [string, unknown][] = [
    ['/numerator/where', indicator.numerator.where],
    ...Object.entries(indicator.facts).map(([name, fact]): [string, unknown] => [
      `/facts/${name}/where`,
      fact?.where,
    ]),
  ];
  for (const [at, rule] of rules) {
    if (rule === undefined) continue;
    const problems = checkRule(rule);
    if (problems.length) {
      const list = problems.map((p) => `${p.path || '/'} ${p.message.en}`).join('; ');
      const listZh = problems.map((p) => `${p.path || '/'} ${p.message.zh}`).join('；');
      throw new IndicatorError({
        zh: `指标 ${indicator.id} 的规则 ${at} 不可接受：${listZh}`,
        en: `indicator ${indicator.id}: the rule at ${at} is not acceptable: ${list}`,
      });
    }
  }
}

/**
 * Evaluates an indicator over residents held in memory, for one period: the reference meaning
 * of a FactIndicator, which the reporting plugin's SQL must reproduce. Pure: no I/O, no clock
 * (a `today` in its rules reads the period's last day, so a result never depends on when it
 * is computed).
 *
 * 1. The population's candidates (see populationCandidates): residents with an active
 *    enrollment, or enrollments with the records recorded under them.
 * 2. Each candidate's facts (drawFacts), over the parameters the indicator declares.
 * 3. An enrollment placed by `placedBy` is a member when that fact's field is a date in the
 *    period; a member weighs 1 or its weight field (`whenMissing` when it is missing); a
 *    member of weight 0 (e.g. a delivery without a live birth) is not counted at all.
 * 4. The numerator's `where` over `{ facts, subject: { birthDate, sex }, period, parameters }`:
 *    missing is never met (comparisons with a missing value are false). A rule that throws
 *    counts as not met and is reported in the member's problems.
 * 5. numerator = members meeting it, each once; denominator = the members' weights summed.
 */
export function evaluateIndicator(indicator: Indicator, input: IndicatorInput): IndicatorResult {
  if (!isFactIndicator(indicator)) {
    throw new IndicatorError({
      zh: `指标 ${indicator.id} 是 3.0.0 的过滤式指标（FilterIndicator），没有可求值的定义；请改写为 FactIndicator`,
      en: `indicator ${indicator.id} is a 3.0.0 FilterIndicator, which has no evaluable meaning; rewrite it as a FactIndicator`,
    });
  }
  assertRules(indicator);
  const range = dayRange(input.period);
  const period = { start: input.period.start, end: input.period.end };
  const clock: RuleClock = { today: () => period.end };
  const parameters = Object.fromEntries(
    (indicator.parameters ?? []).map((key) => [
      key,
      Object.hasOwn(input.parameters, key) ? input.parameters[key] : null,
    ]),
  );
  const population = indicator.denominator;
  const members: MemberVerdict[] = [];
  for (const candidate of populationCandidates(population, input.subjects, range)) {
    const problems: IndicatorProblem[] = [];
    const facts = drawFacts(
      indicator.facts,
      candidate.records,
      { range, parameters, clock },
      problems,
    );
    if (!candidate.placedByActivity && population.placedBy) {
      const { fact, field } = population.placedBy;
      if (!inRange(factField(facts, fact, field), range)) continue;
    }
    const { weight, weightMissing } = weightOf(population, facts);
    if (weight === 0) continue;
    let met = false;
    try {
      met = isTruthy(
        evaluateRule(
          indicator.numerator.where,
          {
            facts,
            subject: {
              birthDate: candidate.subject.birthDate ?? null,
              sex: candidate.subject.sex ?? null,
            },
            period,
            parameters,
          },
          clock,
        ),
      );
    } catch (error) {
      const reason = error instanceof RuleError ? error.reason : String(error);
      problems.push({
        at: '/numerator/where',
        message: {
          zh: `分子条件（numerator.where）无法求值，按未达标计：${reason}`,
          en: `the numerator's "where" could not be evaluated, counted as not met: ${reason}`,
        },
      });
    }
    members.push({
      subjectId: candidate.subject.id,
      enrollmentId: candidate.enrollmentId,
      weight,
      weightMissing,
      facts,
      met,
      problems,
    });
  }
  const numerator = members.filter((m) => m.met).length;
  const denominator = members.reduce((sum, m) => sum + m.weight, 0);
  return {
    indicator: indicator.id,
    period,
    numerator,
    denominator,
    ratio: denominator === 0 ? null : numerator / denominator,
    members,
  };
}
