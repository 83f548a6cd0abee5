/**
 * The timer values Formwork accepts, all ISO 8601 and all fixed in the diagram (no expressions):
 * a duration (P2D, PT48H, P1W), a date-time with its offset (2026-03-01T08:00:00+08:00) and a
 * repeating interval (R3/PT1H, R/P1D, R2/2026-03-01T08:00:00+08:00/P1D).
 */
const DURATION =
  /^P(?:\d+W|(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:[.,]\d+)?S)?)?)$/;

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

export function isIsoDuration(value: string): boolean {
  return DURATION.test(value);
}

/** A real calendar date-time with an explicit zone (Z or ±hh:mm): no timer means "local time". */
export function isIsoDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (match[8] !== undefined && (Number(match[8]) > 14 || Number(match[9]) > 59)) return false;
  return true;
}

/** R[n]/duration, R[n]/start/duration or R[n]/duration/end. */
export function isIsoRepeatingInterval(value: string): boolean {
  const parts = value.split('/');
  if (!/^R\d*$/.test(parts[0] ?? '')) return false;
  const [first, second] = parts.slice(1);
  if (parts.length === 2) return first !== undefined && isIsoDuration(first);
  if (parts.length !== 3 || first === undefined || second === undefined) return false;
  return (
    (isIsoDateTime(first) && isIsoDuration(second)) ||
    (isIsoDuration(first) && isIsoDateTime(second))
  );
}
