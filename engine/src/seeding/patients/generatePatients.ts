import { chineseName } from './chineseNames.js';
import { pregnancy, type GeneratedPregnancy } from './pregnancyHistory.js';
import { mix32, Prng } from './prng.js';
import { ResidentIdAllocator } from './residentIdAllocator.js';
import {
  diabetesVisit,
  drawProfile,
  hypertensionVisit,
  isoDay,
  visitDates,
  type GeneratedVisit,
  type Program,
} from './visitHistory.js';

/** A village where generated residents live: its division code, county (ID region) and clinic. */
export interface SeedVillage {
  code: string;
  /** 6-digit GB/T 2260 code of the county: the region part of residents' ID numbers. */
  countyCode: string;
  /** The village clinic the resident is registered with. */
  institutionCode: string;
}

export interface GeneratePatientsOptions {
  seed: number;
  count: number;
  villages: readonly SeedVillage[];
  /** YYYY-MM-DD: ages and visit dates count back from it. */
  today: string;
  /** How many months of follow-ups back from today (default 12). */
  months?: number;
  /**
   * The share (0–1, default 0) of residents who are women of childbearing age with a pregnancy
   * episode instead of chronic-disease follow-ups. Drawn from a second stream: with 0 the
   * residents are exactly those generated before pregnancies existed.
   */
  pregnancies?: number;
}

export interface GeneratedPatient {
  /** UUID-shaped, drawn from the seeded stream. */
  id: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  idNumber: string;
  phone: string;
  villageCode: string;
  institutionCode: string;
  programs: Program[];
  /** Follow-ups of the past 12 months (or `months`), oldest first per programme. */
  visits: GeneratedVisit[];
  /** Pregnancy episodes (only on residents drawn as mothers, see `pregnancies`). */
  pregnancies?: GeneratedPregnancy[];
}

const DAY = 86_400_000;
const MIN_AGE = 35;
/** Mothers' ages today: 20–40. */
const MOTHER_MIN_AGE = 20;
const MOTHER_MAX_AGE = 40;
const MAX_AGE = 85;
const words = (text: string): string[] => text.split(' ');
const MOBILE_PREFIXES = words(
  '130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 173 177 180 181 182 183 185 186 187 188 189 191 198 199',
);

/**
 * Demo residents with a year of hypertension / diabetes follow-ups, drawn from a seeded stream:
 * the same options give the same residents. Lazy: one resident at a time, never the whole run.
 */
export function* generatePatients(options: GeneratePatientsOptions): Generator<GeneratedPatient> {
  const { seed, count, villages, today } = options;
  if (!villages.length) throw new RangeError('generatePatients needs at least one village');
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  if (Number.isNaN(todayMs)) throw new RangeError(`today must be YYYY-MM-DD (got "${today}")`);
  const prng = new Prng(seed);
  const ids = new ResidentIdAllocator(seed);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const months = options.months ?? 12;
  if (!Number.isInteger(months) || months < 1 || months > 120)
    throw new RangeError(`months must be an integer from 1 to 120 (got ${months})`);
  const horizonDays = Math.round((months * 365) / 12);
  const motherShare = options.pregnancies ?? 0;
  if (!(motherShare >= 0 && motherShare <= 1))
    throw new RangeError(`pregnancies must be a share from 0 to 1 (got ${motherShare})`);
  const mothers = motherShare > 0 ? new Prng(mix32(seed ^ 0x2545f491)) : undefined;
  /** The last birthday on which the resident turned `age`, then up to 364 days before it. */
  const birthDateAt = (age: number, prng: Prng) => {
    let birthday = Date.UTC(year - age, month - 1, day);
    if (new Date(birthday).getUTCMonth() !== month - 1) birthday -= DAY; // 29 Feb → 28 Feb
    return isoDay(birthday - prng.int(0, 364) * DAY);
  };

  for (let i = 0; i < count; i++) {
    if (mothers?.chance(motherShare)) {
      yield mother(mothers);
      continue;
    }
    const village = prng.pick(villages);
    const sex = prng.chance(0.48) ? 'male' : 'female';
    let birthDate: string;
    let idNumber: string | undefined;
    do {
      // Skewed older: the square root of a uniform draw leans towards 1.
      const age = Math.min(MAX_AGE, MIN_AGE + Math.floor(Math.sqrt(prng.next()) * 51));
      birthDate = birthDateAt(age, prng);
      idNumber = ids.allocate(village.countyCode, birthDate, sex);
    } while (idNumber === undefined);

    const profile = drawProfile(prng, sex);
    const programs: Program[] = [];
    if (prng.chance(0.7)) programs.push('hypertension');
    if (prng.chance(0.35)) programs.push('diabetes');
    const visits: GeneratedVisit[] = [];
    for (const program of programs) {
      for (const date of visitDates(prng, todayMs, profile.overdue, horizonDays)) {
        visits.push(
          program === 'hypertension'
            ? hypertensionVisit(prng, profile, date)
            : diabetesVisit(prng, profile, date),
        );
      }
    }
    yield {
      id: prng.uuid(),
      name: chineseName(prng, sex),
      sex,
      birthDate,
      idNumber,
      phone: prng.pick(MOBILE_PREFIXES) + String(prng.int(0, 99_999_999)).padStart(8, '0'),
      villageCode: village.code,
      institutionCode: village.institutionCode,
      programs,
      visits,
    };
  }

  /** A woman of 20–40 with one pregnancy whose LMP falls in the months before today. */
  function mother(prng: Prng): GeneratedPatient {
    const village = prng.pick(villages);
    let age: number;
    let birthDate: string;
    let idNumber: string | undefined;
    do {
      age = prng.int(MOTHER_MIN_AGE, MOTHER_MAX_AGE);
      birthDate = birthDateAt(age, prng);
      idNumber = ids.allocate(village.countyCode, birthDate, 'female');
    } while (idNumber === undefined);
    const profile = drawProfile(prng, 'female');
    const pregnancies: GeneratedPregnancy[] = [];
    // LMPs from 10 months before the horizon (delivered early in it) to 6 weeks ago.
    for (let tries = 0; tries < 5 && !pregnancies.length; tries++) {
      const lmpMs = todayMs - prng.int(42, horizonDays + 300) * DAY;
      const episode = pregnancy(prng, lmpMs, todayMs, {
        age: Math.max(MOTHER_MIN_AGE - 1, age - Math.round((todayMs - lmpMs) / (365.25 * DAY))),
        heightCm: profile.heightCm,
        doctor: profile.doctor,
      });
      if (episode) pregnancies.push(episode);
    }
    return {
      id: prng.uuid(),
      name: chineseName(prng, 'female'),
      sex: 'female',
      birthDate,
      idNumber,
      phone: prng.pick(MOBILE_PREFIXES) + String(prng.int(0, 99_999_999)).padStart(8, '0'),
      villageCode: village.code,
      institutionCode: village.institutionCode,
      programs: [],
      visits: [],
      pregnancies,
    };
  }
}
