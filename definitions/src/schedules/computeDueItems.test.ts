/**
 * How computeDueItems reads a schedule, on a small made-up schedule (a weekly dressing change
 * at the clinic): ordering on the same day, preferred sources, thresholds, failures that must be
 * reported rather than read as "nothing due".
 */
import { describe, expect, it } from 'vitest';
import type { ScheduleV1, ScheduleV2 } from '../types/generated.js';
import { computeDueItems } from './computeDueItems.js';
import type { DueInput, ScheduleRecord } from './dueTypes.js';
import { ScheduleError } from './ScheduleError.js';

const dressing: ScheduleV2 = {
  model: 2,
  id: 'wound-care',
  title: { zh: '伤口换药', en: 'Wound care' },
  program: 'wound',
  form: 'dressing',
  records: {
    visit: [{ from: 'form', key: 'dressing', date: { var: 'visitDate' } }],
    clinicVisit: [
      {
        from: 'form',
        key: 'dressing',
        date: { var: 'visitDate' },
        where: { '==': [{ var: 'place' }, 'clinic'] },
      },
    ],
    start: [
      { from: 'fact', key: 'surgery', date: { var: 'surgeryDate' } },
      { from: 'enrollment', date: { var: 'enrolledOn' } },
    ],
  },
  anchors: {
    lastClinic: { kind: 'record', records: 'clinicVisit' },
    start: { kind: 'record', records: 'start', pick: 'preferred' },
  },
  reminders: { dueSoonDays: { parameter: 'soon' }, overdueDays: 1 },
  occurrences: [
    {
      id: 'weekly',
      title: { zh: '每周换药', en: 'Weekly change' },
      anchor: 'lastClinic',
      window: { start: { days: 0 }, end: { days: 7 } },
      satisfiedBy: { records: 'clinicVisit' },
    },
    {
      id: 'first',
      title: { zh: '首次换药', en: 'First change' },
      anchor: 'start',
      window: { start: { days: 1 }, end: { days: 3 } },
      satisfiedBy: { records: 'visit' },
      dueSoonDays: 0,
    },
  ],
};

const visit = (id: string, visitDate: string, place = 'clinic'): ScheduleRecord => ({
  id,
  form: 'dressing',
  data: { visitDate, place },
});

const input = (
  today: string,
  records: ScheduleRecord[],
  extra: Partial<DueInput> = {},
): DueInput => ({
  enrollment: { enrolledOn: '2026-03-01' },
  records,
  parameters: { soon: 2 },
  clock: { today: () => today },
  ...extra,
});

const item = (
  today: string,
  records: ScheduleRecord[],
  id: string,
  extra: Partial<DueInput> = {},
) => computeDueItems(dressing, input(today, records, extra)).items.find((i) => i.occurrence === id);

