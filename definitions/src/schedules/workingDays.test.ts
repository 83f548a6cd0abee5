/**
 * Due dates kept off weekends and holidays: the national 2026 holiday table of the seed's
 * parameters (the State Council's notice of 4 November 2025), a schedule that names it and an
 * occurrence that keeps its dates on working days; and dueItemAt, an occurrence counted from a
 * given anchor (a workflow's referral, or an anchor a later record moved).
 */
import { describe, expect, it } from 'vitest';
import { readBaseSpec } from '../../../seed/lib/readSpec.js';
import { toDayNumber } from '../rules/dates.js';
import type { ScheduleV2 } from '../types/generated.js';
import { checkSchedule } from './checkSchedule.js';
import { computeDueItems } from './computeDueItems.js';
import { dueItemAt } from './dueItemAt.js';
import type { DueInput, ScheduleRecord } from './dueTypes.js';
import { parameterValues } from './parameterValues.js';
import { ScheduleError } from './ScheduleError.js';
import { isWorkingDay, nextWorkingDay, parseWorkCalendar } from './workCalendar.js';

const base = readBaseSpec('national-phs', '3.0.1');
const national = parameterValues(base.parameters);
const HOLIDAYS_2026 = national['holidayCalendar'] as string;

/** A clinic check two weeks after the last one, kept on working days by a parameter. */
const checkup: ScheduleV2 = {
  model: 2,
  id: 'clinic-check',
  title: { zh: '门诊复查', en: 'Clinic check' },
  program: 'hypertension',
  form: 'hypertension-followup',
  records: {
    visit: [{ from: 'form', key: 'hypertension-followup', date: { var: 'visitDate' } }],
  },
  anchors: { last: { kind: 'record', records: 'visit' } },
  reminders: { dueSoonDays: 3, overdueDays: 0 },
  calendar: { parameter: 'holidayCalendar' },
  workingDays: { parameter: 'keepOffHolidays' },
  occurrences: [
    {
      id: 'two-weeks',
      title: { zh: '两周复查', en: 'Two-week check' },
      anchor: 'last',
      window: { start: { days: 0 }, end: { days: 14 } },
      satisfiedBy: { records: 'visit' },
    },
    {
      id: 'any-day',
      title: { zh: '电话回访', en: 'Phone call' },
      anchor: 'last',
      window: { start: { days: 0 }, end: { days: 14 } },
      satisfiedBy: { records: 'visit' },
      workingDays: false,
    },
  ],
};

const visit = (id: string, visitDate: string): ScheduleRecord => ({
  id,
  form: 'hypertension-followup',
  data: { visitDate },
});

const input = (records: ScheduleRecord[], parameters: Record<string, unknown> = {}): DueInput => ({
  enrollment: { enrolledOn: '2026-01-05' },
  records,
  parameters: { holidayCalendar: HOLIDAYS_2026, keepOffHolidays: true, ...parameters },
  clock: { today: () => '2026-02-02' },
});

const itemOf = (
  records: ScheduleRecord[],
  id = 'two-weeks',
  parameters: Record<string, unknown> = {},
) => computeDueItems(checkup, input(records, parameters)).items.find((i) => i.occurrence === id)!;

const day = (date: string) => toDayNumber(date)!;

