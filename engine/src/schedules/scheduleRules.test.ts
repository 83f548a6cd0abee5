/**
 * Each rule of the seed's schedules (national-phs 3.0.1 with Fujian's overlay), end to end: a
 * village doctor enrols residents and records visits over HTTP, the schedules consumer reads the
 * outbox, and due_items and GET /api/worklist answer — with the clock injected (China time). The
 * definitions package tests computeDueItems on its own; these are the engine's.
 */
import { makeResidentIdNumber } from '@formwork/definitions';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { POSTPARTUM_VISIT, PRENATAL_VISIT, REFERRAL_OUT } from '../workflows/fixtures/forms.js';
import { IdentityFixture, type TestUser } from '../testing/index.js';

const CLINIC = '350121101201-V01';

let f: IdentityFixture;
let doctor: TestUser;
let token: string;
let serial = 100;

/** Sets the clock to 10:00 China time on `date` (and signs the doctor in again when it moved). */
async function at(date: string) {
  const moved = Date.parse(`${date}T02:00:00Z`) - f.clock.now().getTime();
  if (!moved) return;
  f.clock.advance(moved);
  token = await f.login(doctor);
}

const sql = <T extends object>(query: string, bind: unknown[] = []) =>
  f.t.engine.database.sequelize.query<T>(query, { bind, type: QueryTypes.SELECT });
const poll = () => f.t.engine.scheduleWorker!.poll();