describe('computeDueItems', () => {
  it('given weekly clinic visits, when asked with a history, then the items the later visits moved on from are listed when done in it, whatever order the visits came in', () => {
    const records = [
      visit('a', '2026-02-20'),
      visit('b', '2026-03-02'),
      visit('c', '2026-03-05'),
      visit('d', '2026-03-05'),
      visit('e', '2026-03-08', 'home'),
    ];
    const weekly = (list: ScheduleRecord[]) =>
      computeDueItems(dressing, input('2026-03-09', list), {
        history: { anchorsFrom: '2026-02-25', doneFrom: '2026-03-01' },
      }).items.filter((i) => i.occurrence === 'weekly');
    const listed = weekly(records);
    // a is before the anchors' start; c and d share the current anchor's date.
    expect(listed.map((i) => [i.anchor.record, i.status, i.doneOn])).toEqual([
      ['b', 'done', '2026-03-05'],
      ['d', 'upcoming', null],
    ]);
    // Recorded in the other order: the same items (on 5 March, c is now the later record).
    expect(weekly([...records].reverse()).map((i) => [i.anchor.date, i.status])).toEqual([
      ['2026-03-02', 'done'],
      ['2026-03-05', 'upcoming'],
    ]);
    // Without a history, only the current anchor's item.
    expect(item('2026-03-09', records, 'weekly')).toMatchObject({ anchor: { record: 'd' } });
    expect(
      computeDueItems(dressing, input('2026-03-09', records), {
        history: { anchorsFrom: '2026-02-01', doneFrom: '2026-03-02' },
      })
        .items.filter((i) => i.occurrence === 'weekly')
        .map((i) => i.anchor.record),
    ).toEqual(['a', 'b', 'd']);
  });

  it('given two clinic visits on the same day, when computed, then the one recorded later is the anchor and the earlier one does not satisfy it', () => {
    const weekly = item(
      '2026-03-05',
      [visit('a', '2026-03-02'), visit('b', '2026-03-02')],
      'weekly',
    );
    expect(weekly).toMatchObject({
      anchor: { record: 'b', date: '2026-03-02' },
      status: 'upcoming',
    });
  });

  it('given a home visit the day after surgery, when computed, then it satisfies the first change, which any visit does', () => {
    const records = [visit('a', '2026-03-02', 'home')];
    const first = item('2026-03-05', records, 'first', {
      facts: { surgery: [{ id: 's', data: { surgeryDate: '2026-03-01' } }] },
    });
    expect(first).toMatchObject({ anchor: { record: 's' }, status: 'done', doneBy: ['a'] });
  });

  it('given a surgery fact and an enrollment, when the anchor prefers the first source, then the surgery date is used even though the enrollment is later', () => {
    const first = item('2026-03-01', [], 'first', {
      enrollment: { enrolledOn: '2026-03-04' },
      facts: { surgery: [{ id: 's', data: { surgeryDate: '2026-02-27' } }] },
    });
    expect(first).toMatchObject({ anchor: { id: 'start', date: '2026-02-27', record: 's' } });
    const fallback = item('2026-03-05', [], 'first', { enrollment: { enrolledOn: '2026-03-04' } });
    expect(fallback?.anchor).toEqual({ id: 'start', date: '2026-03-04', record: 'enrollment' });
  });

  it('given a home visit only, when computed, then it does not satisfy the clinic occurrence nor move its anchor', () => {
    const weekly = item(
      '2026-03-12',
      [visit('a', '2026-03-02'), visit('b', '2026-03-06', 'home')],
      'weekly',
    );
    expect(weekly).toMatchObject({ anchor: { record: 'a' }, status: 'overdue', doneBy: [] });
  });

  it('given thresholds from a parameter and from the occurrence, when computed, then each item uses its own', () => {
    const records = [visit('a', '2026-03-02')];
    expect(item('2026-03-07', records, 'weekly')).toMatchObject({
      dueDate: '2026-03-09',
      dueSoonDate: '2026-03-07',
      overdueDate: '2026-03-11',
      status: 'due-soon',
    });
    expect(item('2026-03-07', records, 'weekly', { parameters: { soon: 1 } })?.status).toBe(
      'upcoming',
    );
    expect(item('2026-03-01', [], 'first')).toMatchObject({
      dueDate: '2026-03-04',
      dueSoonDate: '2026-03-04',
    });
  });

  it('given no anchor record, when computed, then the occurrence is not listed and nothing is next', () => {
    const result = computeDueItems(
      dressing,
      input('2026-03-05', [visit('a', '2026-03-02', 'home')]),
    );
    expect(result.items.map((i) => [i.occurrence, i.status])).toEqual([['first', 'done']]);
    expect(result.next).toBeNull();
  });

  it('given the same input twice, when computed, then the answers are equal', () => {
    const records = [visit('a', '2026-03-02'), visit('b', '2026-03-04', 'home')];
    expect(computeDueItems(dressing, input('2026-03-07', records))).toEqual(
      computeDueItems(dressing, input('2026-03-07', records)),
    );
  });

  it('given a threshold parameter the release lacks, when computed, then a ScheduleError names the schedule, the pointer and the parameter', () => {
    const run = () =>
      computeDueItems(
        dressing,
        input('2026-03-07', [visit('a', '2026-03-02')], { parameters: {} }),
      );
    expect(run).toThrow(ScheduleError);
    expect(run).toThrow(
      /wound-care \/reminders\/dueSoonDays: parameter soon is missing or not an integer/,
    );
    expect(run).toThrow(/参数 soon 缺失或不是整数/);
  });

  it('given a record whose value makes a rule throw, when computed, then a ScheduleError names the rule and the record instead of reading it as not met', () => {
    const odd = {
      id: 'x',
      form: 'dressing',
      data: { visitDate: '2026-03-02', place: { toString: {} } },
    };
    const run = () => computeDueItems(dressing, input('2026-03-07', [odd]));
    expect(run).toThrow(ScheduleError);
    expect(run).toThrow(
      /\/records\/clinicVisit\/0\/where \(record x\): the rule could not be evaluated/,
    );
  });

  it('given a schedule of the first model (3.0.0), when computed, then it is refused with the reason', () => {
    const first: ScheduleV1 = {
      id: 'old',
      title: { zh: '旧', en: 'Old' },
      program: 'wound',
      form: 'dressing',
      anchor: 'last-visit',
      occurrences: [{ id: 'weekly', title: { zh: '每周', en: 'Weekly' }, offsetDays: 7 }],
    };
    expect(() => computeDueItems(first, input('2026-03-07', []))).toThrow(
      /first model \(3\.0\.0\) cannot be computed/,
    );
  });

  it('given a clock that gives no date, when computed, then it is refused', () => {
    expect(() => computeDueItems(dressing, input('soon', []))).toThrow(/today is not a date: soon/);
  });
});
