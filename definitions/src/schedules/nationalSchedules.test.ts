/**
 * The national schedules of the printed base (national-phs 3.0.1) as a village doctor's worklist
 * would show them: each rule of the printed spec, computed by computeDueItems with the clock set
 * to the day the doctor looks.
 */
import { describe, expect, it } from 'vitest';
import { readBaseSpec, readJsonFolder } from '../../../seed/lib/readSpec.js';
import { applyOverlay } from '../overlays/applyOverlay.js';
import type { Overlay, Schedule } from '../types/generated.js';
import { computeDueItems } from './computeDueItems.js';
import type { DueInput, DueResult, ScheduleFact, ScheduleRecord } from './dueTypes.js';
import { parameterValues } from './parameterValues.js';

const base = readBaseSpec('national-phs', '3.0.1');
const schedules = readJsonFolder<Schedule>('national-phs', '3.0.1', 'schedules');
const national = parameterValues(base.parameters);

interface Case {
  today: string;
  records?: ScheduleRecord[];
  facts?: Record<string, ScheduleFact[]>;
  enrollment?: DueInput['enrollment'];
  parameters?: Record<string, unknown>;
}

function worklist(schedule: string, c: Case): DueResult {
  return computeDueItems(schedules.get(schedule)!, {
    enrollment: c.enrollment ?? { enrolledOn: '2024-06-01' },
    records: c.records ?? [],
    ...(c.facts ? { facts: c.facts } : {}),
    parameters: { ...national, ...c.parameters },
    clock: { today: () => c.today },
  });
}

const item = (result: DueResult, occurrence: string) =>
  result.items.find((i) => i.occurrence === occurrence);

const CHRONIC = [
  ['hypertension-followup', '1'],
  ['diabetes-followup', '2'],
] as const;

