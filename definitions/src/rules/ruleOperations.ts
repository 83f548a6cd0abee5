import { addMonths, ageAt, fromDayNumber, toDayNumber } from './dates.js';

/** The clock rules read through `today`; injected per evaluation (see evaluateRule). */
export interface RuleClock {
  /** Today's date, 'YYYY-MM-DD'. */
  today(): string;
}

const num = (value: unknown): number | null => {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return null;
};

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function addDays(date: unknown, days: unknown): string | null {
  const d = toDayNumber(date);
  const n = num(days);
  return d === null || n === null || !Number.isInteger(n) ? null : fromDayNumber(d + n);
}

function daysBetween(from: unknown, to: unknown): number | null {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  return a === null || b === null ? null : b - a;
}

/**
 * The operations Formwork adds to JsonLogic. All are pure and deterministic given the clock;
 * bad input (a missing value, an impossible date) gives null rather than an exception, so a
 * half-filled form never breaks a rule. Documented in definitions/README.md.
 */
export function ruleOperations(clock: () => RuleClock) {
  return {
    /** today → 'YYYY-MM-DD' from the injected clock */
    today: () => clock().today(),
    /** daysBetween(from, to) → whole days from `from` to `to` (negative if before) */
    daysBetween,
    /** addDays(date, n), addWeeks(date, n), addMonths(date, n) → 'YYYY-MM-DD' */
    addDays,
    addWeeks: (date: unknown, weeks: unknown) => {
      const n = num(weeks);
      return n === null ? null : addDays(date, n * 7);
    },
    addMonths: (date: unknown, months: unknown) => {
      const n = num(months);
      return typeof date !== 'string' || n === null ? null : addMonths(date, n);
    },
    /** ageAt(birthDate, date) → completed years */
    ageAt: (birth: unknown, date: unknown) =>
      typeof birth === 'string' && typeof date === 'string' ? ageAt(birth, date) : null,
    /** bmi(weightKg, heightCm) → kg/m², one decimal */
    bmi: (weight: unknown, height: unknown) => {
      const w = num(weight);
      const h = num(height);
      return w === null || h === null || w <= 0 || h <= 0 ? null : round(w / (h / 100) ** 2, 1);
    },
    /** gestationalDays(lmp, date) → days of pregnancy on `date` */
    gestationalDays: (lmp: unknown, date: unknown) => {
      const days = daysBetween(lmp, date);
      return days === null || days < 0 ? null : days;
    },
    /** gestationalWeeks(lmp, date) → completed weeks of pregnancy */
    gestationalWeeks: (lmp: unknown, date: unknown) => {
      const days = daysBetween(lmp, date);
      return days === null || days < 0 ? null : Math.floor(days / 7);
    },
    /** gestationalAge(lmp, date) → '12+3' (weeks+days, as written in 孕周) */
    gestationalAge: (lmp: unknown, date: unknown) => {
      const days = daysBetween(lmp, date);
      return days === null || days < 0 ? null : `${Math.floor(days / 7)}+${days % 7}`;
    },
    /** edd(lmp) → expected delivery date, LMP + 280 days (Naegele) */
    edd: (lmp: unknown) => addDays(lmp, 280),
    /** round(x, digits) */
    round: (value: unknown, digits: unknown = 0) => {
      const v = num(value);
      const d = num(digits);
      return v === null || d === null ? null : round(v, Math.max(0, Math.min(10, Math.trunc(d))));
    },
  };
}

export type RuleOperationName = keyof ReturnType<typeof ruleOperations>;
