import { evaluateRule, RuleError } from '@formwork/definitions';
import type { Release } from '../specs/Release.js';
import { releaseParameters, schedulesFor } from './programSchedules.js';

/** A calendar date as rules read one (YYYY-MM-DD, a time after it allowed). */
function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)/.exec(value);
  if (!match) return false;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.toISOString().slice(0, 10) === value.slice(0, 10);
}

/** A date a schedule reads from an enrollment's details that is no date. */
export interface DetailsProblem {
  schedule: string;
  /** The record set whose enrollment source reads it. */
  records: string;
  value: unknown;
}

/**
 * Whether the programme's schedules can date the enrollment from these details: each enrollment
 * source's `date` rule (e.g. a pregnancy's LMP, or an ultrasound EDD less 280 days) must give a
 * calendar date or nothing. Which detail holds a date is the schedules' declaration, not the
 * engine's; the first source that gets something else (or whose rule cannot be evaluated) is
 * returned.
 */
export function enrollmentDetailsProblem(
  release: Release,
  program: string,
  enrollment: { enrolledOn: string; details: Record<string, unknown> },
  clock: { today(): string },
): DetailsProblem | undefined {
  const view = {
    enrolledOn: enrollment.enrolledOn,
    endedOn: null,
    endReason: null,
    details: enrollment.details,
  };
  for (const { schedule } of schedulesFor(release, program)) {
    const data = { ...view, enrollment: view, parameters: releaseParameters(release) };
    for (const [records, sources] of Object.entries(schedule.records))
      for (const source of sources ?? []) {
        if (source.from !== 'enrollment') continue;
        let value: unknown;
        try {
          value = evaluateRule(source.date, data, clock);
        } catch (err) {
          if (!(err instanceof RuleError)) throw err;
          return { schedule: schedule.id, records, value: err.reason };
        }
        if (value === null || value === undefined || value === '' || value === false) continue;
        if (typeof value !== 'string' || !isDate(value))
          return { schedule: schedule.id, records, value };
      }
  }
  return undefined;
}