describe.each(CHRONIC)('%s', (form, referralProgram) => {
  const visit = (id: string, visitDate: string, data: Record<string, unknown> = {}) => ({
    id,
    form,
    data: { visitDate, visitMode: '1', classification: '1', ...data },
  });
  const slip = (id: string, referralDate: string, program: string) => ({
    id,
    form: 'referral-out',
    data: { referralDate, program },
  });
  const at = (today: string, records: ScheduleRecord[], extra: Partial<Case> = {}) =>
    worklist(form, { today, records, ...extra });

  it('given a controlled clinic visit on 1 March, when the doctor looks, then the routine visit is due 30 May (window 23 May – 6 June), due soon from 23 May and overdue from 7 June', () => {
    const records = [visit('v1', '2026-03-01')];
    const routine = item(at('2026-03-10', records), 'quarterly');
    expect(routine).toMatchObject({
      form,
      anchor: { id: 'lastFaceToFace', date: '2026-03-01', record: 'v1' },
      windowStart: '2026-05-23',
      windowEnd: '2026-06-06',
      dueDate: '2026-05-30',
      dueSoonDate: '2026-05-23',
      overdueDate: '2026-06-07',
      status: 'upcoming',
    });
    expect(at('2026-05-22', records).next?.occurrence).toBe('quarterly');
    expect(item(at('2026-05-22', records), 'quarterly')?.status).toBe('upcoming');
    expect(item(at('2026-05-23', records), 'quarterly')?.status).toBe('due-soon');
    expect(item(at('2026-06-06', records), 'quarterly')?.status).toBe('due-soon');
    expect(item(at('2026-06-07', records), 'quarterly')?.status).toBe('overdue');
  });

  it('given a province that warns 3 days ahead and flags overdue 2 days late, when the doctor looks, then the routine visit follows its parameters', () => {
    const routine = item(
      at('2026-05-27', [visit('v1', '2026-03-01')], {
        parameters: { reminderDueSoonDays: 3, reminderOverdueDays: 2 },
      }),
      'quarterly',
    );
    expect(routine).toMatchObject({
      dueSoonDate: '2026-05-27',
      overdueDate: '2026-06-09',
      status: 'due-soon',
    });
  });

  it('given a newly enrolled patient with no visit yet, when the doctor looks, then the first routine visit counts from the enrollment', () => {
    const result = worklist(form, {
      today: '2026-03-10',
      enrollment: { enrolledOn: '2026-03-01' },
    });
    expect(item(result, 'quarterly')).toMatchObject({
      anchor: { id: 'lastFaceToFace', date: '2026-03-01', record: 'enrollment' },
      dueDate: '2026-05-30',
    });
  });

  it('given an uncontrolled visit on 1 March, when the doctor looks, then a face-to-face recheck is due within 14 days (1–15 March), and a home visit on 10 March closes it', () => {
    const uncontrolled = [visit('v1', '2026-03-01', { classification: '2' })];
    expect(item(at('2026-03-05', uncontrolled), 'two-week-recheck')).toMatchObject({
      windowStart: '2026-03-01',
      windowEnd: '2026-03-15',
      dueDate: '2026-03-15',
      overdueDate: '2026-03-16',
      status: 'upcoming',
    });
    expect(at('2026-03-05', uncontrolled).next?.occurrence).toBe('two-week-recheck');
    expect(item(at('2026-03-16', uncontrolled), 'two-week-recheck')?.status).toBe('overdue');

    const rechecked = [...uncontrolled, visit('v2', '2026-03-10', { visitMode: '2' })];
    expect(item(at('2026-03-16', rechecked), 'two-week-recheck')).toMatchObject({
      status: 'done',
      doneOn: '2026-03-10',
      doneBy: ['v2'],
    });
    // The recheck visit is the new face-to-face anchor of the routine visit.
    expect(item(at('2026-03-16', rechecked), 'quarterly')?.anchor.date).toBe('2026-03-10');
  });

  it('given an adverse drug reaction at a visit, when the doctor looks, then the 2-week recheck is due as for an uncontrolled visit', () => {
    const result = at('2026-03-05', [visit('v1', '2026-03-01', { classification: '3' })]);
    expect(item(result, 'two-week-recheck')).toMatchObject({ dueDate: '2026-03-15' });
  });

  it('given an uncontrolled visit and then a phone call, when the doctor looks, then the phone visit neither closes the recheck nor moves the routine visit', () => {
    const records = [
      visit('v1', '2026-03-01', { classification: '2' }),
      visit('v2', '2026-03-08', { visitMode: '3', classification: '1' }),
    ];
    const result = at('2026-03-16', records);
    expect(item(result, 'two-week-recheck')).toMatchObject({ status: 'overdue', doneBy: [] });
    expect(item(result, 'quarterly')?.anchor).toEqual({
      id: 'lastFaceToFace',
      date: '2026-03-01',
      record: 'v1',
    });
  });

  it('given two consecutive uncontrolled visits, when the doctor looks, then a referral through the two-way referral workflow is suggested, started automatically only where the province says so', () => {
    const records = [
      visit('v1', '2026-03-01', { classification: '2' }),
      visit('v2', '2026-03-12', { classification: '2' }),
    ];
    const [suggestion] = at('2026-03-12', records).suggestions;
    expect(suggestion).toEqual({
      id: 'refer-after-two-uncontrolled',
      title: expect.objectContaining({ zh: expect.stringContaining('连续两次控制不满意') }),
      workflow: 'two-way-referral',
      startsAutomatically: false,
      basedOn: ['v2', 'v1'],
      since: '2026-03-12',
    });
    const province = at('2026-03-12', records, {
      parameters: { referralAutoStartAfterTwoUncontrolled: true },
    });
    expect(province.suggestions[0]?.startsAutomatically).toBe(true);
  });

  it('given a province overlay that starts the referral by itself, when two consecutive visits are uncontrolled, then the suggestion starts the workflow in that province', async () => {
    const overlay: Overlay = {
      key: 'test-province',
      version: '1.0.0',
      title: { zh: '测试省', en: 'Test province' },
      jurisdiction: { code: '990000', name: { zh: '测试省', en: 'Test province' } },
      base: { spec: 'national-phs', version: '3.0.1' },
      operations: [
        { op: 'set-parameter', key: 'referralAutoStartAfterTwoUncontrolled', value: true },
      ],
    };
    const { spec, problems } = await applyOverlay(base, overlay);
    expect(problems).toEqual([]);
    const records = [
      visit('v1', '2026-03-01', { classification: '2' }),
      visit('v2', '2026-03-12', { classification: '2' }),
    ];
    const province = at('2026-03-12', records, { parameters: parameterValues(spec.parameters) });
    expect(province.suggestions.map((s) => s.startsAutomatically)).toEqual([true]);
  });

  it('given one uncontrolled visit, or an uncontrolled visit followed by a controlled one, when the doctor looks, then no referral is suggested', () => {
    expect(
      at('2026-03-05', [visit('v1', '2026-03-01', { classification: '2' })]).suggestions,
    ).toEqual([]);
    const records = [
      visit('v1', '2026-03-01', { classification: '2' }),
      visit('v2', '2026-03-12', { classification: '1' }),
    ];
    expect(at('2026-03-12', records).suggestions).toEqual([]);
  });

  it('given two consecutive uncontrolled visits and a referral slip written after them, when the doctor looks, then the suggestion is withdrawn and the referral result is due within 2 weeks of the referral', () => {
    const records = [
      visit('v1', '2026-03-01', { classification: '2' }),
      visit('v2', '2026-03-12', { classification: '2' }),
      slip('r1', '2026-03-12', referralProgram),
    ];
    const result = at('2026-03-13', records);
    expect(result.suggestions).toEqual([]);
    expect(item(result, 'referral-outcome-check')).toMatchObject({
      anchor: { id: 'lastReferral', date: '2026-03-12', record: 'r1' },
      dueDate: '2026-03-26',
      status: 'upcoming',
    });
  });

  it('given a referral slip on 1 March that the county never answers, when the doctor looks, then the result is due by 15 March (2 weeks from the referral, with or without a return slip) and a later face-to-face visit closes it', () => {
    const records = [visit('v1', '2026-02-20'), slip('r1', '2026-03-01', referralProgram)];
    expect(item(at('2026-03-16', records), 'referral-outcome-check')).toMatchObject({
      windowStart: '2026-03-01',
      dueDate: '2026-03-15',
      status: 'overdue',
    });
    const followed = [...records, visit('v2', '2026-03-12', { visitMode: '2' })];
    expect(item(at('2026-03-16', followed), 'referral-outcome-check')).toMatchObject({
      status: 'done',
      doneOn: '2026-03-12',
    });
    const byPhone = [...records, visit('v2', '2026-03-12', { visitMode: '3' })];
    expect(item(at('2026-03-16', byPhone), 'referral-outcome-check')?.status).toBe('overdue');
  });

  it("given a referral slip of another programme, when the doctor looks, then it is not this programme's referral", () => {
    const other = referralProgram === '1' ? '2' : '1';
    const result = at('2026-03-05', [visit('v1', '2026-02-20'), slip('r1', '2026-03-01', other)]);
    expect(item(result, 'referral-outcome-check')).toBeUndefined();
  });

  it('given a visit finding a new complication and referring the patient, when the doctor looks, then the referral result is due within 2 weeks and no separate recheck is listed', () => {
    const result = at('2026-03-05', [
      visit('v1', '2026-03-01', { classification: '4', referral: { reason: '并发症加重' } }),
    ]);
    expect(item(result, 'referral-outcome-check')?.dueDate).toBe('2026-03-15');
    const referredUncontrolled = at('2026-03-05', [
      visit('v1', '2026-03-01', { classification: '2', referral: { reason: '控制不满意' } }),
    ]);
    expect(item(referredUncontrolled, 'two-week-recheck')).toBeUndefined();
    expect(item(referredUncontrolled, 'referral-outcome-check')?.dueDate).toBe('2026-03-15');
  });

  it('given a patient managed since last year with 2 face-to-face visits and a phone call this year, when the doctor looks in October, then the yearly minimum is due soon with 2 of 4 counted; with 4 face-to-face visits it is done', () => {
    const records = [
      visit('v1', '2026-01-10'),
      visit('v2', '2026-04-10'),
      visit('v3', '2026-07-10', { visitMode: '3' }),
    ];
    const yearly = item(at('2026-10-02', records), 'yearly-face-to-face');
    expect(yearly).toMatchObject({
      windowStart: '2026-01-01',
      windowEnd: '2026-12-31',
      dueSoonDate: '2026-10-01',
      status: 'due-soon',
      required: 4,
      counted: 2,
      doneBy: ['v1', 'v2'],
    });
    expect(item(at('2026-09-30', records), 'yearly-face-to-face')?.status).toBe('upcoming');
    const four = [
      ...records,
      visit('v4', '2026-08-01'),
      visit('v5', '2026-10-01', { visitMode: '2' }),
    ];
    expect(item(at('2026-10-02', four), 'yearly-face-to-face')).toMatchObject({
      status: 'done',
      counted: 4,
      doneOn: '2026-10-01',
    });
  });

  it('given a patient enrolled this year, when the doctor looks, then the yearly minimum is not asked of this year', () => {
    const result = worklist(form, {
      today: '2026-10-02',
      enrollment: { enrolledOn: '2026-05-01' },
      records: [visit('v1', '2026-05-01')],
    });
    expect(item(result, 'yearly-face-to-face')).toBeUndefined();
  });

  it("given a managed patient, when the doctor looks, then this year's health check is due by 31 December and a health check recorded this year (not last year) closes it", () => {
    const lastYear = { 'health-check': [{ id: 'h0', data: { examDate: '2025-11-20' } }] };
    const open = worklist(form, {
      today: '2026-10-02',
      records: [visit('v1', '2026-09-01')],
      facts: lastYear,
    });
    expect(item(open, 'annual-health-check')).toMatchObject({
      dueDate: '2026-12-31',
      status: 'due-soon',
      doneBy: [],
    });
    const checked = worklist(form, {
      today: '2026-10-02',
      records: [visit('v1', '2026-09-01')],
      facts: {
        'health-check': [
          ...lastYear['health-check'],
          { id: 'h1', data: { examDate: '2026-04-03' } },
        ],
      },
    });
    expect(item(checked, 'annual-health-check')).toMatchObject({
      status: 'done',
      doneOn: '2026-04-03',
    });
  });

  it('given a last visit recording the patient lost to follow-up (失访), when the doctor looks, then the schedule has ended with that reason and nothing is due; a later visit resumes it', () => {
    const records = [
      visit('v1', '2026-01-10', { classification: '2' }),
      visit('v2', '2026-04-10', { followupStatus: '2' }),
    ];
    const lost = at('2026-06-01', records);
    expect(lost.ended).toEqual({
      id: 'lost-to-follow-up',
      reason: { zh: '失访', en: 'Lost to follow-up' },
      date: '2026-04-10',
      record: 'v2',
    });
    expect(lost.items).toEqual([]);
    expect(lost.next).toBeNull();
    const found = at('2026-06-01', [...records, visit('v3', '2026-05-20')]);
    expect(found.ended).toBeNull();
    expect(item(found, 'quarterly')?.anchor.date).toBe('2026-05-20');
  });

  it('given a visit recording the death, when the doctor looks, then the schedule has ended on the date of death, even with a later record entered by mistake', () => {
    const records = [
      visit('v1', '2026-01-10'),
      visit('v2', '2026-03-02', { followupStatus: '3', deathDate: '2026-02-27' }),
      visit('v3', '2026-04-01'),
    ];
    expect(at('2026-06-01', records).ended).toMatchObject({
      id: 'death',
      reason: { zh: '死亡', en: 'Died' },
      date: '2026-02-27',
      record: 'v2',
    });
  });

  it('given an enrollment ended by the clinic, when the doctor looks, then the schedule has ended with its reason', () => {
    const result = worklist(form, {
      today: '2026-06-01',
      enrollment: { enrolledOn: '2024-06-01', endedOn: '2026-05-01', endReason: '迁出' },
      records: [visit('v1', '2026-03-01')],
    });
    expect(result.ended).toMatchObject({ id: 'enrollment-ended', date: '2026-05-01' });
    expect(result.ended?.reason.zh).toContain('迁出');
    expect(result.items).toEqual([]);
  });
});

