import type { Prng } from './prng.js';
import { chineseName } from './chineseNames.js';

/** The follow-up programmes a generated resident may be enrolled in. */
export type Program = 'hypertension' | 'diabetes';

export const PROGRAM_FORMS: Record<Program, string> = {
  hypertension: 'hypertension-followup',
  diabetes: 'diabetes-followup',
};

/** One follow-up visit: `data` has the field names of the seed form `formKey`. */
export interface GeneratedVisit {
  program: Program;
  formKey: string;
  data: Record<string, unknown>;
}

/** What stays the same about one resident across visits of every programme. */
export interface PatientProfile {
  sex: 'male' | 'female';
  heightCm: number;
  weightKg: number;
  /** Whether the resident's readings run above target (most of their visits are uncontrolled). */
  poorlyControlled: boolean;
  /** Whether the last visit was more than 100 days ago. */
  overdue: boolean;
  smoker: boolean;
  doctor: string;
}

const DAY = 86_400_000;
const HYPERTENSION_DRUGS = [
  { drugName: '苯磺酸氨氯地平片', timesPerDay: 1, dosePerTime: 5, unit: 'mg' },
  { drugName: '硝苯地平缓释片', timesPerDay: 2, dosePerTime: 10, unit: 'mg' },
  { drugName: '厄贝沙坦片', timesPerDay: 1, dosePerTime: 150, unit: 'mg' },
  { drugName: '缬沙坦胶囊', timesPerDay: 1, dosePerTime: 80, unit: 'mg' },
  { drugName: '氢氯噻嗪片', timesPerDay: 1, dosePerTime: 12.5, unit: 'mg' },
  { drugName: '酒石酸美托洛尔片', timesPerDay: 2, dosePerTime: 25, unit: 'mg' },
] as const;
const DIABETES_DRUGS = [
  { drugName: '盐酸二甲双胍片', timesPerDay: 2, dosePerTime: 500, unit: 'mg' },
  { drugName: '格列美脲片', timesPerDay: 1, dosePerTime: 2, unit: 'mg' },
  { drugName: '阿卡波糖片', timesPerDay: 3, dosePerTime: 50, unit: 'mg' },
  { drugName: '门冬胰岛素30注射液', timesPerDay: 2, dosePerTime: 12, unit: 'U' },
] as const;

export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const round1 = (n: number) => Math.round(n * 10) / 10;
const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/** A resident's constant traits, drawn once. */
export function drawProfile(prng: Prng, sex: 'male' | 'female'): PatientProfile {
  const heightCm = round1(clamp(prng.normal(sex === 'male' ? 167 : 156, 6), 140, 195));
  const bmi = clamp(prng.normal(24.5, 3.3), 17, 38);
  return {
    sex,
    heightCm,
    weightKg: round1(bmi * (heightCm / 100) ** 2),
    poorlyControlled: prng.chance(0.36),
    overdue: prng.chance(0.17),
    smoker: prng.chance(sex === 'male' ? 0.45 : 0.03),
    doctor: chineseName(prng, prng.chance(0.6) ? 'male' : 'female'),
  };
}

/**
 * Visit dates of the past 12 months (or `horizonDays`), oldest first: the last one within 90 days
 * of today (more than 100 days ago when overdue), the earlier ones roughly a quarter apart.
 */
export function visitDates(
  prng: Prng,
  todayMs: number,
  overdue: boolean,
  horizonDays = 365,
): string[] {
  const daysAgo = [overdue ? prng.int(101, 200) : prng.int(0, 90)];
  for (;;) {
    const next = daysAgo[daysAgo.length - 1]! + prng.int(75, 105);
    if (next > horizonDays) break;
    daysAgo.push(next);
  }
  return daysAgo.reverse().map((d) => isoDay(todayMs - d * DAY));
}

function bloodPressure(prng: Prng, profile: PatientProfile): { sbp: number; dbp: number } {
  const sbp = Math.round(
    clamp(profile.poorlyControlled ? prng.normal(153, 11) : prng.normal(126, 7), 95, 215),
  );
  const dbp = Math.round(
    clamp(profile.poorlyControlled ? prng.normal(93, 7) : prng.normal(78, 5), 55, 125),
  );
  return { sbp, dbp: Math.min(dbp, sbp - 20) };
}

