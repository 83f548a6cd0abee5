import { chineseName } from './chineseNames.js';
import { Prng } from './prng.js';
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
  /** Follow-ups of the past 12 months, oldest first per programme. */
  visits: GeneratedVisit[];
}

const DAY = 86_400_000;
const MIN_AGE = 35;
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

  for (let i = 0; i < count; i++) {
    const village = prng.pick(villages);
    const sex = prng.chance(0.48) ? 'male' : 'female';
    let birthDate: string;
    let idNumber: string | undefined;
    do {
      // Skewed older: the square root of a uniform draw leans towards 1.
      const age = Math.min(MAX_AGE, MIN_AGE + Math.floor(Math.sqrt(prng.next()) * 51));
      // The last birthday on which the resident turned `age`, then up to 364 days before it.
      let birthday = Date.UTC(year - age, month - 1, day);
      if (new Date(birthday).getUTCMonth() !== month - 1) birthday -= DAY; // 29 Feb → 28 Feb
      birthDate = isoDay(birthday - prng.int(0, 364) * DAY);
      idNumber = ids.allocate(village.countyCode, birthDate, sex);
    } while (idNumber === undefined);

    const profile = drawProfile(prng, sex);
    const programs: Program[] = [];
    if (prng.chance(0.7)) programs.push('hypertension');
    if (prng.chance(0.35)) programs.push('diabetes');
    const visits: GeneratedVisit[] = [];
    for (const program of programs) {
      for (const date of visitDates(prng, todayMs, profile.overdue)) {
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
}