describe('maternal care by gestational week', () => {
  const first = (id: string, visitDate: string, data: Record<string, unknown>) => ({
    id,
    form: 'prenatal-first',
    data: { visitDate, ...data },
  });
  const followUp = (id: string, visitDate: string, data: Record<string, unknown> = {}) => ({
    id,
    form: 'prenatal-followup',
    data: { visitDate, referral: '1', ...data },
  });
  const windows = (result: DueResult) =>
    result.items.map((i) => [i.occurrence, i.windowStart, i.windowEnd, i.status]);

  it('given an LMP of 1 January given at enrollment, when the doctor looks on 1 February, then the first check is due before 13 weeks (by 1 April) and overdue from 2 April', () => {
    const enrollment = { enrolledOn: '2026-01-25', details: { lmp: '2026-01-01' } };
    const result = worklist('prenatal-first', { today: '2026-02-01', enrollment });
    expect(item(result, 'before-13-weeks')).toMatchObject({
      anchor: { id: 'lmp', date: '2026-01-01', record: 'enrollment' },
      windowStart: '2026-01-01',
      windowEnd: '2026-04-01',
      overdueDate: '2026-04-02',
      status: 'upcoming',
    });
    const late = worklist('prenatal-first', { today: '2026-04-02', enrollment });
    expect(item(late, 'before-13-weeks')?.status).toBe('overdue');
    const registered = worklist('prenatal-first', {
      today: '2026-04-02',
      enrollment,
      records: [first('p1', '2026-03-20', { lmp: '2026-01-01' })],
    });
    expect(item(registered, 'before-13-weeks')).toMatchObject({
      status: 'done',
      doneOn: '2026-03-20',
    });
  });

  it('given an LMP of 1 January from the first check, when the doctor looks, then visits 2 to 5 fall in weeks 16–20, 21–24, 28–36 and 37–40', () => {
    const result = worklist('prenatal-followup', {
      today: '2026-03-01',
      records: [first('p1', '2026-03-01', { lmp: '2026-01-01' })],
    });
    expect(windows(result)).toEqual([
      ['weeks-16-20', '2026-04-23', '2026-05-27', 'upcoming'],
      ['weeks-21-24', '2026-05-28', '2026-06-24', 'upcoming'],
      ['weeks-28-36', '2026-07-16', '2026-09-16', 'upcoming'],
      ['weeks-37-40', '2026-09-17', '2026-10-14', 'upcoming'],
    ]);
  });

  it('given an unknown LMP and an ultrasound EDD of 8 October, when the doctor looks, then the weeks count from the EDD less 280 days (1 January)', () => {
    const result = worklist('prenatal-followup', {
      today: '2026-03-01',
      records: [first('p1', '2026-03-01', { lmpUnknown: true, eddUltrasound: '2026-10-08' })],
    });
    expect(item(result, 'weeks-16-20')).toMatchObject({
      anchor: { id: 'lmp', date: '2026-01-01', record: 'p1' },
      windowStart: '2026-04-23',
    });
    const atEnrollment = worklist('prenatal-first', {
      today: '2026-02-01',
      enrollment: { enrolledOn: '2026-01-25', details: { eddUltrasound: '2026-10-08' } },
    });
    expect(item(atEnrollment, 'before-13-weeks')?.windowEnd).toBe('2026-04-01');
  });

  it('given neither an LMP nor an ultrasound EDD, when the doctor looks, then no gestational visit is computed (the first check records them)', () => {
    const result = worklist('prenatal-followup', {
      today: '2026-03-01',
      records: [first('p1', '2026-03-01', { lmpUnknown: true })],
    });
    expect(result.items).toEqual([]);
  });

  it('given no visit in weeks 16–20, when the doctor looks in week 21, then that visit is missed and the 21–24 visit is the next; a late visit in week 26 still counts for 21–24', () => {
    const records = [first('p1', '2026-03-01', { lmp: '2026-01-01' })];
    const week21 = worklist('prenatal-followup', { today: '2026-05-28', records });
    expect(item(week21, 'weeks-16-20')?.status).toBe('missed');
    expect(week21.next?.occurrence).toBe('weeks-21-24');
    const late = worklist('prenatal-followup', {
      today: '2026-07-01',
      records: [...records, followUp('f1', '2026-06-30')],
    });
    expect(item(late, 'weeks-21-24')).toMatchObject({ status: 'done', doneOn: '2026-06-30' });
    expect(item(late, 'weeks-28-36')?.doneBy).toEqual([]);
  });

  it('given a referral at the prenatal visit in week 18, when the doctor looks, then its result is due within 2 weeks of the referral and the next prenatal visit closes it', () => {
    const records = [
      first('p1', '2026-03-01', { lmp: '2026-01-01' }),
      followUp('f1', '2026-05-07', { referral: '2', referralReason: '血压偏高' }),
    ];
    expect(
      item(
        worklist('prenatal-followup', { today: '2026-05-22', records }),
        'referral-outcome-check',
      ),
    ).toMatchObject({
      anchor: { id: 'lastReferral', date: '2026-05-07', record: 'f1' },
      dueDate: '2026-05-21',
      status: 'overdue',
    });
    const seen = worklist('prenatal-followup', {
      today: '2026-05-22',
      records: [...records, followUp('f2', '2026-05-18')],
    });
    expect(item(seen, 'referral-outcome-check')).toMatchObject({
      status: 'done',
      doneOn: '2026-05-18',
    });
  });

  it('given a delivery, when the doctor looks, then the prenatal schedules have ended', () => {
    const result = worklist('prenatal-followup', {
      today: '2026-10-01',
      records: [first('p1', '2026-03-01', { lmp: '2026-01-01' })],
      facts: { delivery: [{ id: 'd1', data: { deliveryDate: '2026-09-28' } }] },
    });
    expect(result.ended).toMatchObject({ id: 'delivered', date: '2026-09-28', record: 'd1' });
    expect(result.items).toEqual([]);
  });
});

