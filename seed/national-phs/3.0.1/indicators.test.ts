/**
 * The national 3.0.1 indicators as a county QA auditor counts them, on small hand-made
 * populations through evaluateIndicator (the reference the reporting plugin's SQL must match):
 * the ordinary cases and what missing data does to each — no visit, a missing value, an unknown
 * LMP, a missing discharge date, a home birth — and live births as the maternal denominator
 * (twins count twice).
 */
import { describe, expect, it } from 'vitest';
import {
  evaluateIndicator,
  isFactIndicator,
  type FactIndicator,
  type Indicator,
  type IndicatorRecord,
  type IndicatorSubject,
} from '@formwork/definitions';
import { readBaseSpec, readJsonFolder } from '../../lib/readSpec.js';

const base = readBaseSpec('national-phs', '3.0.1');
const indicators = readJsonFolder<Indicator>('national-phs', '3.0.1', 'indicators');
const parameters = Object.fromEntries(base.parameters.parameters.map((p) => [p.key, p.value]));
const YEAR = { start: '2026-01-01', end: '2026-12-31' };

function indicator(id: string): FactIndicator {
  const found = indicators.get(id);
  if (!found || !isFactIndicator(found)) throw new Error(`${id} is not a FactIndicator`);
  return found;
}

let serial = 0;
const record = (formKey: string, data: Record<string, unknown>, enrollmentId?: string) =>
  ({ id: `s${String(++serial).padStart(5, '0')}`, formKey, enrollmentId, data }) as IndicatorRecord;

/** A patient under management since 2024 with the given follow-ups of one form. */
function patient(
  id: string,
  program: 'hypertension' | 'diabetes',
  visits: Record<string, unknown>[],
  birthDate: string | null = '1960-03-01',
): IndicatorSubject {
  const form = `${program}-followup`;
  return {
    id,
    birthDate,
    sex: '2',
    enrollments: [{ id: `${id}-${program}`, program, enrolledOn: '2024-01-15' }],
    submissions: visits.map((v) => record(form, v, `${id}-${program}`)),
  };
}

/** Who is met, by subject id, and the totals. */
function count(id: string, subjects: IndicatorSubject[]) {
  const result = evaluateIndicator(indicator(id), { period: YEAR, parameters, subjects });
  return {
    met: Object.fromEntries(result.members.map((m) => [m.subjectId, m.met])),
    numerator: result.numerator,
    denominator: result.denominator,
  };
}

const QUARTERS = ['2026-02-10', '2026-05-12', '2026-08-11', '2026-11-10'];
const bp = (visitDate: string, visitMode: string, sbp = 132, dbp = 82) => ({
  visitDate,
  followupStatus: '1',
  visitMode,
  sbp,
  dbp,
  classification: '1',
});
/** A diabetes follow-up; fastingGlucose null leaves it out of the record, as a form stores it. */
const glucose = (visitDate: string, visitMode: string, fastingGlucose: number | null = 6.4) => ({
  visitDate,
  followupStatus: '1',
  visitMode,
  sbp: 128,
  dbp: 80,
  ...(fastingGlucose === null ? {} : { fastingGlucose }),
  classification: '1',
});

describe('高血压患者规范管理率 / hypertension standard management rate', () => {
  const ID = 'hypertension-standard-management-rate';

  it('given four quarterly clinic or home visits with BP, when the year is counted, then the patient is managed to the spec', () => {
    const result = count(ID, [
      patient(
        'clinic',
        'hypertension',
        QUARTERS.map((d) => bp(d, '1')),
      ),
      patient(
        'home',
        'hypertension',
        QUARTERS.map((d, i) => bp(d, i % 2 ? '2' : '1')),
      ),
    ]);
    expect(result).toEqual({ met: { clinic: true, home: true }, numerator: 2, denominator: 2 });
  });

  it('given four visits of which one by phone, five by phone, or none at all, when counted, then none is managed to the spec and all are in the denominator', () => {
    const result = count(ID, [
      patient(
        'one-phone',
        'hypertension',
        QUARTERS.map((d, i) => bp(d, i === 3 ? '3' : '1')),
      ),
      patient(
        'all-phone',
        'hypertension',
        [...QUARTERS, '2026-12-01'].map((d) => bp(d, '3')),
      ),
      patient('no-visit', 'hypertension', []),
    ]);
    expect(result).toEqual({
      met: { 'one-phone': false, 'all-phone': false, 'no-visit': false },
      numerator: 0,
      denominator: 3,
    });
  });

  it('given four face-to-face visits of which one has no BP and a 失访 record, when counted, then the patient has three countable visits and is not managed to the spec', () => {
    const visits = QUARTERS.map((d) => bp(d, '1')) as Record<string, unknown>[];
    delete visits[2]!.sbp;
    visits.push({ visitDate: '2026-12-15', followupStatus: '2', lostReason: '外出务工' });
    const result = evaluateIndicator(indicator(ID), {
      period: YEAR,
      parameters,
      subjects: [patient('a', 'hypertension', visits)],
    });
    expect(result.members[0]).toMatchObject({ met: false, facts: { faceToFaceVisits: 3 } });
  });

  it('given four face-to-face visits, one of them last December, when this year is counted, then only three are in the year', () => {
    const result = count(ID, [
      patient(
        'a',
        'hypertension',
        ['2025-12-20', ...QUARTERS.slice(1)].map((d) => bp(d, '1')),
      ),
    ]);
    expect(result.met).toEqual({ a: false });
  });
});