async function resident(sex: 'male' | 'female', birth: string): Promise<string> {
  serial++;
  const created = await f.request('POST', '/api/subjects', token, {
    name: sex === 'female' ? '陈丽娟' : '林建华',
    idNumber: makeResidentIdNumber('350121', birth, serial * 2 + (sex === 'female' ? 0 : 1)),
    orgCode: CLINIC,
    phone: '13905912345',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

async function enroll(
  subjectId: string,
  program: string,
  enrolledOn: string,
  details?: Record<string, unknown>,
): Promise<string> {
  const created = await f.request('POST', `/api/subjects/${subjectId}/enrollments`, token, {
    program,
    enrolledOn,
    ...(details ? { details } : {}),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

async function submit(subjectId: string, formKey: string, data: Record<string, unknown>) {
  const stored = await f.request('POST', '/api/submissions', token, { formKey, subjectId, data });
  expect(stored.status, JSON.stringify(stored.body)).toBe(201);
  return stored.body.id as string;
}

interface Item {
  schedule_id: string;
  occurrence_id: string;
  anchor_date: string;
  window_start: string;
  window_end: string;
  due_date: string;
  due_soon_date: string;
  overdue_date: string;
  expires_on: string | null;
  status: string;
  counted: number;
  required: number;
  done_on: string | null;
  end_id: string | null;
  end_reason: { zh: string; en: string } | null;
  form_key: string;
}

/** The enrollment's due items of one occurrence (every schedule), by anchor date. */
const items = (enrollmentId: string, occurrence: string) =>
  sql<Item>(
    `SELECT schedule_id, occurrence_id, anchor_date::text AS anchor_date,
       window_start::text AS window_start, window_end::text AS window_end,
       due_date::text AS due_date, due_soon_date::text AS due_soon_date,
       overdue_date::text AS overdue_date, expires_on::text AS expires_on, status, counted,
       required, done_on::text AS done_on, end_id, end_reason, form_key
     FROM due_items WHERE enrollment_id = $1 AND occurrence_id = $2
     ORDER BY schedule_id, anchor_date`,
    [enrollmentId, occurrence],
  );

/** What the doctor's worklist lists for the resident: [occurrence, status, days overdue]. */
async function listed(subjectId: string, query = '?status=overdue,due-soon,done&period=year') {
  const res = await f.request('GET', `/api/worklist${query}&limit=100`, token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (
    res.body.items as {
      resident: { id: string };
      occurrence: { id: string };
      status: string;
      daysOverdue: number | null;
      form: { key: string; version: string | null };
    }[]
  )
    .filter((i) => i.resident.id === subjectId)
    .map((i) => [i.occurrence.id, i.status, i.daysOverdue]);
}

const uncontrolled = (visitDate: string, extra: Record<string, unknown> = {}) => ({
  ...HT_VISIT,
  visitDate,
  sbp: 152,
  dbp: 96,
  classification: '2',
  ...extra,
});
const controlled = (visitDate: string, extra: Record<string, unknown> = {}) => ({
  ...HT_VISIT,
  visitDate,
  ...extra,
});
const phone = (visitDate: string) => controlled(visitDate, { visitMode: '3' });

beforeAll(async () => {
  f = await IdentityFixture.start();
  doctor = await f.user('village-doctor', '350121101201', { homeOrg: CLINIC });
  token = await f.login(doctor);
}, 60_000);
afterAll(() => f?.stop());
beforeEach(() => at('2026-11-23'));

describe('the routine quarterly visit', () => {
  it('given a face-to-face visit, then the next routine visit is due 90 days on (window day 83–97), due soon a week ahead, overdue the day after the window, and the visit closed the routine visit counted from the enrollment', async () => {
    const subjectId = await resident('male', '1955-04-11');
    const enrollmentId = await enroll(subjectId, 'hypertension', '2026-06-01');
    await submit(subjectId, 'hypertension-followup', controlled('2026-08-25'));
    await poll();
    expect(await items(enrollmentId, 'quarterly')).toMatchObject([
      { anchor_date: '2026-06-01', status: 'done', done_on: '2026-08-25' },
      {
        anchor_date: '2026-08-25',
        window_start: '2026-11-16',
        window_end: '2026-11-30',
        due_date: '2026-11-23',
        due_soon_date: '2026-11-16',
        overdue_date: '2026-12-01',
        status: 'open',
        form_key: 'hypertension-followup',
      },
    ]);
    expect(await listed(subjectId)).toEqual([
      ['quarterly', 'due-soon', null],
      ['annual-health-check', 'due-soon', null],
      ['quarterly', 'done', null],
    ]);
    const res = await f.request('GET', '/api/worklist?status=due-soon', token);
    expect(
      (res.body as { items: { resident: { id: string }; form: unknown }[] }).items.find(
        (i) => i.resident.id === subjectId,
      )?.form,
    ).toEqual({
      key: 'hypertension-followup',
      version: '3.0.1',
      release: 'national-phs@3.0.1+fujian@1.2.0',
    });
    // The dates are the item's: on 3 December it is overdue for the third day, nothing recomputed.
    await at('2026-12-03');
    expect((await listed(subjectId, '?status=overdue'))[0]).toEqual(['quarterly', 'overdue', 3]);
  });
});

describe('the 2-week recheck', () => {
  it('given an uncontrolled visit, then a face-to-face recheck is due within 2 weeks; a phone call does not close it, a clinic visit does', async () => {
    const subjectId = await resident('male', '1951-09-30');
    const enrollmentId = await enroll(subjectId, 'hypertension', '2026-09-01');
    await submit(subjectId, 'hypertension-followup', uncontrolled('2026-11-16'));
    await poll();
    expect(await items(enrollmentId, 'two-week-recheck')).toMatchObject([
      {
        anchor_date: '2026-11-16',
        window_start: '2026-11-16',
        window_end: '2026-11-30',
        due_date: '2026-11-30',
        due_soon_date: '2026-11-23',
        overdue_date: '2026-12-01',
        status: 'open',
      },
    ]);
    expect(await listed(subjectId, '?status=due-soon')).toEqual([
      ['two-week-recheck', 'due-soon', null],
      ['annual-health-check', 'due-soon', null],
    ]);
    await submit(subjectId, 'hypertension-followup', phone('2026-11-20'));
    await poll();
    expect(await items(enrollmentId, 'two-week-recheck')).toMatchObject([
      { status: 'open', counted: 0 },
    ]);
    await submit(subjectId, 'hypertension-followup', controlled('2026-11-22'));
    await poll();
    expect(await items(enrollmentId, 'two-week-recheck')).toMatchObject([
      { anchor_date: '2026-11-16', status: 'done', done_on: '2026-11-22' },
    ]);
  });

  it('given the uncontrolled visit’s date corrected, then the recheck counts from the corrected date and the item of the wrong date is gone', async () => {
    const subjectId = await resident('male', '1954-11-11');
    const enrollmentId = await enroll(subjectId, 'hypertension', '2026-09-01');
    const visitId = await submit(subjectId, 'hypertension-followup', uncontrolled('2026-11-16'));
    await poll();
    expect(await items(enrollmentId, 'two-week-recheck')).toMatchObject([
      { anchor_date: '2026-11-16' },
    ]);
    const amended = await f.request(
      'PUT',
      `/api/submissions/${visitId}`,
      token,
      { data: uncontrolled('2026-11-18'), reason: '随访日期录错' },
      { 'if-match': '"1"' },
    );
    expect(amended.status, JSON.stringify(amended.body)).toBe(200);
    await poll();
    expect(await items(enrollmentId, 'two-week-recheck')).toMatchObject([
      { anchor_date: '2026-11-18', due_date: '2026-12-02', status: 'open' },
    ]);
  });

  it('given an adverse drug reaction, then the recheck is due within 2 weeks of it too', async () => {
    const subjectId = await resident('male', '1949-02-02');
    const enrollmentId = await enroll(subjectId, 'hypertension', '2026-09-01');
    await submit(
      subjectId,
      'hypertension-followup',
      controlled('2026-11-18', {
        classification: '3',
        adverseReaction: '2',
        adverseReactionText: '服药后踝部水肿',
      }),
    );
    await poll();
    expect(await items(enrollmentId, 'two-week-recheck')).toMatchObject([
      { anchor_date: '2026-11-18', due_date: '2026-12-02', status: 'open' },
    ]);
  });
});

describe('the referral follow-up', () => {
  it('given a referral slip for hypertension, then the township follows the referral up within 2 weeks of it, face to face', async () => {
    const subjectId = await resident('male', '1953-07-19');
    const enrollmentId = await enroll(subjectId, 'hypertension', '2026-09-01');
    await submit(subjectId, 'referral-out', { ...REFERRAL_OUT, referralDate: '2026-11-16' });
    await poll();
    expect(await items(enrollmentId, 'referral-outcome-check')).toMatchObject([
      {
        schedule_id: 'hypertension-followup',
        anchor_date: '2026-11-16',
        due_date: '2026-11-30',
        due_soon_date: '2026-11-23',
        status: 'open',
      },
    ]);
    expect(await listed(subjectId, '?status=due-soon')).toContainEqual([
      'referral-outcome-check',
      'due-soon',
      null,
    ]);
    await submit(subjectId, 'hypertension-followup', phone('2026-11-21'));
    await poll();
    expect(await items(enrollmentId, 'referral-outcome-check')).toMatchObject([{ status: 'open' }]);
    await submit(subjectId, 'hypertension-followup', controlled('2026-11-23'));
    await poll();
    expect(await items(enrollmentId, 'referral-outcome-check')).toMatchObject([
      { status: 'done', done_on: '2026-11-23' },
    ]);
  });

  it('given a referral slip for diabetes, then the hypertension schedule does not follow it up', async () => {
    const subjectId = await resident('male', '1952-03-03');
    const enrollmentId = await enroll(subjectId, 'hypertension', '2026-09-01');
    await submit(subjectId, 'referral-out', { ...REFERRAL_OUT, program: '2' });
    await poll();
    expect(await items(enrollmentId, 'referral-outcome-check')).toEqual([]);
  });
});

describe('the maternal schedule', () => {
  it('given a pregnancy enrolled with the last menstrual period, then the checks fall due by gestational week: the first before 13 weeks, then 16–20, 21–24, 28–36 and 37–40', async () => {
    const subjectId = await resident('female', '1997-05-05');
    // 2026-11-23 is 20 weeks 5 days after 2026-07-01.
    const enrollmentId = await enroll(subjectId, 'pregnancy', '2026-11-20', {
      lmp: '2026-07-01',
    });
    await poll();
    expect(await items(enrollmentId, 'before-13-weeks')).toMatchObject([
      {
        schedule_id: 'prenatal-first',
        anchor_date: '2026-07-01',
        window_end: '2026-09-29',
        overdue_date: '2026-09-30',
        status: 'open',
      },
    ]);
    const weeks = async (id: string) => (await items(enrollmentId, id))[0];
    expect(await weeks('weeks-16-20')).toMatchObject({
      window_start: '2026-10-21',
      window_end: '2026-11-24',
      due_date: '2026-11-24',
      expires_on: '2026-11-24',
      due_soon_date: '2026-11-17',
    });
    expect(await weeks('weeks-21-24')).toMatchObject({
      window_start: '2026-11-25',
      window_end: '2026-12-22',
    });
    expect(await weeks('weeks-28-36')).toMatchObject({
      window_start: '2027-01-13',
      window_end: '2027-03-16',
    });
    expect(await weeks('weeks-37-40')).toMatchObject({
      window_start: '2027-03-17',
      window_end: '2027-04-13',
    });
    expect(await listed(subjectId)).toEqual([
      ['before-13-weeks', 'overdue', 55],
      ['weeks-16-20', 'due-soon', null],
    ]);
    await submit(subjectId, 'prenatal-followup', { ...PRENATAL_VISIT, visitDate: '2026-11-21' });
    await poll();
    expect(await weeks('weeks-16-20')).toMatchObject({ status: 'done', done_on: '2026-11-21' });
  });

  it('given the LMP unknown and an ultrasound due date instead (at enrolment, or on the first check), then the weeks count from 280 days before it', async () => {
    const subjectId = await resident('female', '1995-12-12');
    const enrollmentId = await enroll(subjectId, 'pregnancy', '2026-11-20', {
      eddUltrasound: '2027-04-08',
      nextVisitDate: '2026-10-18',
    });
    await poll();
    expect(await items(enrollmentId, 'weeks-16-20')).toMatchObject([
      { anchor_date: '2026-07-02', window_start: '2026-10-22', due_date: '2026-11-25' },
    ]);

    const other = await resident('female', '1996-01-15');
    const second = await enroll(other, 'pregnancy', '2026-09-01');
    await poll();
    expect(await items(second, 'weeks-16-20')).toEqual([]);
    await submit(other, 'prenatal-first', {
      ...PRENATAL_FIRST,
      visitDate: '2026-09-20',
      lmp: undefined,
      lmpUnknown: true,
      eddUltrasound: '2027-04-08',
      nextVisitDate: '2026-10-18',
    });
    await poll();
    expect(await items(second, 'before-13-weeks')).toMatchObject([
      { anchor_date: '2026-07-02', status: 'done', done_on: '2026-09-20' },
    ]);
    expect(await items(second, 'weeks-16-20')).toMatchObject([
      { anchor_date: '2026-07-02', due_date: '2026-11-25', status: 'open' },
    ]);
  });

  it('given a delivery discharged on 20 November, then the postpartum visit is due within a week of the discharge, the 42-day check 42 days after the delivery, and the prenatal checks end as delivered', async () => {
    const subjectId = await resident('female', '1994-06-06');
    const enrollmentId = await enroll(subjectId, 'pregnancy', '2026-05-01', {
      lmp: '2026-02-10',
      deliveryDate: '2026-11-17',
      dischargeDate: '2026-11-20',
    });
    await poll();
    expect(await items(enrollmentId, 'within-7-days')).toMatchObject([
      {
        schedule_id: 'postpartum-visit',
        anchor_date: '2026-11-20',
        window_end: '2026-11-27',
        due_date: '2026-11-27',
        due_soon_date: '2026-11-20',
        status: 'open',
      },
    ]);
    expect(await items(enrollmentId, 'day-42')).toMatchObject([
      {
        anchor_date: '2026-11-17',
        window_start: '2026-12-29',
        due_date: '2026-12-29',
        window_end: '2027-01-12',
        status: 'open',
      },
    ]);
    expect(await listed(subjectId)).toContainEqual(['within-7-days', 'due-soon', null]);
    await submit(subjectId, 'postpartum-visit', {
      ...POSTPARTUM_VISIT,
      visitDate: '2026-11-22',
      deliveryDate: '2026-11-17',
      dischargeDate: '2026-11-20',
    });
    await poll();
    expect(await items(enrollmentId, 'within-7-days')).toMatchObject([
      { status: 'done', done_on: '2026-11-22' },
    ]);
    // The delivery the visit records ends the prenatal checks (the seed's prenatal schedules end
    // on a record whose own deliveryDate is set: the enrolment's details.deliveryDate dates the
    // delivery but does not end them).
    for (const occurrence of ['weeks-37-40', 'before-13-weeks'])
      expect(await items(enrollmentId, occurrence)).toMatchObject([
        {
          status: 'ended',
          end_id: 'delivered',
          end_reason: { zh: '已分娩：转入产后访视', en: 'Delivered: postpartum care follows' },
        },
      ]);
    expect(await listed(subjectId)).toEqual([['within-7-days', 'done', null]]);
  });

  it('given a birth at home, then the postpartum visit is due within a week of the delivery', async () => {
    const subjectId = await resident('female', '1993-03-08');
    const enrollmentId = await enroll(subjectId, 'pregnancy', '2026-05-01', {
      lmp: '2026-02-12',
      deliveryDate: '2026-11-19',
      homeBirth: true,
    });
    await poll();
    expect(await items(enrollmentId, 'within-7-days')).toMatchObject([
      { anchor_date: '2026-11-19', due_date: '2026-11-26', status: 'open' },
    ]);
  });

  it('given the delivery known only from the postpartum visit, then the 42-day check counts from the delivery it records, and a 42-day check recorded closes it', async () => {
    const subjectId = await resident('female', '1992-10-10');
    const enrollmentId = await enroll(subjectId, 'pregnancy', '2026-03-01', {
      lmp: '2026-01-05',
    });
    await submit(subjectId, 'postpartum-visit', {
      ...POSTPARTUM_VISIT,
      visitDate: '2026-10-16',
      deliveryDate: '2026-10-10',
      dischargeDate: '2026-10-13',
    });
    await poll();
    expect(await items(enrollmentId, 'day-42')).toMatchObject([
      {
        anchor_date: '2026-10-10',
        window_start: '2026-11-21',
        due_date: '2026-11-21',
        due_soon_date: '2026-11-14',
        status: 'open',
      },
    ]);
    expect(await listed(subjectId, '?status=due-soon')).toEqual([['day-42', 'due-soon', null]]);
    await submit(subjectId, 'postpartum-42day', { ...POSTPARTUM_42DAY, visitDate: '2026-11-23' });
    await poll();
    expect(await items(enrollmentId, 'day-42')).toMatchObject([
      { status: 'done', done_on: '2026-11-23' },
    ]);
  });
});

describe('at least four face-to-face visits a year', () => {
  it('given a resident enrolled last year, then the year’s four face-to-face visits are due by 31 December (due soon from 1 October), and a phone visit is not one of them', async () => {
    const subjectId = await resident('male', '1950-08-08');
    const enrollmentId = await enroll(subjectId, 'hypertension', '2025-06-01');
    for (const date of ['2026-02-10', '2026-05-12', '2026-08-11'])
      await submit(subjectId, 'hypertension-followup', controlled(date));
    await submit(subjectId, 'hypertension-followup', phone('2026-11-20'));
    await poll();
    expect(await items(enrollmentId, 'yearly-face-to-face')).toMatchObject([
      {
        anchor_date: '2026-01-01',
        window_end: '2026-12-31',
        due_date: '2026-12-31',
        due_soon_date: '2026-10-01',
        expires_on: '2026-12-31',
        status: 'open',
        required: 4,
        counted: 3,
      },
    ]);
    expect(await listed(subjectId, '?status=due-soon')).toContainEqual([
      'yearly-face-to-face',
      'due-soon',
      null,
    ]);
    await submit(subjectId, 'hypertension-followup', controlled('2026-11-22'));
    await poll();
    expect(await items(enrollmentId, 'yearly-face-to-face')).toMatchObject([
      { status: 'done', counted: 4, done_on: '2026-11-22' },
    ]);
  });

  it('given a resident enrolled this year, then no yearly count is due (from the year after enrolment)', async () => {
    const subjectId = await resident('male', '1958-01-01');
    const enrollmentId = await enroll(subjectId, 'diabetes', '2026-03-01');
    await poll();
    expect(await items(enrollmentId, 'yearly-face-to-face')).toEqual([]);
    expect(await items(enrollmentId, 'quarterly')).toMatchObject([{ anchor_date: '2026-03-01' }]);
  });
});

describe('the end of a schedule', () => {
  it('given a visit recording the resident’s death, then the schedule ends as died on the date of death and the items leave the worklist', async () => {
    const subjectId = await resident('male', '1940-12-24');
    const enrollmentId = await enroll(subjectId, 'hypertension', '2026-06-01');
    await poll();
    expect(await listed(subjectId)).not.toEqual([]);
    await submit(subjectId, 'hypertension-followup', {
      visitDate: '2026-11-22',
      followupStatus: '3',
      deathDate: '2026-11-18',
      deathCause: '脑出血',
      doctorSignature: '李医生',
    });
    await poll();
    const [state] = await sql<{ ended: { id: string; date: string; reason: { zh: string } } }>(
      `SELECT ended FROM schedule_states
       WHERE enrollment_id = $1 AND schedule_id = 'hypertension-followup'`,
      [enrollmentId],
    );
    expect(state!.ended).toMatchObject({ id: 'death', date: '2026-11-18', reason: { zh: '死亡' } });
    expect(await items(enrollmentId, 'quarterly')).toMatchObject([
      { status: 'ended', end_id: 'death', end_reason: { zh: '死亡', en: 'Died' } },
    ]);
    expect(await listed(subjectId)).toEqual([]);
  });
});

/** A first prenatal check at 12+3 weeks (seed/national-phs/3.0.1/maternalForms.test.ts). */
const PRENATAL_FIRST: Record<string, unknown> = {
  visitDate: '2026-05-27',
  lmp: '2026-03-01',
  age: 28,
  husbandName: '李明',
  husbandAge: 30,
  husbandPhone: '13800000000',
  gravidity: 2,
  parityVaginal: 1,
  parityCaesarean: 0,
  pastHistory: ['1'],
  familyHistory: ['1'],
  personalHistory: ['1'],
  gynSurgery: '1',
  height: 160,
  weight: 55,
  sbp: 112,
  dbp: 72,
  heart: '1',
  lungs: '1',
  haemoglobin: 118,
  urineProtein: '-',
  aboBlood: '1',
  rhBlood: '2',
  vaginalDischarge: ['1'],
  vaginalCleanliness: '2',
  hbsag: '1',
  syphilis: '1',
  hiv: '1',
  overallAssessment: '1',
  riskColour: '1',
  guidance: ['1', '3', '4', '5'],
  referral: '1',
  nextVisitDate: '2026-06-24',
  doctorSignature: '王芳',
};

/** A 42-day check (seed/national-phs/3.0.1/maternalForms.test.ts). */
const POSTPARTUM_42DAY: Record<string, unknown> = {
  visitDate: '2026-11-20',
  deliveryDate: '2026-10-10',
  generalHealth: '良好',
  sbp: 116,
  dbp: 74,
  breasts: '1',
  lochia: '1',
  uterus: '1',
  wound: '1',
  classification: '1',
  guidance: ['2', '3'],
  handling: '1',
  doctorSignature: '王芳',
};
