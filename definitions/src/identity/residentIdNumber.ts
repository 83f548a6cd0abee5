import type { LocalizedMessage } from '../validation/formErrors.js';

/**
 * GB 11643-1999 citizen identity number (公民身份号码, the number on the 居民身份证): 6-digit
 * region code (GB/T 2260), 8-digit birth date YYYYMMDD, 3-digit sequence (odd for men, even
 * for women) and a check character computed with ISO 7064 MOD 11-2. Pure TypeScript: the same
 * checks run in the browser and in the engine.
 */

export type ResidentIdProblemCode =
  | 'not-a-string'
  | 'wrong-length'
  | 'bad-characters'
  | 'bad-region'
  | 'bad-birth-date'
  | 'bad-check-digit';

export type ResidentIdValidation =
  | {
      ok: true;
      /** Trimmed, with a lowercase check character `x` written as `X`. */
      normalized: string;
      /** YYYY-MM-DD. */
      birthDate: string;
      sex: 'male' | 'female';
      /** The 6-digit administrative region code (GB/T 2260) where the number was issued. */
      region: string;
    }
  | { ok: false; code: ResidentIdProblemCode; message: LocalizedMessage };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';
const EARLIEST_BIRTH_DATE = '1900-01-01';

const MESSAGES: Record<ResidentIdProblemCode, LocalizedMessage> = {
  'not-a-string': {
    zh: '身份证号码必须是文本',
    en: 'The resident ID number must be a string',
  },
  'wrong-length': {
    zh: '身份证号码必须是18位（不接受15位的第一代身份证号码）',
    en: 'The resident ID number must have 18 characters (15-digit first-generation numbers are not accepted)',
  },
  'bad-characters': {
    zh: '身份证号码前17位必须是数字，最后一位是数字或X',
    en: 'The resident ID number must be 17 digits followed by a digit or X',
  },
  'bad-region': {
    zh: '身份证号码的地址码无效',
    en: 'The region code of the resident ID number is not valid',
  },
  'bad-birth-date': {
    zh: '身份证号码中的出生日期无效',
    en: 'The birth date in the resident ID number is not a valid date',
  },
  'bad-check-digit': {
    zh: '身份证号码校验码不正确，请核对号码',
    en: 'The check digit of the resident ID number does not match; check the number',
  },
};

function problem(code: ResidentIdProblemCode): ResidentIdValidation {
  return { ok: false, code, message: MESSAGES[code] };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** `YYYYMMDD` or `YYYY-MM-DD` → `YYYY-MM-DD` when it names a real calendar day, else undefined. */
function calendarDate(raw: string): string | undefined {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(raw);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (day > daysInMonth[month - 1]!) return undefined;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/**
 * Checks a resident ID number. `today` (YYYY-MM-DD) is passed in rather than read from a clock so
 * the result is reproducible; a birth date after it, or before 1900-01-01, is rejected.
 * Messages never reveal the expected check character.
 */
export function validateResidentIdNumber(value: unknown, today: string): ResidentIdValidation {
  const todayDate = calendarDate(today);
  if (todayDate === undefined || today.length !== 10) {
    throw new RangeError(`today must be a date written YYYY-MM-DD (got "${today}")`);
  }
  if (typeof value !== 'string') return problem('not-a-string');
  let id = value.trim();
  if (id.length !== 18) return problem('wrong-length');
  if (!/^\d{17}[\dXx]$/.test(id)) return problem('bad-characters');
  id = id.toUpperCase();
  const region = id.slice(0, 6);
  if (region === '000000') return problem('bad-region');
  const birthDate = calendarDate(id.slice(6, 14));
  if (birthDate === undefined || birthDate < EARLIEST_BIRTH_DATE || birthDate > todayDate) {
    return problem('bad-birth-date');
  }
  if (checkCharacter(id) !== id[17]) return problem('bad-check-digit');
  return {
    ok: true,
    normalized: id,
    birthDate,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    region,
  };
}

/**
 * Builds a valid number from its parts (for seed and test data): `region` 6 digits,
 * `birthDate` YYYY-MM-DD, `sequence` 0..999 (odd: male, even: female).
 */
export function makeResidentIdNumber(region: string, birthDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(region)) {
    throw new RangeError(`region must be 6 digits (got "${region}")`);
  }
  const date = birthDate.length === 10 ? calendarDate(birthDate) : undefined;
  if (date === undefined) {
    throw new RangeError(`birthDate must be a date written YYYY-MM-DD (got "${birthDate}")`);
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be an integer from 0 to 999 (got ${sequence})`);
  }
  const first17 = region + date.replace(/-/g, '') + String(sequence).padStart(3, '0');
  return first17 + checkCharacter(first17);
}

function stars(count: number): string {
  return '*'.repeat(Math.max(count, 4));
}

/**
 * Shows an ID number masked: the region code and the last 4 characters stay
 * (`350102********123X`). Anything that is not 18 characters long is masked entirely, so a
 * malformed value never leaks more than a well-formed one.
 */
export function maskIdNumber(value: string): string {
  const chars = Array.from(value);
  if (chars.length !== 18) return stars(chars.length);
  return chars.slice(0, 6).join('') + '*'.repeat(8) + chars.slice(14).join('');
}

/**
 * Shows a phone number masked: a mainland mobile number (11 digits starting with 1) keeps its
 * first 3 and last 4 digits (`138****1234`); anything else keeps only its last 4 characters, and a
 * value of 4 characters or fewer is masked entirely.
 */
export function maskPhone(value: string): string {
  if (/^1\d{10}$/.test(value)) return `${value.slice(0, 3)}****${value.slice(7)}`;
  const chars = Array.from(value);
  if (chars.length <= 4) return stars(chars.length);
  return '*'.repeat(chars.length - 4) + chars.slice(-4).join('');
}
