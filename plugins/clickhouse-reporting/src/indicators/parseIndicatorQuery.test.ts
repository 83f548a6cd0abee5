/**
 * The indicator query's parameters as the future API takes them: what a manager's filters send is
 * accepted, and bad or hostile input is refused with zh/en problems naming the parameter, before
 * any SQL exists.
 */
import { describe, expect, it } from 'vitest';
import type { Indicator } from '@formwork/definitions';
import { readJsonFolder } from '@formwork/seed/lib/readSpec';
import { IndicatorQueryError, parseIndicatorQuery, periodRange } from './parseIndicatorQuery.js';

const indicators = readJsonFolder<Indicator>('national-phs', '3.0.1', 'indicators');

function problems(raw: Record<string, unknown>) {
  try {
    parseIndicatorQuery(raw, indicators);
  } catch (error) {
    expect(error).toBeInstanceOf(IndicatorQueryError);
    return (error as IndicatorQueryError).problems;
  }
  throw new Error('expected the query to be refused');
}

describe('parseIndicatorQuery', () => {
  it('given a year, a county and month-by-township grouping, when parsed, then the period is the whole year and the grouping is kept', () => {
    const query = parseIndicatorQuery(
      {
        indicator: 'hypertension-control-rate',
        period: '2026',
        region: '330102',
        group: 'township,month,team',
      },
      indicators,
    );
    expect(query.indicator.id).toBe('hypertension-control-rate');
    expect(query.period).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(query.region).toBe('330102');
    expect(query.regionGroup).toBe('township');
    expect(query.groupBy).toEqual({ period: 'month', team: true });
  });

  it('given the codes the org tree holds (province to village, and an institution), when parsed, then each is a region; village and clinic are groupings', () => {
    for (const region of [
      '350000',
      '350100',
      '350121',
      '350121101',
      '350121101201',
      '350121101201-V01',
      '350121-H01',
    ]) {
      const query = parseIndicatorQuery(
        { indicator: 'diabetes-control-rate', period: '2026', region, group: 'village' },
        indicators,
      );
      expect(query.region).toBe(region);
      expect(query.regionGroup).toBe('village');
    }
    expect(
      parseIndicatorQuery(
        { indicator: 'diabetes-control-rate', period: '2026', group: 'clinic,doctor' },
        indicators,
      ),
    ).toMatchObject({ regionGroup: 'clinic', groupBy: { doctor: true } });
  });

  it('given a quarter, a month in a leap year, or start and end dates, when parsed, then each gives its first and last day', () => {
    expect(periodRange('2026-Q1')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(periodRange('2026-Q4')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodRange('2028-02')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    const query = parseIndicatorQuery(
      { indicator: 'postpartum-visit-rate', start: '2017-01-01', end: '2026-12-31' },
      [...indicators.values()],
    );
    expect(query.period).toEqual({ start: '2017-01-01', end: '2026-12-31' });
    expect(query.groupBy).toEqual({});
  });

  it('given an unknown indicator, when parsed, then it is refused in zh and en naming the parameter', () => {
    const [problem] = problems({ indicator: 'no-such-rate', period: '2026' });
    expect(problem).toEqual({
      param: 'indicator',
      message: { zh: '本版本中没有该指标', en: 'no such indicator in this release' },
    });
    expect(problems({ indicator: '__proto__', period: '2026' })[0]!.param).toBe('indicator');
    expect(problems({ indicator: 'constructor', period: '2026' })[0]!.param).toBe('indicator');
  });

  it('given a 100-year period or one of just over 10 years, when parsed, then it is refused; exactly 10 years is accepted', () => {
    for (const raw of [
      { start: '1926-01-01', end: '2026-12-31' },
      { start: '2016-12-31', end: '2026-12-31' },
    ]) {
      expect(problems({ indicator: 'diabetes-control-rate', ...raw })).toEqual([
        {
          param: 'period',
          message: { zh: '统计期最长 10 年', en: 'the period is at most 10 years' },
        },
      ]);
    }
    expect(problems({ indicator: 'diabetes-control-rate', period: '1800' })[0]!.param).toBe(
      'period',
    );
  });

  it('given malformed periods, when parsed, then each is refused', () => {
    for (const raw of [
      { period: '2026-13' },
      { period: '2026-Q5' },
      { period: '26' },
      { period: '2026-02-30' },
      { start: '2026-02-30', end: '2026-12-31' },
      { start: '2026-12-31', end: '2026-01-01' },
      { start: '2026-01-01' },
      { period: '2026', start: '2026-01-01', end: '2026-12-31' },
      {},
    ]) {
      const found = problems({ indicator: 'diabetes-control-rate', ...raw });
      expect(found.length).toBeGreaterThan(0);
      expect(['period', 'start', 'end']).toContain(found[0]!.param);
    }
  });

  it('given hostile strings in every parameter, when parsed, then each parameter is refused and no value is echoed', () => {
    const hostile = "1'; DROP TABLE records; --";
    const found = problems({
      indicator: hostile,
      period: hostile,
      region: hostile,
      group: hostile,
      [hostile]: 'x',
      colour: 'x',
    });
    expect(found.map((p) => p.param).sort()).toEqual(
      ['?', 'colour', 'group', 'indicator', 'period', 'region'].sort(),
    );
    expect(JSON.stringify(found)).not.toContain('DROP');
    expect(problems({ indicator: ['a', 'b'], period: '2026' })[0]).toEqual({
      param: 'indicator',
      message: { zh: '应为单个字符串值', en: 'must be a single string value' },
    });
    expect(problems({ indicator: 'x'.repeat(10_000), period: '2026' })[0]!.message.en).toMatch(
      /too long/,
    );
  });

  it('given region codes of unknown length or with non-digits, and bad groupings, when parsed, then they are refused', () => {
    for (const region of [
      '3',
      '35',
      '3501',
      '33010',
      '3301020010012',
      '３３００００',
      '33 0100',
      '',
      '350121-',
      '350121-V01-V02',
      '350121-V0000000001',
      '350121_V01',
    ]) {
      expect(
        problems({ indicator: 'diabetes-control-rate', period: '2026', region })[0]!.param,
      ).toBe('region');
    }
    for (const group of [
      'county,township',
      'month,year',
      'team,team',
      'institution',
      'county,',
      'village,clinic',
    ]) {
      expect(
        problems({ indicator: 'diabetes-control-rate', period: '2026', group })[0]!.param,
      ).toBe('group');
    }
  });
});
