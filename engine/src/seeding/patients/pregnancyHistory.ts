import type { Prng } from './prng.js';
import { isoDay } from './visitHistory.js';

/** One record of a pregnancy episode: `data` has the field names of the seed form `formKey`. */
export interface MaternalVisit {
  formKey: 'prenatal-first' | 'prenatal-followup' | 'postpartum-visit' | 'postpartum-42day';
  data: Record<string, unknown>;
}

/** A pregnancy episode (孕产期): its enrollment and the records captured under it, oldest first. */
export interface GeneratedPregnancy {
  /** The day of the first prenatal check, when the episode was registered (建册). */
  enrolledOn: string;
  /** The day of the 42-day check (or 42 days after delivery) once past; null while open. */
  endedOn: string | null;
  /** What the enrollment records about the pregnancy: the LMP when known. */
  details: Record<string, unknown>;
  visits: MaternalVisit[];
}

const DAY = 86_400_000;

/** Gestational age written as the forms do: completed weeks + days ("18+5"). */
const gestationalAge = (days: number) => `${Math.floor(days / 7)}+${days % 7}`;

/**
 * One woman's pregnancy whose LMP is `lmpMs`, with the records a township would have captured by
 * `todayMs` (nothing dated after it): the first prenatal check (mostly before 13 weeks; the LMP
 * sometimes unknown, dated by an ultrasound due date or not at all), up to four prenatal
 * follow-ups, the delivery (occasionally at home, occasionally twins or no live birth) recorded
 * on the postpartum visit (most within 28 days of discharge, some late, some never) and the
 * 42-day check (most women). Undefined when the first check would be after today.
 */
