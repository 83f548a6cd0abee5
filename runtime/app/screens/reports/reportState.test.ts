// @vitest-environment happy-dom
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- a global declaration for tsc over the tests, no module to import
/// <reference path="../../vueShim.d.ts" />
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { ApiError } from '../../api/ApiError.js';
import { exportHref, type ReportRegion, type ReportRow } from '../../api/reporting.js';
import en from '../../i18n/messages/en.js';
import zhCN from '../../i18n/messages/zh-CN.js';
import RegionTable from './RegionTable.vue';
import {
  backTo,
  defaultPeriod,
  describeFailure,
  drillInto,
  exportQuery,
  formatRate,
  lagNotice,
  periodParam,
  regionQuery,
  trendPoints,
  trendQuery,
  yearChoices,
  type RegionPath,
} from './reportState.js';

/** The reports page's logic as a manager meets it, and its region table under the keyboard. */

const FUJIAN: ReportRegion = { code: '35', name: '福建省', nameEn: 'Fujian', level: 'province' };
const FUZHOU: ReportRegion = { code: '3501', name: '福州市', nameEn: 'Fuzhou', level: 'city' };
const MINHOU: ReportRegion = { code: '350121', name: '闽侯县', nameEn: 'Minhou', level: 'county' };

describe('rates as the manager reads them', () => {
  it('given counted patients, when the rate is shown, then it is a percent with one decimal', () => {
    expect(formatRate({ numerator: 5, denominator: 8, rate: 62.5 })).toBe('62.5%');
    expect(formatRate({ numerator: 1, denominator: 3, rate: 33.3 })).toBe('33.3%');
    expect(formatRate({ numerator: 8, denominator: 8, rate: 100 })).toBe('100.0%');
  });

  it('given a region with nobody in the denominator, when the rate is shown, then it is a dash, not 0%', () => {
    expect(formatRate({ numerator: 0, denominator: 0, rate: null })).toBe('—');
  });

  it('given an answer without a rate but with counts, when the rate is shown, then it is computed from them', () => {
    expect(formatRate({ numerator: 2, denominator: 3, rate: null })).toBe('66.7%');
  });
});

describe('the period the filters name', () => {
  it('given a first visit on a day of 2026, when the page opens, then it shows that whole year', () => {
    const choice = defaultPeriod(new Date('2026-05-20T08:00:00+08:00'));
    expect(periodParam(choice)).toBe('2026');
    expect(choice).toMatchObject({ quarter: 2, month: 5 });
  });

  it('given New Year’s morning in China (still the old year in UTC), when the page opens, then it is the new year', () => {
    expect(periodParam(defaultPeriod(new Date('2026-12-31T17:30:00Z')))).toBe('2027');
  });

  it('given a quarter or a month, when the query is built, then the period reads as the API takes it', () => {
    expect(periodParam({ kind: 'quarter', year: 2026, quarter: 3, month: 1 })).toBe('2026-Q3');
    expect(periodParam({ kind: 'month', year: 2026, quarter: 1, month: 4 })).toBe('2026-04');
  });

  it('given this year, when the years are offered, then it is the first of six, newest first', () => {
    expect(yearChoices(new Date('2026-03-01T00:00:00+08:00'))).toEqual([
      2026, 2025, 2024, 2023, 2022, 2021,
    ]);
  });
});

describe('the queries of the table, the trend and the exports', () => {
  const march = { kind: 'month' as const, year: 2026, quarter: 1, month: 3 };

  it('given March 2026 in Minhou, when the table asks, then it asks for that month and region', () => {
    expect(regionQuery('hypertension-standard-management-rate', march, '350121')).toEqual({
      indicator: 'hypertension-standard-management-rate',
      period: '2026-03',
      region: '350121',
    });
  });

  it('given March 2026, when the trend asks, then it asks for the whole year (the API gives its months year to date)', () => {
    expect(trendQuery('x', march, '350121')).toEqual({
      indicator: 'x',
      period: '2026',
      region: '350121',
    });
  });

  it('given the filters, when the exports are linked, then each link carries the format and every filter', () => {
    const href = exportHref('csv', regionQuery('x', march, '35'));
    const url = new URL(href, 'http://localhost');
    expect(url.pathname).toBe('/api/plugins/reporting/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      format: 'csv',
      indicator: 'x',
      period: '2026-03',
      region: '35',
    });
  });

  it('given a county’s townships in the table, when it is exported, then the file is grouped by township as the table is', () => {
    const q = regionQuery('x', march, '350121');
    expect(exportQuery(q, 'county')).toEqual({ ...q, group: 'township' });
    expect(exportQuery(q, 'province')).toEqual({ ...q, group: 'city' });
    expect(exportQuery(q, 'township')).toEqual({ ...q, group: 'village' });
  });

  it('given a region of a level the page does not know, when it is exported, then the file has its total alone', () => {
    const q = regionQuery('x', march, '350121');
    expect(exportQuery(q, 'planet')).toEqual(q);
  });

  it('given months with and without patients, when the trend is drawn, then each month has its rate or a gap', () => {
    const rows: ReportRow[] = [
      { period: '2026-01', numerator: 1, denominator: 4, rate: 25 },
      { period: '2026-03', numerator: 0, denominator: 0, rate: null },
      { period: '2026-12', numerator: 3, denominator: 4, rate: 75 },
    ];
    const points = trendPoints(rows, 2026);
    expect(points).toHaveLength(12);
    expect(points[0]).toBe(25);
    expect(points[1]).toBeNull();
    expect(points[2]).toBeNull();
    expect(points[11]).toBe(75);
  });
});

