import { addMonths, fromDayNumber, toDayNumber } from '../rules/dates.js';
import type { ScheduleOffset } from '../types/generated.js';
import type { ScheduleContext } from './scheduleContext.js';

/**
 * The date `offset` away from `date`: months first (clamped to the month's end, as `addMonths`),
 * then weeks and days. `{ "weeks": 12, "days": 6 }` from an LMP is the last day of week 12;
 * `{ "months": 12, "days": -1 }` from 1 January is 31 December.
 */
export function applyOffset(
  context: ScheduleContext,
  date: string,
  offset: ScheduleOffset,
  path: string,
): string {
  let result: string | null = date;
  if (offset.months !== undefined)
    result = addMonths(result, context.number(offset.months, `${path}/months`));
  const weeks = offset.weeks === undefined ? 0 : context.number(offset.weeks, `${path}/weeks`);
  const days = offset.days === undefined ? 0 : context.number(offset.days, `${path}/days`);
  const day = result === null ? null : toDayNumber(result);
  result = day === null ? null : fromDayNumber(day + weeks * 7 + days);
  if (result === null)
    throw context.error(path, {
      zh: `日期 ${date} 按此偏移超出可表示的日期`,
      en: `${date} moved by this offset is not a date`,
    });
  return result;
}

/** Days from 1970-01-01 of a date this module produced (always a real date). */
export const dayOf = (date: string): number => toDayNumber(date)!;