describe('2型糖尿病患者规范管理率 / type 2 diabetes standard management rate', () => {
  const ID = 'diabetes-standard-management-rate';

  it('given four face-to-face visits with fasting glucose, or one of them by phone, or one without glucose, when counted, then only the first patient is managed to the spec', () => {
    const result = count(ID, [
      patient(
        'complete',
        'diabetes',
        QUARTERS.map((d) => glucose(d, '2')),
      ),
      patient(
        'phone',
        'diabetes',
        QUARTERS.map((d, i) => glucose(d, i ? '1' : '3')),
      ),
      patient(
        'no-glucose',
        'diabetes',
        QUARTERS.map((d, i) => glucose(d, '1', i ? 6.1 : null)),
      ),
      patient('no-visit', 'diabetes', []),
    ]);
    expect(result).toEqual({
      met: { complete: true, phone: false, 'no-glucose': false, 'no-visit': false },
      numerator: 1,
      denominator: 4,
    });
  });
});

describe('管理人群血压控制率 / BP control rate', () => {
  const ID = 'hypertension-control-rate';

  it('given latest visits of 138/88 at 60 and 145/85 at 70, when counted, then both are controlled (150 from 65); 145/85 at 60 and 138/90 at 70 are not', () => {
    const result = count(ID, [
      patient('young-at-target', 'hypertension', [bp('2026-10-01', '1', 138, 88)], '1966-01-01'),
      patient('elderly-at-target', 'hypertension', [bp('2026-10-01', '1', 145, 85)], '1956-01-01'),
      patient('young-high', 'hypertension', [bp('2026-10-01', '1', 145, 85)], '1966-01-01'),
      patient('elderly-diastolic', 'hypertension', [bp('2026-10-01', '1', 138, 90)], '1956-01-01'),
    ]);
    expect(result).toEqual({
      met: {
        'young-at-target': true,
        'elderly-at-target': true,
        'young-high': false,
        'elderly-diastolic': false,
      },
      numerator: 2,
      denominator: 4,
    });
  });

  it('given no visit in the year, a latest visit without BP (a 失访 record), and a controlled visit followed by an uncontrolled one, when counted, then none is controlled', () => {
    const result = count(ID, [
      patient('no-visit', 'hypertension', [bp('2025-11-20', '1', 120, 75)]),
      patient('lost', 'hypertension', [
        bp('2026-03-01', '1', 120, 75),
        { visitDate: '2026-09-01', followupStatus: '2', lostReason: '搬迁' },
      ]),
      patient('worse', 'hypertension', [
        bp('2026-03-01', '1', 120, 75),
        bp('2026-09-01', '1', 150, 95),
      ]),
    ]);
    expect(result).toEqual({
      met: { 'no-visit': false, lost: false, worse: false },
      numerator: 0,
      denominator: 3,
    });
  });

  it('given 145/85 read before the 65th birthday or with no birth date, when counted, then the general target (140) applies: not controlled', () => {
    const result = count(ID, [
      patient('turns-65-later', 'hypertension', [bp('2026-10-01', '1', 145, 85)], '1961-10-02'),
      patient('turned-65', 'hypertension', [bp('2026-10-01', '1', 145, 85)], '1961-10-01'),
      patient('unknown-age', 'hypertension', [bp('2026-10-01', '1', 145, 85)], null),
    ]);
    expect(result.met).toEqual({
      'turns-65-later': false,
      'turned-65': true,
      'unknown-age': false,
    });
  });
});

