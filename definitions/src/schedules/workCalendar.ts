import { fromDayNumber, toDayNumber } from '../rules/dates.js';
import type { LocalizedMessage } from '../validation/formErrors.js';

/**
 * Which days a clinic works: Monday to Friday, except the public holidays, plus the weekend days
 * made working days (调休上班) — the State Council publishes both for each year. A schedule that
 * keeps its dates on working days reads it from a string parameter (a province may set its own):
 *
 * ```text
 * holidays: 2026-01-01..2026-01-03, 2026-02-15..2026-02-23; workdays: 2026-01-04, 2026-02-14
 * ```
 *
 * Sections `holidays` and `workdays` (each at most once, separated by `;`), each a comma-separated
 * list of dates or inclusive ranges `from..to` (at most 31 days). A year none of whose dates is
 * listed has no holidays: only its weekends are days off. The empty text is such a calendar.
 */
export interface WorkCalendar {
  /** Day numbers (days since 1970-01-01) of the holidays. */
  readonly holidays: ReadonlySet<number>;
  /** Day numbers of weekend days that are working days. */
  readonly workdays: ReadonlySet<number>;
}

export type WorkCalendarParse =
  { calendar: WorkCalendar; problems: [] } | { calendar: null; problems: LocalizedMessage[] };

const MAX_RANGE_DAYS = 31;
const SECTIONS = ['holidays', 'workdays'] as const;
const parsed = new Map<string, WorkCalendarParse>();

/** Parses a calendar text (see WorkCalendar); the same text is parsed once per process. */
export function parseWorkCalendar(text: string): WorkCalendarParse {
  let result = parsed.get(text);
  if (!result) {
    result = parse(text);
    if (parsed.size > 100) parsed.clear();
    parsed.set(text, result);
  }
  return result;
}

function parse(text: string): WorkCalendarParse {
  const problems: LocalizedMessage[] = [];
  const days = { holidays: new Set<number>(), workdays: new Set<number>() };
  const seen = new Set<string>();
  for (const part of text.split(';')) {
    if (!part.trim()) continue;
    const match = /^\s*([a-z]+)\s*:(.*)$/s.exec(part);
    const name = match?.[1] as (typeof SECTIONS)[number] | undefined;
    if (!match || !name || !SECTIONS.includes(name) || seen.has(name)) {
      problems.push({
        zh: `无法识别“${part.trim().slice(0, 40)}”：应为 holidays: 或 workdays: 开头的一节（各至多一次，以分号分隔）`,
        en: `cannot read "${part.trim().slice(0, 40)}": expected one section starting holidays: or workdays: (each at most once, separated by semicolons)`,
      });
      continue;
    }
    seen.add(name);
    for (const item of match[2]!.split(',')) {
      const entry = item.trim();
      if (!entry) continue;
      const [from = '', to = from, extra] = entry.split('..').map((s) => s.trim());
      const [start, end] = [toDayNumber(from), toDayNumber(to)];
      if (
        extra !== undefined ||
        start === null ||
        end === null ||
        !/^\d{4}-\d{2}-\d{2}$/.test(from) ||
        !/^\d{4}-\d{2}-\d{2}$/.test(to)
      ) {
        problems.push({
          zh: `${name} 中的“${entry.slice(0, 40)}”不是日期（YYYY-MM-DD）或日期区间（YYYY-MM-DD..YYYY-MM-DD）`,
          en: `"${entry.slice(0, 40)}" in ${name} is not a date (YYYY-MM-DD) or a range (YYYY-MM-DD..YYYY-MM-DD)`,
        });
        continue;
      }
      if (end < start || end - start >= MAX_RANGE_DAYS) {
        problems.push({
          zh: `${name} 中的区间 ${entry} 须从早到晚且不超过 ${MAX_RANGE_DAYS} 天`,
          en: `the range ${entry} in ${name} must run forwards and span at most ${MAX_RANGE_DAYS} days`,
        });
        continue;
      }
      for (let day = start; day <= end; day++) days[name].add(day);
    }
  }
  for (const day of days.holidays)
    if (days.workdays.has(day)) {
      const date = fromDayNumber(day);
      problems.push({
        zh: `${date} 既是节假日又是调休上班日`,
        en: `${date} is listed both as a holiday and as a working day`,
      });
    }
  return problems.length
    ? { calendar: null, problems }
    : { calendar: { holidays: days.holidays, workdays: days.workdays }, problems: [] };
}

/** A calendar without holidays: only weekends are days off. */
export const WEEKENDS_ONLY: WorkCalendar = { holidays: new Set(), workdays: new Set() };

/** Day of the week of a day number: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;

/** Whether the clinic works on that day (a weekday that is no holiday, or a listed workday). */
export function isWorkingDay(calendar: WorkCalendar, day: number): boolean {
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const d = weekday(day);
  return d !== 0 && d !== 6;
}

/** The day itself when it is a working day, else the next working day. */
export function nextWorkingDay(calendar: WorkCalendar, day: number): number {
  let next = day;
  // A holiday run is at most a month long (ranges are capped), so this ends well within a year.
  while (!isWorkingDay(calendar, next) && next - day < 366) next++;
  return next;
}