describe('drilling down and back up', () => {
  it('given the province, when the manager drills into a city and a county, then the path holds all three', () => {
    let path: RegionPath = [FUJIAN];
    path = drillInto(path, FUZHOU);
    path = drillInto(path, MINHOU);
    expect(path.map((r) => r.code)).toEqual(['35', '3501', '350121']);
  });

  it('given a county, when the breadcrumb’s province is chosen, then the path is the province alone', () => {
    expect(backTo([FUJIAN, FUZHOU, MINHOU], 0)).toEqual([FUJIAN]);
  });

  it('given a double click on the same row, when it drills twice, then the region is in the path once', () => {
    expect(drillInto(drillInto([FUJIAN], FUZHOU), FUZHOU)).toEqual([FUJIAN, FUZHOU]);
  });
});

describe('what the page says about loading and failures', () => {
  it('given loading two minutes behind, when the page shows figures, then it says up to when they are complete', () => {
    expect(lagNotice({ lagSeconds: 120, loadedUpTo: '2026-05-20T08:00:00Z' })).toBe(
      '2026-05-20T08:00:00Z',
    );
  });

  it('given loading half a minute behind, when the page shows figures, then it says nothing', () => {
    expect(lagNotice({ lagSeconds: 30, loadedUpTo: '2026-05-20T08:00:00Z' })).toBeUndefined();
  });

  it('given reporting down (503), when a request fails, then the page says reporting is unavailable', () => {
    const down = new ApiError(503, 'reporting_unavailable', '报表不可用 / Reporting unavailable');
    expect(describeFailure(down, 'zh')).toEqual({ kind: 'unavailable' });
  });

  it('given a period the engine refuses (400), when the failure is shown, then it names the parameter and its rule in the user’s language', () => {
    const refused = new ApiError(400, 'invalid_query', '查询参数无效 / Invalid query', {
      problems: [
        {
          param: 'period',
          message: { zh: '统计期最长 10 年', en: 'the period is at most 10 years' },
        },
      ],
    });
    expect(describeFailure(refused, 'zh')).toMatchObject({
      kind: 'invalid',
      problems: [{ param: 'period', text: '统计期最长 10 年' }],
    });
    expect(describeFailure(refused, 'en')).toMatchObject({
      problems: [{ param: 'period', text: 'the period is at most 10 years' }],
    });
  });
});

describe('the region table', () => {
  const rows: ReportRow[] = [
    { region: FUZHOU, numerator: 5, denominator: 8, rate: 62.5, children: true },
    {
      region: { code: '3502', name: '厦门市', nameEn: 'Xiamen' },
      numerator: 0,
      denominator: 0,
      rate: null,
      children: false,
    },
  ];

  function mountTable(locale: 'zh-CN' | 'en' = 'zh-CN') {
    const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } });
    return mount(RegionTable, {
      props: { rows, total: { numerator: 5, denominator: 8, rate: 62.5 }, region: '福建省' },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
  }

  it('given the cities of Fujian, when the table is shown, then each row has its numerator, denominator and rate, and the province its total', () => {
    const table = mountTable();
    const cells = table.findAll('[data-test=region-row]').map((row) => row.text());
    expect(cells[0]).toContain('福州市');
    expect(cells[0]).toContain('5');
    expect(cells[0]).toContain('8');
    expect(cells[0]).toContain('62.5%');
    expect(cells[1]).toContain('—');
    expect(table.find('[data-test=total-row]').text()).toContain('福建省合计');
    table.unmount();
  });

  it('given the keyboard, when a city row with regions below has the focus and Enter is pressed, then it drills into that city', async () => {
    const table = mountTable();
    const [fuzhou] = table.findAll('[data-test=region-row]');
    expect(fuzhou!.attributes('tabindex')).toBe('0');
    (fuzhou!.element as HTMLElement).focus();
    await fuzhou!.trigger('keydown', { key: 'Enter' });
    expect(table.emitted('drill')).toEqual([[FUZHOU]]);
    table.unmount();
  });

  it('given a region with nothing below it, when it is clicked or Entered, then nothing happens and it is not in the tab order', async () => {
    const table = mountTable();
    const xiamen = table.findAll('[data-test=region-row]')[1]!;
    expect(xiamen.attributes('tabindex')).toBeUndefined();
    await xiamen.trigger('click');
    await xiamen.trigger('keydown', { key: 'Enter' });
    expect(table.emitted('drill')).toBeUndefined();
    table.unmount();
  });

  it('given English, when the table is shown, then regions are named in English', () => {
    const table = mountTable('en');
    expect(table.find('[data-test=region-row]').text()).toContain('Fuzhou');
    expect(table.find('thead').text()).toContain('Denominator');
    table.unmount();
  });
});