describe('管理人群血糖控制率 / glucose control rate', () => {
  it('given latest fasting glucose 6.9, 7.0, missing, and no visit, when counted, then only 6.9 is controlled', () => {
    const result = count('diabetes-control-rate', [
      patient('6.9', 'diabetes', [
        glucose('2026-03-01', '1', 8.2),
        glucose('2026-09-01', '1', 6.9),
      ]),
      patient('7.0', 'diabetes', [glucose('2026-09-01', '1', 7.0)]),
      patient('missing', 'diabetes', [
        glucose('2026-03-01', '1', 6.0),
        glucose('2026-09-01', '3', null),
      ]),
      patient('no-visit', 'diabetes', []),
    ]);
    expect(result).toEqual({
      met: { '6.9': true, '7.0': false, missing: false, 'no-visit': false },
      numerator: 1,
      denominator: 4,
    });
  });
});

/** A pregnancy: the enrollment and its records (prenatal-first, prenatal-followup, postpartum-visit, postpartum-42day). */
function pregnancy(
  id: string,
  records: { form: string; data: Record<string, unknown> }[],
): IndicatorSubject {
  return {
    id,
    birthDate: '1996-04-02',
    sex: '2',
    enrollments: [{ id: `${id}-p`, program: 'pregnancy', enrolledOn: '2025-10-20' }],
    submissions: records.map((r) => record(r.form, r.data, `${id}-p`)),
  };
}
const first = (visitDate: string, dating: Record<string, unknown> = { lmp: '2025-08-01' }) => ({
  form: 'prenatal-first',
  data: { visitDate, ...dating },
});
const followup = (visitDate: string, visitNumber: number) => ({
  form: 'prenatal-followup',
  data: { visitDate, visitNumber },
});
const postpartumVisit = (data: Record<string, unknown> = {}) => ({
  form: 'postpartum-visit',
  data: {
    visitDate: '2026-05-12',
    deliveryDate: '2026-05-05',
    dischargeDate: '2026-05-08',
    liveBirths: 1,
    ...data,
  },
});
const check42 = (data: Record<string, unknown> = {}) => ({
  form: 'postpartum-42day',
  data: { visitDate: '2026-06-16', deliveryDate: '2026-05-05', ...data },
});
/** LMP 2025-08-01: day 90 (12+6) is 2025-10-30, day 91 (13+0) 2025-10-31. */
const EARLY = '2025-10-30';
const LATE = '2025-10-31';

describe('早孕建册率 / early pregnancy registration rate', () => {
  const ID = 'early-pregnancy-registration-rate';

  it('given first checks at 12+6 and at 13+0 weeks (from the LMP), when counted, then only the first is early', () => {
    const result = count(ID, [
      pregnancy('12+6', [first(EARLY), postpartumVisit()]),
      pregnancy('13+0', [first(LATE), postpartumVisit()]),
    ]);
    expect(result).toEqual({ met: { '12+6': true, '13+0': false }, numerator: 1, denominator: 2 });
  });

  it('given an unknown LMP without an ultrasound date, and one dated by ultrasound at 11+6, when counted, then the undated one is not early and the dated one is', () => {
    const result = count(ID, [
      pregnancy('undated', [first('2025-09-20', { lmpUnknown: true }), postpartumVisit()]),
      pregnancy('ultrasound', [
        first('2025-09-20', { lmpUnknown: true, eddUltrasound: '2026-04-23' }),
        postpartumVisit(),
      ]),
    ]);
    expect(result.met).toEqual({ undated: false, ultrasound: true });
  });

  it('given a delivery without any first prenatal check, when counted, then it is in the live births and not early', () => {
    expect(count(ID, [pregnancy('unregistered', [postpartumVisit()])])).toEqual({
      met: { unregistered: false },
      numerator: 0,
      denominator: 1,
    });
  });

  it('given twins registered early and a single birth registered late, when counted, then there are three live births and one woman registered early', () => {
    const result = count(ID, [
      pregnancy('twins', [first(EARLY), postpartumVisit({ liveBirths: 2 })]),
      pregnancy('single', [first(LATE), postpartumVisit()]),
    ]);
    expect(result).toEqual({ met: { twins: true, single: false }, numerator: 1, denominator: 3 });
  });

  it('given a registration this year whose delivery is next year, or a pregnancy not delivered yet, when this year is counted, then neither is in it', () => {
    const result = count(ID, [
      pregnancy('next-year', [
        first('2026-08-01', { lmp: '2026-06-01' }),
        postpartumVisit({
          deliveryDate: '2027-03-01',
          dischargeDate: '2027-03-03',
          visitDate: '2027-03-08',
        }),
      ]),
      pregnancy('pregnant', [first('2026-08-01', { lmp: '2026-06-01' })]),
    ]);
    expect(result).toEqual({ met: {}, numerator: 0, denominator: 0 });
  });
});

