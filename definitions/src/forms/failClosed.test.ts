import { describe, expect, it } from 'vitest';
import { createAjv } from '../validation/createAjv.js';
import { compileForm } from './compileForm.js';
import { failClosedCases, failClosedForm } from './fixtures/failClosedForm.js';

const clock = { today: () => '2026-11-23' };
const form = compileForm(createAjv(), failClosedForm);
/** `{"toString": {}}` as a client would send it over HTTP. */
const unprintable = () => JSON.parse('{"toString": {}}') as unknown;
const good = { visitDate: '2026-11-20', smoker: '1', cigarettesPerDay: 25, quitAdvice: true };

const errorsAt = (result: ReturnType<typeof form.process>, path: string) =>
  result.errors.filter((e) => e.path === path);

describe('a rule that cannot be evaluated fails the record, naming the rule', () => {
  it.each(failClosedCases)('$name → valid=$valid', ({ data, valid, errors }) => {
    const result = form.process(data, clock);
    expect(result.valid).toBe(valid);
    expect(result.errors.map(({ path, keyword }) => ({ path, keyword }))).toEqual(errors);
    for (const error of result.errors) expect(error.message.zh && error.message.en).toBeTruthy();
  });

  it('given a heavy smoker whose daily count is unreadable, when the record is checked, then the quit-advice rule is reported as not evaluated instead of skipped', () => {
    const result = form.process(
      { ...good, quitAdvice: false, cigarettesPerDay: unprintable() },
      clock,
    );
    expect(result.valid).toBe(false);
    const [failed] = errorsAt(result, '/quitAdvice');
    expect(failed).toMatchObject({ path: '/quitAdvice', keyword: 'rule-failed' });
    expect(failed!.message.zh).toContain('heavy-smoker-advised');
    expect(failed!.message.zh).toContain('when');
    expect(failed!.message.en).toContain('heavy-smoker-advised');
    expect(failed!.message.en).toContain('"when"');
  });

  it('given an unreadable visit date, when the record is checked, then the date rule is reported as not evaluated, not as a date in the future', () => {
    const result = form.process({ ...good, visitDate: unprintable() }, clock);
    expect(result.valid).toBe(false);
    const atDate = errorsAt(result, '/visitDate');
    expect(atDate.map((e) => e.keyword)).not.toContain('x-rule:visit-not-in-future');
    const failed = atDate.find((e) => e.keyword === 'rule-failed');
    expect(failed?.message.zh).toContain('visit-not-in-future');
    expect(failed?.message.en).toContain('visit-not-in-future');
    expect(failed?.message.en).toContain('"assert"');
  });

  it('given a smoking answer the visibility rule cannot read, when the record is processed, then the daily count stays shown and its value is kept', () => {
    const result = form.process({ ...good, smoker: unprintable() }, clock);
    expect(result.valid).toBe(false);
    expect(result.hidden).toEqual([]);
    expect(result.data.cigarettesPerDay).toBe(25);
    const [failed] = errorsAt(result, '/cigarettesPerDay');
    expect(failed).toMatchObject({ path: '/cigarettesPerDay', keyword: 'rule-failed' });
    expect(failed!.message.zh).toContain('/cigarettesPerDay');
    expect(failed!.message.zh).toContain('x-visible');
    expect(failed!.message.en).toContain('/cigarettesPerDay');
    expect(failed!.message.en).toContain('x-visible');
  });

  it('given a dose the daily-dose formula cannot read, when the record is processed, then the daily dose is reported as not calculated and the client value is not kept', () => {
    const result = form.process(
      { ...good, dose: unprintable(), timesPerDay: 2, dailyDose: 7 },
      clock,
    );
    expect(result.valid).toBe(false);
    expect(result.data).not.toHaveProperty('dailyDose');
    const [failed] = errorsAt(result, '/dailyDose');
    expect(failed).toMatchObject({ path: '/dailyDose', keyword: 'rule-failed' });
    expect(failed!.message.zh).toContain('/dailyDose');
    expect(failed!.message.zh).toContain('x-calculated');
    expect(failed!.message.en).toContain('/dailyDose');
    expect(failed!.message.en).toContain('x-calculated');
  });

  it('given data the validator throws on, when the record is checked, then the reason reaches the caller in both languages', () => {
    const result = form.process({ ...good, consent: unprintable() }, clock);
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(1);
    const [failed] = result.errors;
    expect(failed).toMatchObject({ path: '', keyword: 'validation-failed' });
    expect(failed!.message.zh).toContain('数据无法校验');
    expect(failed!.message.zh).toContain('toString is not a function');
    expect(failed!.message.en).toContain('the data could not be validated');
    expect(failed!.message.en).toContain('toString is not a function');
  });

  it('given data nested some thousands deep, when the record is processed, then it is refused with an error instead of an exception', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const result = form.process({ ...good, notes: deep }, clock);
    expect(result.valid).toBe(false);
    expect(result.data).toEqual({});
    expect(result.errors).toEqual([
      expect.objectContaining({ path: '', keyword: 'validation-failed' }),
    ]);
    expect(result.errors[0]!.message.zh).toContain('嵌套过深');
    expect(result.errors[0]!.message.en).toContain('nested too deeply');
  });
});
