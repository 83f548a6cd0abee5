import { toDayNumber } from '../rules/dates.js';
import { evaluateRule, isTruthy, RuleError, type RuleClock } from '../rules/evaluateRule.js';
import type { Fact } from '../types/generated.js';
import type { IndicatorProblem, IndicatorRecord } from './IndicatorInput.js';
import { inRange, type DayRange } from './period.js';

export interface FactContext {
  range: DayRange;
  parameters: Readonly<Record<string, unknown>>;
  clock: RuleClock;
}

interface Dated {
  day: number;
  record: IndicatorRecord;
}

/** Earliest first: by date, then by when it was stored, then by id. */
function byDate(a: Dated, b: Dated): number {
  if (a.day !== b.day) return a.day - b.day;
  const created = (a.record.createdAt ?? '').localeCompare(b.record.createdAt ?? '');
  return created !== 0
    ? created
    : a.record.id < b.record.id
      ? -1
      : a.record.id > b.record.id
        ? 1
        : 0;
}

/**
 * One fact of one member: its records of the fact's forms whose date field is a calendar date
 * (within the period when `inPeriod`) and for which `where` holds over `{ record, parameters }`;
 * then the first or latest of them (its data, or null) or how many there are. A `where` that
 * throws on a record leaves that record out and adds a problem: it is never read as met.
 */
export function drawFact(
  name: string,
  fact: Fact,
  records: readonly IndicatorRecord[],
  context: FactContext,
  problems: IndicatorProblem[],
): unknown {
  const matching: Dated[] = [];
  for (const record of records) {
    if (!fact.forms.includes(record.formKey)) continue;
    const value = record.data[fact.date];
    const day = toDayNumber(value);
    if (day === null || (fact.inPeriod && !inRange(value, context.range))) continue;
    if (fact.where !== undefined) {
      try {
        const data = { record: record.data, parameters: context.parameters };
        if (!isTruthy(evaluateRule(fact.where, data, context.clock))) continue;
      } catch (error) {
        const reason = error instanceof RuleError ? error.reason : String(error);
        problems.push({
          at: `/facts/${name}/where`,
          recordId: record.id,
          message: {
            zh: `事实 ${name} 的条件（where）无法对记录 ${record.id} 求值，该记录不计入：${reason}`,
            en: `fact ${name}: its "where" could not be evaluated on record ${record.id}, which is left out: ${reason}`,
          },
        });
        continue;
      }
    }
    matching.push({ day, record });
  }
  if (fact.aggregate === 'count') return matching.length;
  if (!matching.length) return null;
  matching.sort(byDate);
  const chosen = fact.aggregate === 'first' ? matching[0]! : matching[matching.length - 1]!;
  return chosen.record.data;
}

/** Every fact of an indicator for one member, by name. */
export function drawFacts(
  facts: Readonly<Record<string, Fact | undefined>>,
  records: readonly IndicatorRecord[],
  context: FactContext,
  problems: IndicatorProblem[],
): Record<string, unknown> {
  const drawn: Record<string, unknown> = {};
  for (const [name, fact] of Object.entries(facts)) {
    if (fact) drawn[name] = drawFact(name, fact, records, context, problems);
  }
  return drawn;
}