describe('the holiday table (national 2026)', () => {
  const calendar = parseWorkCalendar(HOLIDAYS_2026).calendar!;

  it('given the seed parameter, when read, then it is a holiday table a province may set', () => {
    expect(parseWorkCalendar(HOLIDAYS_2026).problems).toEqual([]);
    const parameter = base.parameters.parameters.find((p) => p.key === 'holidayCalendar');
    expect(parameter).toMatchObject({ type: 'string', overridable: true });
  });

  it.each([
    ['2026-01-01', false, 'New Year'],
    ['2026-01-04', true, 'a Sunday worked for New Year'],
    ['2026-02-14', true, 'a Saturday worked for the Spring Festival'],
    ['2026-02-16', false, 'the Spring Festival (a Monday)'],
    ['2026-02-24', true, 'the Tuesday after the Spring Festival'],
    ['2026-04-06', false, 'Qingming (a Monday)'],
    ['2026-05-09', true, 'a Saturday worked for Labour Day'],
    ['2026-10-08', true, 'the Thursday after National Day'],
    ['2026-10-10', true, 'a Saturday worked for National Day'],
    ['2026-11-21', false, 'an ordinary Saturday'],
    ['2026-11-23', true, 'an ordinary Monday'],
  ])('given %s, then working day is %s (%s)', (date, working) => {
    expect(isWorkingDay(calendar, day(date))).toBe(working);
  });

  it('given a day off, when the next working day is asked, then the whole holiday is skipped', () => {
    expect(nextWorkingDay(calendar, day('2026-02-15'))).toBe(day('2026-02-24'));
    expect(nextWorkingDay(calendar, day('2026-10-01'))).toBe(day('2026-10-08'));
    expect(nextWorkingDay(calendar, day('2026-11-23'))).toBe(day('2026-11-23'));
  });

  it.each([
    ['holidays 2026-01-01', /expected one section/],
    ['holidays: 2026-02-30', /not a date/],
    ['holidays: 2026-03-10..2026-03-01', /run forwards/],
    ['holidays: 2026-01-01..2026-03-01', /at most 31 days/],
    ['holidays: 2026-01-01; holidays: 2026-05-01', /expected one section/],
    ['holidays: 2026-01-04; workdays: 2026-01-04', /both as a holiday and as a working day/],
  ])('given the text %j, when parsed, then it is refused with the reason', (text, reason) => {
    const { calendar: none, problems } = parseWorkCalendar(text);
    expect(none).toBeNull();
    expect(problems.map((p) => p.en).join(' ')).toMatch(reason);
    expect(problems[0]!.zh).toBeTruthy();
  });

  it('given an empty text, when parsed, then only weekends are days off', () => {
    const empty = parseWorkCalendar('').calendar!;
    expect(isWorkingDay(empty, day('2026-01-01'))).toBe(true);
    expect(isWorkingDay(empty, day('2026-01-03'))).toBe(false);
  });
});

