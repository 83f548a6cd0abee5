/**
 * The indicator API on a real engine with the reporting plugin (PGlite, embedded chDB in the
 * test's DATA_DIR): hypertension patients registered and visited through the API, loaded by the
 * plugin's consumer, and read back by managers as values, drill-downs and files — numerator,
 * denominator and rate of the BP control rate as worked out by hand below; every region bounded
 * by the manager's jurisdiction.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  HT_VISIT,
  IdentityFixture,
} from '../../../../engine/src/testing/index.js';
import { PLUGIN, PREFIX, ReportingEngine } from './fixtures/reportingEngine.js';

const HOUMEI = '350121101201-V01'; // Shangjie Town, Minhou County
const NANJING = '350121102201-V01'; // Nanyu Town, Minhou County
const TANGTOU = '350122101201-V01'; // Aojiang Town, Lianjiang County
const WANYAO = '530902101201-V01'; // Yunnan
const CONTROL = { indicator: 'hypertension-control-rate', period: '2026' };

let e: ReportingEngine;
let province: string; // Fujian province manager
let minhou: string; // Minhou county public-health manager
let doctors: (string | null)[];

beforeAll(async () => {
  e = await ReportingEngine.start({ IdentityFixture, HT_VISIT });
  // Target: SBP < 140 and DBP < 90 at the latest visit of the year; no visit is not controlled.
  doctors = [
    await e.patient(HOUMEI, { sbp: 132, dbp: 84 }), // controlled
    await e.patient(HOUMEI, { sbp: 150, dbp: 95 }), // not
    await e.patient(HOUMEI), // never visited: not
    await e.patient(NANJING, { sbp: 128, dbp: 80 }), // controlled
    await e.patient(TANGTOU, { sbp: 120, dbp: 70 }), // controlled
    await e.patient(TANGTOU, { sbp: 145, dbp: 85 }), // not
    await e.patient(TANGTOU), // not
    await e.patient(WANYAO, { sbp: 130, dbp: 80 }), // controlled, in Yunnan
  ];
  await e.load();
  province = await e.as('province-manager', '350000');
  minhou = await e.as('county-phc-manager', '350121');
}, 240_000);
afterAll(async () => {
  await e?.stop();
});

describe('indicator values', () => {
  it('given a county manager, when they list the indicators, then they get the computable indicators of the release serving their county', async () => {
    const res = await e.get('/indicators', minhou);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.region).toMatchObject({ code: '350121', name: '闽侯县', level: 'county' });
    expect(res.body.release.id).toEqual(expect.any(String));
    const control = res.body.indicators.find((i: { id: string }) => i.id === CONTROL.indicator);
    expect(control).toMatchObject({
      program: 'hypertension',
      period: 'year',
      unit: 'percent',
      title: { zh: '管理人群血压控制率' },
      numerator: { description: { zh: expect.any(String), en: expect.any(String) } },
      denominator: { description: { zh: expect.any(String), en: expect.any(String) } },
    });
    // The definition reads with the release's values, not the parameters' keys.
    const managed = res.body.indicators.find(
      (i: { id: string }) => i.id === 'hypertension-standard-management-rate',
    );
    expect(managed.description.zh).toMatch(/不少于 \d+ 次/);
    expect(managed.description.en).toMatch(/at least \d+ face-to-face visits/);
    expect(JSON.stringify(managed)).not.toContain('chronicMinVisitsPerYear');
  });

  it('given a county manager asking for their county without naming it, then the BP control rate is 2 of 4 patients, 50.0%', async () => {
    const res = await e.get('/values', minhou, CONTROL);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      indicator: { id: CONTROL.indicator, title: { zh: '管理人群血压控制率' } },
      period: { start: '2026-01-01', end: '2026-12-31' },
      region: { code: '350121', name: '闽侯县', nameEn: 'Minhou County', level: 'county' },
      total: { numerator: 2, denominator: 4, rate: 50 },
      loading: { lagSeconds: 0, loadedUpTo: expect.any(String) },
    });
    expect(res.body.rows).toEqual([{ numerator: 2, denominator: 4, rate: 50 }]);
  });

  it('given the province manager grouping Fujian by county, then each county has its own numbers and Yunnan’s patient is nowhere', async () => {
    const res = await e.get('/values', province, { ...CONTROL, region: '350000', group: 'county' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows).toEqual([
      {
        region: { code: '350121', name: '闽侯县', nameEn: 'Minhou County' },
        numerator: 2,
        denominator: 4,
        rate: 50,
      },
      {
        region: { code: '350122', name: '连江县', nameEn: 'Lianjiang County' },
        numerator: 1,
        denominator: 3,
        rate: 33.3,
      },
    ]);
    expect(res.body.total).toEqual({ numerator: 3, denominator: 7, rate: 42.9 });
  });

  it('given the county grouped by township, village and clinic, then each level gives the units holding the patients', async () => {
    const level = async (group: string) =>
      (await e.get('/values', minhou, { ...CONTROL, group })).body.rows.map(
        (r: { region: { code: string }; numerator: number; denominator: number }) => [
          r.region.code,
          r.numerator,
          r.denominator,
        ],
      );
    expect(await level('township')).toEqual([
      ['350121101', 1, 3],
      ['350121102', 1, 1],
    ]);
    expect(await level('village')).toEqual([
      ['350121101201', 1, 3],
      ['350121102201', 1, 1],
    ]);
    expect(await level('clinic')).toEqual([
      [HOUMEI, 1, 3],
      [NANJING, 1, 1],
    ]);
  });

  it('given the year grouped by month, then November and December each count the 4 patients, only November’s visits control, and the year’s total is not the sum of the months', async () => {
    const res = await e.get('/values', minhou, { ...CONTROL, group: 'month' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows).toEqual([
      { period: '2026-11', numerator: 2, denominator: 4, rate: 50 },
      { period: '2026-12', numerator: 0, denominator: 4, rate: 0 },
    ]);
    expect(res.body.total).toEqual({ numerator: 2, denominator: 4, rate: 50 });
  });

  it('given the year’s trend, then each month counts from 1 January (year to date): nobody before November, then 2 of 4 controlled in November and still in December', async () => {
    const res = await e.get('/trend', minhou, CONTROL);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const none = { numerator: 0, denominator: 0, rate: null };
    expect(res.body.rows).toEqual([
      ...Array.from({ length: 10 }, (_, i) => ({
        period: `2026-${String(i + 1).padStart(2, '0')}`,
        ...none,
      })),
      { period: '2026-11', numerator: 2, denominator: 4, rate: 50 },
      { period: '2026-12', numerator: 2, denominator: 4, rate: 50 },
    ]);
    expect(res.body.total).toEqual({ numerator: 2, denominator: 4, rate: 50 });
    const quarter = await e.get('/trend', minhou, { ...CONTROL, period: '2026-Q4' });
    expect(quarter.status).toBe(400);
    expect(JSON.stringify(quarter.body)).toContain('趋势按年给出');
    const grouped = await e.get('/trend', minhou, { ...CONTROL, group: 'county' });
    expect(grouped.status).toBe(400);
    expect(grouped.body.error.details.problems[0].param).toBe('group');
  });

  it('given grouping by doctor, then each row names the responsible doctor by user id, with no name', async () => {
    const res = await e.get('/values', minhou, { ...CONTROL, group: 'doctor' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ids = [...new Set(doctors.slice(0, 4).map((d) => d ?? ''))].sort();
    expect(res.body.rows.map((r: { doctor: { id: string } }) => r.doctor.id).sort()).toEqual(ids);
    for (const row of res.body.rows) expect(row.doctor.name).toBeNull();
    const sum = res.body.rows.reduce(
      (n: number, r: { denominator: number }) => n + r.denominator,
      0,
    );
    expect(sum).toBe(4);
  });
});

describe('drill-down', () => {
  it('given the province manager at Fujian, when they drill down, then they see Fuzhou, and in Fuzhou both counties with their numbers', async () => {
    const top = await e.get('/drilldown', province, { ...CONTROL, region: '350000' });
    expect(top.status, JSON.stringify(top.body)).toBe(200);
    expect(top.body.rows).toEqual([
      {
        region: { code: '350100', name: '福州市', nameEn: 'Fuzhou' },
        numerator: 3,
        denominator: 7,
        rate: 42.9,
        children: true,
      },
    ]);
    const city = await e.get('/drilldown', province, { ...CONTROL, region: '350100' });
    expect(city.body.region).toMatchObject({ code: '350100', level: 'city' });
    expect(city.body.rows.map((r: { region: { code: string } }) => r.region.code)).toEqual([
      '350121',
      '350122',
    ]);
    expect(city.body.rows[0]).toMatchObject({
      numerator: 2,
      denominator: 4,
      rate: 50,
      children: true,
    });
    expect(city.body.rows[1]).toMatchObject({
      numerator: 1,
      denominator: 3,
      rate: 33.3,
      children: true,
    });
    expect(city.body.total).toEqual({ numerator: 3, denominator: 7, rate: 42.9 });
  });

  it('given a township, when drilled into, then every unit under it is listed by code — the health centre and a village without patients at 0 of 0, rate null', async () => {
    const res = await e.get('/drilldown', minhou, { ...CONTROL, region: '350121101' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows).toEqual([
      {
        region: {
          code: '350121101-C01',
          name: '上街镇卫生院',
          nameEn: 'Shangjie Town Health Centre',
        },
        numerator: 0,
        denominator: 0,
        rate: null,
        children: false,
      },
      {
        region: { code: '350121101201', name: expect.any(String), nameEn: 'Houmei Village' },
        numerator: 1,
        denominator: 3,
        rate: 33.3,
        children: true,
      },
      {
        region: { code: '350121101202', name: expect.any(String), nameEn: "Qi'an Village" },
        numerator: 0,
        denominator: 0,
        rate: null,
        children: true,
      },
    ]);
  });

  it('given a village, when drilled into, then its clinic holds its patients and cannot be drilled further; the clinic itself answers no rows and its own total', async () => {
    const village = await e.get('/drilldown', minhou, { ...CONTROL, region: '350121101201' });
    expect(village.body.rows).toEqual([
      {
        region: { code: HOUMEI, name: expect.any(String), nameEn: 'Houmei Village Clinic' },
        numerator: 1,
        denominator: 3,
        rate: 33.3,
        children: false,
      },
    ]);
    const clinic = await e.get('/drilldown', minhou, { ...CONTROL, region: HOUMEI });
    expect(clinic.status).toBe(200);
    expect(clinic.body.rows).toEqual([]);
    expect(clinic.body.total).toEqual({ numerator: 1, denominator: 3, rate: 33.3 });
  });
});

describe('jurisdiction', () => {
  it('given a county manager asking for another county, then 403 region_forbidden, in values, drill-down, export and the indicator list', async () => {
    for (const [route, query] of [
      ['/values', { ...CONTROL, region: '350122' }],
      ['/drilldown', { ...CONTROL, region: TANGTOU }],
      ['/export', { ...CONTROL, region: '350100', format: 'csv' }],
      ['/indicators', { region: '350000' }],
    ] as const) {
      const res = await e.get(route, minhou, query);
      expect(res.status, route).toBe(403);
      expect(res.body.error.code, route).toBe('region_forbidden');
    }
  });

  it('given the Fujian province manager asking for Yunnan, then 403 region_forbidden', async () => {
    const res = await e.get('/values', province, { ...CONTROL, region: '530000' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('region_forbidden');
  });

  it('given a village doctor (no reports.read), then every report route is refused', async () => {
    const doctor = await e.as('village-doctor', '350121101201', HOUMEI);
    for (const route of ['/indicators', '/values', '/drilldown', '/export']) {
      const res = await e.get(route, doctor, { ...CONTROL, region: HOUMEI });
      expect(res.status, route).toBe(403);
    }
  });
});

describe('export', () => {
  it('given an xlsx export of Fujian by county, then the file has the headers, the numbers as numbers, the rate as a percent, a total line and the definition sheet', async () => {
    const res = await e.fetch('/export', province, {
      ...CONTROL,
      region: '350000',
      group: 'county',
      format: 'xlsx',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toContain('attachment; filename="hypertension-control-rate-2026.xlsx"');
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent('管理人群血压控制率-2026.xlsx')}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const [values, definition] = workbook.worksheets;
    expect(values!.getRow(1).values).toEqual([
      undefined,
      '区划代码 Region code',
      '区划名称 Region name',
      '统计期 Period',
      '分子 Numerator',
      '分母 Denominator',
      '率 Rate',
    ]);
    const row = (n: number) => (values!.getRow(n).values as unknown[]).slice(1);
    expect(row(2)).toEqual([
      '350121',
      '闽侯县 Minhou County',
      '2026-01-01 – 2026-12-31',
      2,
      4,
      0.5,
    ]);
    expect(row(3).slice(0, 5)).toEqual([
      '350122',
      '连江县 Lianjiang County',
      '2026-01-01 – 2026-12-31',
      1,
      3,
    ]);
    expect(row(3)[5]).toBeCloseTo(1 / 3, 10);
    expect(row(4).slice(0, 2)).toEqual(['350000', '合计 Total: 福建省 Fujian']);
    expect(row(4).slice(3)).toEqual([3, 7, 3 / 7]);
    expect(values!.getCell('F2').numFmt).toBe('0.0%');
    expect(values!.rowCount).toBe(4);
    const items = Object.fromEntries(
      definition!
        .getSheetValues()
        .slice(2)
        .map((r) => [(r as string[])[1], (r as string[])[2]]),
    );
    expect(items['指标 Indicator']).toBe(CONTROL.indicator);
    expect(items['名称 Title']).toBe('管理人群血压控制率 / BP control rate of managed patients');
    // The release's targets, not the parameters' keys.
    expect(items['分子 Numerator']).toMatch(/舒张压低于 90，收缩压低于 140/);
    expect(items['分子 Numerator']).not.toMatch(/bpTarget/);
    expect(items['分母 Denominator']).toMatch(/^年内已管理的高血压患者人数/);
    expect(items['发布版本 Release']).toEqual(expect.any(String));
    expect(Date.parse(items['生成时间 Generated at']!)).not.toBeNaN();
  });

  it('given a CSV export, then it is UTF-8 with a BOM, the definition as comment lines, the header and the rows with the rate in percent', async () => {
    const res = await e.fetch('/export', minhou, { ...CONTROL, group: 'township', format: 'csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(
      'filename="hypertension-control-rate-2026.csv"',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe(`# 指标 Indicator: ${CONTROL.indicator}`);
    const comments = lines.filter((l) => /^"?#/.test(l));
    expect(comments.length).toBe(11);
    expect(comments).toContain('# 统计期 Period: 2026-01-01 – 2026-12-31');
    const body = lines.filter((l) => l && !l.startsWith('#') && !l.startsWith('"#'));
    expect(body).toEqual([
      '区划代码 Region code,区划名称 Region name,统计期 Period,分子 Numerator,分母 Denominator,率(%) Rate (%)',
      '350121101,上街镇 Shangjie Town,2026-01-01 – 2026-12-31,1,3,33.3',
      '350121102,南屿镇 Nanyu Town,2026-01-01 – 2026-12-31,1,1,100',
      '350121,合计 Total: 闽侯县 Minhou County,2026-01-01 – 2026-12-31,2,4,50',
    ]);
  });
});

describe('health', () => {
  it('given the store open and loading caught up, then /api/health shows reporting ok with its mode, availability and lag', async () => {
    const health = await (await fetch(`${e.f.url}/api/health`)).json();
    expect(health.plugins.reporting).toMatchObject({
      status: 'ok',
      detail: { mode: 'embedded', available: true, lagSeconds: 0 },
    });
  });

  it('given a visit stored two minutes after the last one loaded and not loaded yet, then reporting is degraded in /api/health and the values say how far behind they are', async () => {
    await e.patient(NANJING, { sbp: 125, dbp: 75 });
    await e.delayNewestEvent(120);
    const health = await (await fetch(`${e.f.url}/api/health`)).json();
    expect(health.status).toBe('ok');
    expect(health.plugins.reporting.status).toBe('degraded');
    expect(health.plugins.reporting.detail.lagSeconds).toBeGreaterThanOrEqual(120);
    const behind = await e.get('/values', minhou, CONTROL);
    expect(behind.body.loading.lagSeconds).toBeGreaterThanOrEqual(120);
    expect(behind.body.total).toEqual({ numerator: 2, denominator: 4, rate: 50 });
    await e.load();
    const caughtUp = await e.get('/values', minhou, CONTROL);
    expect(caughtUp.body.loading.lagSeconds).toBe(0);
    expect(caughtUp.body.total).toEqual({ numerator: 3, denominator: 5, rate: 60 });
    expect((await (await fetch(`${e.f.url}/api/health`)).json()).plugins.reporting.status).toBe(
      'ok',
    );
  });
});

describe('reporting unavailable', () => {
  it('given a chDB that cannot open, then the reports answer 503 reporting_unavailable in zh and en, health shows reporting degraded, and the engine still serves', async () => {
    const database = await createTestDatabase();
    fs.mkdirSync(path.join(database.dataDir, 'plugins'), { recursive: true });
    fs.writeFileSync(path.join(database.dataDir, 'plugins', 'reporting'), 'not a directory');
    const f = await IdentityFixture.start({ plugins: [PLUGIN] }, { database });
    try {
      const manager = await f.login(await f.user('province-manager', '350000'));
      for (const route of ['/values', '/drilldown', '/export?format=xlsx&']) {
        const res = await f.request(
          'GET',
          `${PREFIX}${route}${route.endsWith('&') ? '' : '?'}indicator=${CONTROL.indicator}&period=2026`,
          manager,
        );
        expect(res.status, route).toBe(503);
        expect(res.body.error.code).toBe('reporting_unavailable');
        expect(res.body.error.message).toMatch(/统计报表暂不可用.*\/ Reporting is unavailable/);
      }
      // The indicator list needs no store.
      expect((await f.request('GET', `${PREFIX}/indicators`, manager)).status).toBe(200);
      const health = await (await fetch(`${f.url}/api/health`)).json();
      expect(health.status).toBe('ok');
      expect(health.plugins.reporting).toMatchObject({
        status: 'degraded',
        detail: { mode: 'embedded', available: false },
      });
      // The engine still serves its own routes.
      expect((await f.request('GET', '/api/auth/me', manager)).status).toBe(200);
    } finally {
      await f.stop();
    }
  });
});