export function pregnancy(
  prng: Prng,
  lmpMs: number,
  todayMs: number,
  mother: { age: number; heightCm: number; doctor: string },
): GeneratedPregnancy | undefined {
  const day = (offset: number) => isoDay(lmpMs + offset * DAY);
  // First check: most before 13 weeks (day 91); a few right at the edge, a quarter later.
  const firstDay = prng.chance(0.1)
    ? prng.int(88, 93)
    : prng.chance(0.72)
      ? prng.int(42, 87)
      : prng.int(94, 150);
  if (lmpMs + firstDay * DAY > todayMs) return undefined;
  const lmpUnknown = prng.chance(0.12);
  const ultrasound = lmpUnknown && prng.chance(0.6);
  const weight = Math.round(Math.max(42, mother.heightCm - 105 + prng.normal(0, 6)) * 10) / 10;
  const first: Record<string, unknown> = {
    visitDate: day(firstDay),
    age: mother.age,
    gravidity: prng.int(1, 3),
    parityVaginal: 0,
    parityCaesarean: 0,
    pastHistory: ['1'],
    familyHistory: ['1'],
    personalHistory: ['1'],
    gynSurgery: '1',
    height: mother.heightCm,
    weight,
    sbp: prng.int(98, 132),
    dbp: prng.int(60, 84),
    heart: '1',
    lungs: '1',
    haemoglobin: prng.int(100, 135),
    urineProtein: '-',
    aboBlood: prng.pick(['1', '2', '3', '4']),
    rhBlood: '2',
    vaginalDischarge: ['1'],
    vaginalCleanliness: prng.pick(['1', '2']),
    hbsag: '1',
    syphilis: '1',
    hiv: '1',
    overallAssessment: '1',
    // The risk colour (optional nationally, required by some provinces): mostly green.
    riskColour: prng.chance(0.85) ? '1' : '2',
    guidance: ['1', '3', '4', '5'],
    referral: '1',
    nextVisitDate: day(firstDay + 28),
    doctorSignature: mother.doctor,
  };
  if (first.gravidity !== 1) first.parityVaginal = prng.int(0, (first.gravidity as number) - 1);
  if (!lmpUnknown) first.lmp = day(0);
  else {
    first.lmpUnknown = true;
    // The ultrasound's due date: within a week of the true one (always after the visit).
    if (ultrasound) first.eddUltrasound = day(280 + prng.int(-7, 7));
  }
  const visits: MaternalVisit[] = [{ formKey: 'prenatal-first', data: first }];
  const details: Record<string, unknown> = lmpUnknown ? {} : { lmp: day(0) };

  // Prenatal follow-ups 2–5 at about 16–20, 21–24, 28–36 and 37–40 weeks; some women miss the later ones.
  const followups = prng.chance(0.7) ? 4 : prng.chance(0.5) ? 3 : prng.int(0, 2);
  const windows: [number, number][] = [
    [113, 140],
    [147, 168],
    [196, 252],
    [259, 273],
  ];
  let previous = firstDay;
  for (let n = 0; n < followups; n++) {
    const [from, to] = windows[n]!;
    const at = Math.max(previous + 7, prng.int(from, to));
    previous = at;
    if (lmpMs + at * DAY > todayMs) break;
    visits.push({
      formKey: 'prenatal-followup',
      data: {
        visitNumber: n + 2,
        visitDate: day(at),
        gestationalAge: gestationalAge(at),
        weight: Math.round((weight + at / 28) * 10) / 10,
        fundalHeight: Math.min(40, Math.max(8, Math.round(at / 7) - 2)),
        abdominalCircumference: Math.min(110, 78 + Math.round(at / 14)),
        fetalHeartRate: prng.int(125, 160),
        sbp: prng.int(98, 134),
        dbp: prng.int(60, 86),
        haemoglobin: prng.int(100, 130),
        urineProtein: '-',
        classification: '1',
        riskColour: first.riskColour,
        // The guidance printed for the visit: 2nd, 3rd, 4th–5th.
        ...[
          { guidanceEarly: ['1', '2'] },
          { guidanceMid: ['1', '2'] },
          { guidanceLate: ['6', '7'] },
        ][Math.min(n, 2)],
        nextVisitDate: day(at + 28),
        referral: '1',
        doctorSignature: mother.doctor,
      },
    });
  }

  // The delivery, at 37–41 weeks.
  const deliveryDay = prng.int(259, 290);
  const deliveryMs = lmpMs + deliveryDay * DAY;
  const homeBirth = prng.chance(0.06);
  const dischargeMs = homeBirth ? deliveryMs : deliveryMs + prng.int(1, 5) * DAY;
  const liveBirths = prng.chance(0.02) ? 2 : prng.chance(0.01) ? 0 : 1;
  const postpartum = prng.chance(0.85);
  const visitMs = dischargeMs + (prng.chance(0.9) ? prng.int(1, 10) : prng.int(25, 40)) * DAY;
  if (postpartum && visitMs <= todayMs) {
    const data: Record<string, unknown> = {
      visitDate: isoDay(visitMs),
      deliveryDate: isoDay(deliveryMs),
      temperature: Math.round(prng.normal(36.7, 0.2) * 10) / 10,
      generalHealth: '良好',
      mentalHealth: '情绪稳定',
      sbp: prng.int(100, 132),
      dbp: prng.int(62, 84),
      breasts: '1',
      lochia: '1',
      uterus: '1',
      wound: '1',
      classification: '1',
      guidance: ['1', '4', '5'],
      referral: '1',
      doctorSignature: mother.doctor,
    };
    // Live births: sometimes left blank on the form (the indicator then counts the delivery as one).
    if (prng.chance(0.95)) data.liveBirths = liveBirths;
    if (homeBirth) data.homeBirth = true;
    else data.dischargeDate = isoDay(dischargeMs);
    visits.push({ formKey: 'postpartum-visit', data });
  }
  const checkMs = deliveryMs + prng.int(40, 50) * DAY;
  const checked = prng.chance(0.8) && checkMs <= todayMs;
  if (checked) {
    visits.push({
      formKey: 'postpartum-42day',
      data: {
        visitDate: isoDay(checkMs),
        deliveryDate: isoDay(deliveryMs),
        generalHealth: '良好',
        sbp: prng.int(100, 130),
        dbp: prng.int(62, 84),
        breasts: '1',
        lochia: '1',
        uterus: '1',
        wound: '1',
        classification: '1',
        guidance: ['2', '3'],
        handling: '1',
        doctorSignature: mother.doctor,
      },
    });
  }
  // Closed at the 42-day check, or 42 days after the delivery when there was none.
  const closedMs = checked ? checkMs : deliveryMs + 42 * DAY;
  return {
    enrolledOn: day(firstDay),
    endedOn: closedMs <= todayMs ? isoDay(closedMs) : null,
    details,
    visits,
  };
}