describe('after delivery', () => {
  const delivery = (data: Record<string, unknown>) => ({ delivery: [{ id: 'd1', data }] });

  it('given a discharge on 3 October, when the doctor looks, then the postpartum visit is due within 7 days of discharge and a visit on 8 October closes it', () => {
    const facts = delivery({ deliveryDate: '2026-10-01', dischargeDate: '2026-10-03' });
    expect(
      item(worklist('postpartum-visit', { today: '2026-10-04', facts }), 'within-7-days'),
    ).toMatchObject({
      anchor: { id: 'discharge', date: '2026-10-03', record: 'd1' },
      windowStart: '2026-10-03',
      windowEnd: '2026-10-10',
      dueDate: '2026-10-10',
      status: 'due-soon',
    });
    const visited = worklist('postpartum-visit', {
      today: '2026-10-12',
      facts,
      records: [{ id: 'pv', form: 'postpartum-visit', data: { visitDate: '2026-10-08' } }],
    });
    expect(item(visited, 'within-7-days')).toMatchObject({ status: 'done', doneOn: '2026-10-08' });
  });

  it('given a home birth with no discharge date, when the doctor looks, then the postpartum visit counts from the delivery', () => {
    const result = worklist('postpartum-visit', {
      today: '2026-10-02',
      facts: delivery({ deliveryDate: '2026-10-01', homeBirth: true }),
    });
    expect(item(result, 'within-7-days')).toMatchObject({
      windowStart: '2026-10-01',
      dueDate: '2026-10-08',
    });
  });

  it('given a hospital delivery not yet discharged, when the doctor looks, then no postpartum visit is due yet', () => {
    const result = worklist('postpartum-visit', {
      today: '2026-10-02',
      facts: delivery({ deliveryDate: '2026-10-01' }),
    });
    expect(result.items).toEqual([]);
  });

  it('given a delivery on 1 October, when the doctor looks, then the 42-day check is due on 12 November, may be done until 26 November, and is overdue from 27 November', () => {
    const result = worklist('postpartum-42day', {
      today: '2026-11-06',
      enrollment: { enrolledOn: '2026-02-01', details: { deliveryDate: '2026-10-01' } },
    });
    expect(item(result, 'day-42')).toMatchObject({
      anchor: { id: 'delivery', date: '2026-10-01', record: 'enrollment' },
      windowStart: '2026-11-12',
      windowEnd: '2026-11-26',
      dueDate: '2026-11-12',
      dueSoonDate: '2026-11-05',
      overdueDate: '2026-11-27',
      status: 'due-soon',
    });
  });
});
