import { toDayNumber } from '../rules/dates.js';
import { IndicatorError } from './IndicatorError.js';
import type { IndicatorPeriod } from './IndicatorInput.js';

/** A period as day numbers, both days included. */
export interface DayRange {
  start: number;
  end: number;
}

/** The period's first and last day as day numbers; IndicatorError when it is not a range of dates. */
export function dayRange(period: IndicatorPeriod): DayRange {
  const start = toDayNumber(period?.start);
  const end = toDayNumber(period?.end);
  if (start === null || end === null || end < start) {
    throw new IndicatorError({
      zh: `统计期无效：应为起止日期（YYYY-MM-DD，起 ≤ 止），收到 ${JSON.stringify(period)}`,
      en: `invalid period: expected a start and an end date (YYYY-MM-DD, start ≤ end), got ${JSON.stringify(period)}`,
    });
  }
  return { start, end };
}

/** Whether a date value falls in the range (a missing or impossible date never does). */
export function inRange(value: unknown, range: DayRange): boolean {
  const day = toDayNumber(value);
  return day !== null && day >= range.start && day <= range.end;
}

/**
 * Whether an enrollment is active on some day of the range: enrolled on or before its last
 * day, and not ended before its first. An enrollment without a valid enrolment date never is.
 */
export function activeIn(
  enrollment: { enrolledOn: string; endedOn?: string | null },
  range: DayRange,
): boolean {
  const enrolled = toDayNumber(enrollment.enrolledOn);
  if (enrolled === null || enrolled > range.end) return false;
  if (enrollment.endedOn === null || enrollment.endedOn === undefined) return true;
  const ended = toDayNumber(enrollment.endedOn);
  return ended === null || ended >= range.start;
}