describe('产后访视率 / postpartum visit rate', () => {
  const ID = 'postpartum-visit-rate';

  it('given visits 4, 28 and 29 days after discharge, when counted, then the first two are within the 28-day window', () => {
    const result = count(ID, [
      pregnancy('day-4', [postpartumVisit({ visitDate: '2026-05-12' })]),
      pregnancy('day-28', [postpartumVisit({ visitDate: '2026-06-05' })]),
      pregnancy('day-29', [postpartumVisit({ visitDate: '2026-06-06' })]),
    ]);
    expect(result).toEqual({
      met: { 'day-4': true, 'day-28': true, 'day-29': false },
      numerator: 2,
      denominator: 3,
    });
  });

  it('given a home birth visited 10 days after delivery with no discharge date, and a hospital birth whose discharge date is missing, when counted, then the home birth counts from delivery and the other is not counted', () => {
    const result = count(ID, [
      pregnancy('home', [
        postpartumVisit({ homeBirth: true, dischargeDate: undefined, visitDate: '2026-05-15' }),
      ]),
      pregnancy('no-discharge', [postpartumVisit({ dischargeDate: undefined })]),
    ]);
    expect(result).toEqual({
      met: { home: true, 'no-discharge': false },
      numerator: 1,
      denominator: 2,
    });
  });

  it('given a woman seen only at the 42-day check, when counted, then her delivery is a live birth of the year and she was not visited', () => {
    expect(count(ID, [pregnancy('only-42', [check42()])])).toEqual({
      met: { 'only-42': false },
      numerator: 0,
      denominator: 1,
    });
  });

  it('given a visit too late and then one within the window, when counted, then any visit within the window counts', () => {
    const result = count(ID, [
      pregnancy('two', [
        postpartumVisit({ visitDate: '2026-05-07', dischargeDate: '2026-05-20' }),
        postpartumVisit({ visitDate: '2026-05-25', dischargeDate: '2026-05-20' }),
      ]),
    ]);
    expect(result.met).toEqual({ two: true });
  });

  it('given twins visited in time, when counted, then two live births in the denominator and one woman in the numerator', () => {
    expect(count(ID, [pregnancy('twins', [postpartumVisit({ liveBirths: 2 })])])).toEqual({
      met: { twins: true },
      numerator: 1,
      denominator: 2,
    });
  });
});

describe('孕产妇系统管理率 / maternal systematic management rate', () => {
  const ID = 'maternal-systematic-management-rate';
  const checks = [
    followup('2025-12-10', 2),
    followup('2026-01-14', 3),
    followup('2026-03-11', 4),
    followup('2026-04-22', 5),
  ];

  it('given early registration, five prenatal checks and a postpartum visit in time, when counted, then she is under systematic management', () => {
    expect(
      count(ID, [pregnancy('complete', [first(EARLY), ...checks, postpartumVisit()])]),
    ).toEqual({
      met: { complete: true },
      numerator: 1,
      denominator: 1,
    });
  });

  it('given each of the three missing in turn — four checks, a late registration, no postpartum visit in time — when counted, then none is under systematic management', () => {
    const result = count(ID, [
      pregnancy('four-checks', [first(EARLY), ...checks.slice(1), postpartumVisit()]),
      pregnancy('late', [first(LATE), ...checks, postpartumVisit()]),
      pregnancy('not-visited', [first(EARLY), ...checks, check42()]),
      pregnancy('undated', [first(EARLY, { lmpUnknown: true }), ...checks, postpartumVisit()]),
    ]);
    expect(result).toEqual({
      met: { 'four-checks': false, late: false, 'not-visited': false, undated: false },
      numerator: 0,
      denominator: 4,
    });
  });

  it('given twins under systematic management and a single birth not visited in time, when counted, then one woman over three live births', () => {
    const result = count(ID, [
      pregnancy('twins', [first(EARLY), ...checks, postpartumVisit({ liveBirths: 2 })]),
      pregnancy('single', [first(EARLY), ...checks, check42()]),
    ]);
    expect(result).toEqual({ met: { twins: true, single: false }, numerator: 1, denominator: 3 });
  });
});