/** What every follow-up form shares: date, mode, symptoms, measurements, lifestyle, signature. */
function commonFields(
  prng: Prng,
  profile: PatientProfile,
  visitDate: string,
  symptomCodes: string[],
) {
  const { sbp, dbp } = bloodPressure(prng, profile);
  const weight = round1(profile.weightKg + prng.normal(0, 0.8));
  const data: Record<string, unknown> = {
    visitDate,
    visitMode: prng.chance(0.7) ? '1' : prng.chance(0.6) ? '2' : '3',
    symptoms: prng.chance(0.75) ? ['1'] : [prng.pick(symptomCodes)],
    sbp,
    dbp,
    weight,
    targetWeight: round1(Math.min(weight, 24 * (profile.heightCm / 100) ** 2)),
    height: profile.heightCm,
    smokingPerDay: profile.smoker ? prng.int(3, 25) : 0,
    smokingTarget: 0,
    exerciseTimesPerWeek: prng.int(0, 7),
    exerciseMinutes: prng.pick([0, 15, 20, 30, 45, 60]),
    exerciseTimesTarget: 5,
    exerciseMinutesTarget: 30,
    psychological: prng.chance(0.85) ? '1' : '2',
    compliance: prng.chance(0.8) ? '1' : '2',
    adherence: prng.chance(0.8) ? '1' : prng.chance(0.7) ? '2' : '3',
    adverseReaction: '1',
    doctorSignature: profile.doctor,
  };
  return { data, uncontrolledBp: sbp >= 140 || dbp >= 90 };
}

function withNextVisit(data: Record<string, unknown>, classification: string): void {
  const visit = Date.parse(`${data.visitDate as string}T00:00:00Z`);
  data.classification = classification;
  data.nextVisitDate = isoDay(visit + (classification === '1' ? 90 : 14) * DAY);
}

/** A hypertension follow-up (高血压患者随访服务记录表); controlled when SBP < 140 and DBP < 90. */
export function hypertensionVisit(
  prng: Prng,
  profile: PatientProfile,
  visitDate: string,
): GeneratedVisit {
  const { data, uncontrolledBp } = commonFields(prng, profile, visitDate, ['2', '4', '6', '8']);
  data.heartRate = Math.round(clamp(prng.normal(76, 9), 48, 130));
  data.saltIntake = prng.chance(0.6) ? '1' : '2';
  data.saltIntakeTarget = '1';
  data.drinkingPerDay = profile.sex === 'male' && prng.chance(0.3) ? prng.int(1, 4) : 0;
  data.drinkingTarget = 0;
  data.medications = [prng.pick(HYPERTENSION_DRUGS)].map((d) => ({ ...d }));
  withNextVisit(data, uncontrolledBp ? '2' : '1');
  return { program: 'hypertension', formKey: PROGRAM_FORMS.hypertension, data };
}

/** A diabetes follow-up (2型糖尿病患者随访服务记录表); controlled when fasting glucose < 7.0 mmol/L. */
export function diabetesVisit(
  prng: Prng,
  profile: PatientProfile,
  visitDate: string,
): GeneratedVisit {
  const { data } = commonFields(prng, profile, visitDate, ['2', '3', '4', '5']);
  const glucose = round1(
    clamp(profile.poorlyControlled ? prng.normal(8.9, 1.5) : prng.normal(6.0, 0.45), 3.5, 25),
  );
  data.fastingGlucose = glucose;
  data.dorsalisPedis = prng.chance(0.92) ? '1' : '2';
  if (data.dorsalisPedis === '2') data.dorsalisPedisSide = prng.pick(['1', '2', '3']);
  data.stapleFood = prng.pick([200, 250, 300, 350, 400]);
  data.stapleFoodTarget = 250;
  data.hypoglycemia = prng.chance(0.93) ? '1' : '2';
  data.medications = [prng.pick(DIABETES_DRUGS)].map((d) => ({ ...d }));
  if (prng.chance(0.25)) {
    data.hba1c = round1(clamp(glucose * 0.75 + 1.6 + prng.normal(0, 0.4), 4.5, 15));
    data.hba1cDate = visitDate;
  }
  withNextVisit(data, glucose >= 7 ? '2' : '1');
  return { program: 'diabetes', formKey: PROGRAM_FORMS.diabetes, data };
}
