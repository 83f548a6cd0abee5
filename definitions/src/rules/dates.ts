/**
 * Calendar dates as 'YYYY-MM-DD' strings, computed in UTC so a rule gives the same answer in
 * every time zone, in the browser and on the server.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a date string, or null when it is not a real calendar date. */
export function toDayNumber(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    return null;
  }
  return Math.floor(time / DAY_MS);
}

/**
 * The date string of a day number, or null when the day is outside the dates a rule can read
 * back (0100-01-01 to 9999-12-31): past them JavaScript's toISOString throws or writes a
 * six-digit year.
 */
export function fromDayNumber(days: number): string | null {
  const time = days * DAY_MS;
  if (!Number.isFinite(time) || Number.isNaN(new Date(time).getTime())) return null;
  const text = new Date(time).toISOString().slice(0, 10);
  return toDayNumber(text) === null ? null : text;
}

/** Adds calendar months, clamping to the last day of the target month (01-31 + 1 month = 02-28). */
export function addMonths(date: string, months: number): string | null {
  const days = toDayNumber(date);
  if (days === null || !Number.isInteger(months)) return null;
  const start = new Date(days * DAY_MS);
  const targetMonth = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(start.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
  const result = Date.UTC(
    start.getUTCFullYear(),
    targetMonth,
    Math.min(start.getUTCDate(), lastDay),
  );
  return fromDayNumber(Math.floor(result / DAY_MS));
}

/** Whole years from birth to date (the age a person has on that date). */
export function ageAt(birth: string, date: string): number | null {
  const b = toDayNumber(birth);
  const d = toDayNumber(date);
  if (b === null || d === null || d < b) return null;
  const [by, bm, bd] = birth.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [dy, dm, dd] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return dy - by - (dm < bm || (dm === bm && dd < bd) ? 1 : 0);
}
