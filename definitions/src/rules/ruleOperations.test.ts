import { describe, expect, it } from 'vitest';
import { evaluateRule } from './evaluateRule.js';
import type { RuleClock } from './ruleOperations.js';

const clock = (date: string): RuleClock => ({ today: () => date });
const run = (rule: unknown, data: unknown = {}, today = '2026-11-23') =>
  evaluateRule(rule, data, clock(today));

describe('Formwork rule operations', () => {
  it('today reads the injected clock, not the machine', () => {
    expect(run({ today: [] }, {}, '2025-02-28')).toBe('2025-02-28');
    expect(run({ daysBetween: [{ var: 'visit' }, { today: [] }] }, { visit: '2026-11-01' })).toBe(
      22,
    );
  });

  it('date arithmetic works on calendar days across months, years and leap days', () => {
    expect(run({ addDays: ['2024-02-28', 1] })).toBe('2024-02-29');
    expect(run({ addDays: ['2025-12-31', 1] })).toBe('2026-01-01');
    expect(run({ addWeeks: ['2026-11-23', 2] })).toBe('2026-12-07');
    expect(run({ addMonths: ['2026-01-31', 1] })).toBe('2026-02-28');
    expect(run({ addMonths: ['2026-11-23', 3] })).toBe('2027-02-23');
    expect(run({ daysBetween: ['2026-03-01', '2026-02-01'] })).toBe(-28);
  });

  it('age at a date counts completed years', () => {
    expect(run({ ageAt: ['1961-11-24', '2026-11-23'] })).toBe(64);
    expect(run({ ageAt: ['1961-11-23', '2026-11-23'] })).toBe(65);
    expect(run({ ageAt: ['2000-02-29', '2025-02-28'] })).toBe(24);
  });

  it('BMI is weight over height squared, one decimal', () => {
    expect(run({ bmi: [{ var: 'weight' }, { var: 'height' }] }, { weight: 70, height: 170 })).toBe(
      24.2,
    );
    expect(run({ bmi: [82.5, 165] })).toBe(30.3);
  });

  it('expected delivery date is LMP + 280 days; gestational age counts weeks+days', () => {
    expect(run({ edd: ['2026-03-01'] })).toBe('2026-12-06');
    expect(run({ gestationalAge: ['2026-03-01', '2026-05-27'] })).toBe('12+3');
    expect(run({ gestationalWeeks: ['2026-03-01', '2026-05-27'] })).toBe(12);
    expect(run({ gestationalDays: ['2026-03-01', '2026-05-27'] })).toBe(87);
  });

  it('a missing or impossible value gives null instead of failing the form', () => {
    expect(run({ bmi: [{ var: 'weight' }, { var: 'height' }] }, { weight: 70 })).toBeNull();
    expect(run({ addDays: ['2026-02-30', 1] })).toBeNull();
    expect(run({ edd: ['not a date'] })).toBeNull();
    expect(run({ ageAt: ['2030-01-01', '2026-01-01'] })).toBeNull();
    expect(run({ gestationalAge: ['2026-06-01', '2026-05-01'] })).toBeNull();
  });

  it('a date pushed beyond the calendar gives null instead of an exception or a mangled date', () => {
    const next = { addDays: [{ var: 'visitDate' }, { var: 'interval' }] };
    // 1e9 days is past the last date JavaScript can hold: toISOString threw "Invalid time value".
    expect(run(next, { visitDate: '2026-11-20', interval: 1e9 })).toBeNull();
    expect(run({ addWeeks: ['2026-11-20', 2e8] })).toBeNull();
    expect(run({ addMonths: ['2026-11-20', 1e9] })).toBeNull();
    expect(run({ addMonths: ['2026-11-20', 1e300] })).toBeNull();
    expect(run({ addDays: ['2026-11-20', -1e9] })).toBeNull();
    // Past 9999-12-31 the ISO text has six digits: '+010240-0' is no date another rule can read.
    expect(run(next, { visitDate: '2026-11-20', interval: 3_000_000 })).toBeNull();
    expect(run({ addMonths: ['9999-12-01', 1] })).toBeNull();
    expect(run({ addDays: ['9999-12-30', 1] })).toBe('9999-12-31');
  });

  it('standard JsonLogic still works alongside', () => {
    const urgent = { or: [{ '>=': [{ var: 'sbp' }, 180] }, { '>=': [{ var: 'dbp' }, 110] }] };
    expect(run(urgent, { sbp: 182, dbp: 95 })).toBe(true);
    expect(run(urgent, { sbp: 150, dbp: 95 })).toBe(false);
    expect(run({ round: [3.14159, 2] })).toBe(3.14);
  });
});