describe('an occurrence whose dates skip weekends and holidays', () => {
  it('given a visit two weeks before the Spring Festival, when the check falls due on its first day, then it is due on the first working day after it', () => {
    // 2026-02-01 + 14 days = Sunday 15 February, the first day of the Spring Festival holiday.
    const item = itemOf([visit('a', '2026-02-01')]);
    expect(item).toMatchObject({
      windowStart: '2026-02-01',
      windowEnd: '2026-02-24',
      dueDate: '2026-02-24',
      dueSoonDate: '2026-02-21',
      overdueDate: '2026-02-25',
    });
  });

  it('given a check falling due on an ordinary Saturday, then it is due on Monday; on a Saturday worked in lieu, it stays', () => {
    // 2026-11-07 + 14 = Saturday 21 November; 2026-01-31 + 14 = Saturday 14 February (worked).
    expect(itemOf([visit('a', '2026-11-07')]).dueDate).toBe('2026-11-23');
    expect(itemOf([visit('a', '2026-01-31')]).dueDate).toBe('2026-02-14');
  });

  it('given an occurrence that says otherwise, or a province that turns the parameter off, then its dates stay where they fall', () => {
    expect(itemOf([visit('a', '2026-02-01')], 'any-day').dueDate).toBe('2026-02-15');
    expect(
      itemOf([visit('a', '2026-02-01')], 'two-weeks', { keepOffHolidays: false }).dueDate,
    ).toBe('2026-02-15');
  });

  it('given a province calendar without the Spring Festival, then only the weekend is skipped', () => {
    const item = itemOf([visit('a', '2026-02-01')], 'two-weeks', {
      holidayCalendar: 'holidays: 2026-10-01..2026-10-07',
    });
    expect(item.dueDate).toBe('2026-02-16');
  });

  it('given a holiday parameter that is missing or not a holiday table, when computed, then a ScheduleError names the calendar rather than giving a date', () => {
    const run = (value: unknown) => () =>
      computeDueItems(checkup, input([visit('a', '2026-02-01')], { holidayCalendar: value }));
    expect(run(undefined)).toThrow(ScheduleError);
    expect(run(undefined)).toThrow(/\/calendar: parameter holidayCalendar is missing/);
    expect(run('holidays: soon')).toThrow(/is not a holiday table/);
  });

  it('given the schedule against the spec, when checked, then the calendar and flags pass, and a calendar of the wrong type or text is named', () => {
    const spec = {
      ...base,
      parameters: {
        ...base.parameters,
        parameters: [
          ...base.parameters.parameters,
          {
            key: 'keepOffHolidays',
            title: { zh: '避开节假日', en: 'Keep off holidays' },
            type: 'boolean' as const,
            value: true,
          },
        ],
      },
    };
    expect(checkSchedule(checkup, spec)).toEqual([]);
    const wrongType = { ...checkup, calendar: { parameter: 'reminderDueSoonDays' } };
    expect(checkSchedule(wrongType, spec).map((p) => [p.path, p.code])).toEqual([
      ['/calendar/parameter', 'parameter-wrong-type'],
    ]);
    const badText = structuredClone(spec);
    badText.parameters.parameters.find((p) => p.key === 'holidayCalendar')!.value =
      'holidays: 2026-13-01';
    expect(checkSchedule(checkup, badText).map((p) => [p.path, p.code])).toEqual([
      ['/calendar/parameter', 'calendar-invalid'],
    ]);
    const unknownFlag = { ...checkup, workingDays: { parameter: 'nowhere' } };
    expect(checkSchedule(unknownFlag, spec).map((p) => [p.path, p.code])).toEqual([
      ['/workingDays/parameter', 'parameter-unknown'],
    ]);
  });
});

describe('dueItemAt: an occurrence from a given anchor', () => {
  const records = [visit('a', '2026-01-05'), visit('b', '2026-01-12')];
  const plain = {
    ...input(records),
    parameters: { ...input(records).parameters, keepOffHolidays: false },
  };

  it('given the anchor a later visit moved, when asked from the earlier visit, then that item was done by the later visit', () => {
    const earlier = dueItemAt(checkup, plain, 'two-weeks', { date: '2026-01-05', record: 'a' });
    expect(earlier).toMatchObject({
      anchor: { date: '2026-01-05', record: 'a' },
      dueDate: '2026-01-19',
      status: 'done',
      doneOn: '2026-01-12',
      doneBy: ['b'],
    });
    // computeDueItems counts from the later visit only.
    expect(computeDueItems(checkup, plain).items[0]!.anchor.record).toBe('b');
  });

  it('given an anchor date without a record (a workflow names the day), then records on or after it count', () => {
    const item = dueItemAt(checkup, plain, 'two-weeks', { date: '2026-01-12' });
    expect(item).toMatchObject({ anchor: { record: null }, status: 'done', doneBy: ['b'] });
    const later = dueItemAt(checkup, plain, 'two-weeks', { date: '2026-01-20' });
    expect(later).toMatchObject({ status: 'due-soon', dueDate: '2026-02-03', doneBy: [] });
  });

  it('given an occurrence the schedule lacks or an anchor that is no date, then a ScheduleError says so', () => {
    expect(() => dueItemAt(checkup, plain, 'nothing', { date: '2026-01-12' })).toThrow(
      /no occurrence named nothing/,
    );
    expect(() => dueItemAt(checkup, plain, 'two-weeks', { date: 'soon' })).toThrow(
      /anchor date is not a date: soon/,
    );
  });
});
