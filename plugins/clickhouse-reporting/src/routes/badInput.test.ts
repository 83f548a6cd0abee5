/**
 * Acceptance 4 of issue 19: bad input — an unknown indicator, region or period, a period of 100
 * years, and hostile strings in every parameter — gets a clear 4xx naming the parameter (never
 * echoing the value), and none reaches SQL as text: the tables hold what they held, and the SQL
 * the compiler writes for a request carries none of the request's values (they are query
 * parameters) nor any name taken from an indicator's metadata.
 */
import type { FactIndicator, Indicator } from '@formwork/definitions';
import { readBaseSpec, readJsonFolder } from '@formwork/seed/lib/readSpec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HT_VISIT, IdentityFixture } from '../../../../engine/src/testing/index.js';
import { REGION_GROUP_POSITION } from '../api/orgPathPosition.js';
import { compileIndicator, parseIndicatorQuery, runIndicator } from '../indicators/index.js';
import { ReportingEngine } from './fixtures/reportingEngine.js';

const CLINIC = '350121101201-V01';
const HOSTILE: Record<string, string> = {
  'a quote and a comment': "'; DROP TABLE records; --",
  'an always-true condition': '1) OR 1=1',
  'a query-parameter placeholder': '{x:String}',
  'a backslash and zero': '\\0',
  'unicode (fullwidth digits, a right-to-left override, an astral letter)': '３５０１２１\u202e𝕏',
  'a long value (7,000 characters, under the 8 KB URL limit)': 'x'.repeat(7_000),
};
/** A valid request of each route; each test spoils one parameter of it. */
const VALID = {
  '/values': { indicator: 'hypertension-control-rate', period: '2026', region: '350121' },
  '/drilldown': { indicator: 'hypertension-control-rate', period: '2026', region: '350121' },
  '/trend': { indicator: 'hypertension-control-rate', period: '2026', region: '350121' },
  '/export': {
    indicator: 'hypertension-control-rate',
    period: '2026',
    region: '350121',
    format: 'csv',
  },
} as const;
type Route = keyof typeof VALID;
const ROUTES = Object.keys(VALID) as Route[];

let e: ReportingEngine;
let manager: string;
let before: Record<string, number>;

beforeAll(async () => {
  e = await ReportingEngine.start({ IdentityFixture, HT_VISIT });
  await e.patient(CLINIC, { sbp: 132, dbp: 84 });
  await e.patient(CLINIC, { sbp: 150, dbp: 95 });
  await e.load();
  manager = await e.as('county-phc-manager', '350121');
  before = await e.tableCounts();
  expect(before.records).toBe(2);
}, 240_000);
afterAll(async () => {
  await e?.stop();
});

/** The request with `param` set to `value` (start/end replace the period). */
function spoiled(route: Route, param: string, value: string | string[]) {
  const base: Record<string, string | string[]> = { ...VALID[route] };
  if (param === 'start' || param === 'end') {
    delete base.period;
    base.start = '2026-01-01';
    base.end = '2026-12-31';
  }
  base[param] = value;
  return base;
}

async function refused(route: string, query: Record<string, string | string[]>) {
  const res = await e.get(route, manager, query);
  const text = JSON.stringify(res.body);
  return { status: res.status, body: res.body, text };
}

/** A good value of each parameter (repeated, it is still refused). */
const GOOD: Record<string, string> = {
  indicator: 'hypertension-control-rate',
  period: '2026',
  start: '2026-01-01',
  end: '2026-12-31',
  region: '350121',
  group: 'township',
  format: 'csv',
};

/** The parameters each route takes, spoiled one at a time. */
const PARAMS: Record<Route, string[]> = {
  '/values': ['indicator', 'period', 'start', 'end', 'region', 'group'],
  '/drilldown': ['indicator', 'period', 'start', 'end', 'region', 'group'],
  '/trend': ['indicator', 'period', 'start', 'end', 'region', 'group'],
  '/export': ['indicator', 'period', 'start', 'end', 'region', 'group', 'format'],
};

describe('hostile strings in every parameter', () => {
  for (const route of ROUTES) {
    for (const param of PARAMS[route]) {
      it(`given ${route} with a hostile ${param}, then each is a 400 invalid_query naming ${param} without echoing it`, async () => {
        for (const [what, value] of Object.entries(HOSTILE)) {
          const { status, body, text } = await refused(route, spoiled(route, param, value));
          expect(status, `${param}: ${what}`).toBe(400);
          expect(body.error.code).toBe('invalid_query');
          const problems = body.error.details.problems as { param: string; message: object }[];
          expect(
            problems.map((p) => p.param),
            `${param}: ${what}`,
          ).toContain(param);
          for (const p of problems)
            expect(p.message).toMatchObject({ zh: expect.any(String), en: expect.any(String) });
          expect(text, `${param}: ${what}`).not.toContain(value.slice(0, 12));
        }
      });

      it(`given ${route} with ${param} repeated, then it is a 400 naming ${param}`, async () => {
        const one = GOOD[param]!;
        const { status, body } = await refused(route, spoiled(route, param, [one, one]));
        expect(status).toBe(400);
        const problems = body.error.details.problems as { param: string; message: object }[];
        expect(problems.map((p) => p.param)).toContain(param);
        // A drill-down and a trend refuse any group in their own words.
        if ((route !== '/drilldown' && route !== '/trend') || param !== 'group')
          expect(problems).toContainEqual({
            param,
            message: { zh: '应为单个字符串值', en: 'must be a single string value' },
          });
      });
    }
  }

  it('given an unknown parameter, plain or hostile, then it is refused: a plain name is named, a hostile one is not echoed', async () => {
    for (const route of ROUTES) {
      const plain = await refused(route, { ...VALID[route], colour: 'red' });
      expect(plain.status).toBe(400);
      expect(plain.body.error.details.problems).toContainEqual({
        param: 'colour',
        message: { zh: '未知参数', en: 'unknown parameter' },
      });
      const hostile = await refused(route, {
        ...VALID[route],
        [HOSTILE['a quote and a comment']!]: '1',
      });
      expect(hostile.status).toBe(400);
      expect(hostile.body.error.details.problems).toContainEqual({
        param: '?',
        message: { zh: '未知参数', en: 'unknown parameter' },
      });
      expect(hostile.text).not.toContain('DROP');
    }
    const list = await refused('/indicators', { region: '350121', 'x{y:String}': '1' });
    expect(list.status).toBe(400);
    expect(list.text).not.toContain('{y:String}');
  });

  it('given the indicator list with a hostile region, then 400 naming region', async () => {
    for (const value of Object.values(HOSTILE)) {
      const { status, body, text } = await refused('/indicators', { region: value });
      expect(status).toBe(400);
      expect(body.error.details.problems.map((p: { param: string }) => p.param)).toEqual([
        'region',
      ]);
      expect(text).not.toContain(value.slice(0, 12));
    }
  });

  it('given a 10,000-character value or a NUL character, then the engine refuses the request before the route (414, 422 naming the parameter), echoing neither', async () => {
    const long = await refused('/values', { ...VALID['/values'], region: '1'.repeat(10_000) });
    expect(long.status).toBe(414);
    expect(long.text).not.toContain('1111111111');
    const nul = await refused('/values', { ...VALID['/values'], region: '350121\u0000' });
    expect(nul.status).toBe(422);
    expect(nul.text).toContain('/query/region');
    expect(nul.text).not.toContain('350121');
  });
});

describe('unknown or impossible values', () => {
  const problemsOf = async (query: Record<string, string>) => {
    const res = await refused('/values', query);
    expect(res.status, JSON.stringify(query)).toBe(400);
    return res.body.error.details.problems as { param: string; message: { en: string } }[];
  };

  it('given an unknown indicator, then 400 naming indicator: not in this release', async () => {
    expect(await problemsOf({ ...VALID['/values'], indicator: 'no-such-rate' })).toEqual([
      {
        param: 'indicator',
        message: { zh: '本版本中没有该指标', en: 'no such indicator in this release' },
      },
    ]);
  });

  it('given a region of the right form that the org tree does not hold, then 400 naming region', async () => {
    for (const region of ['350199', '350121109', '350121101299-V09']) {
      expect(await problemsOf({ ...VALID['/values'], region })).toEqual([
        {
          param: 'region',
          message: { zh: '没有该区划或机构', en: 'no such region or institution' },
        },
      ]);
    }
  });

  it('given an unknown period, a period of 100 years, reversed dates or a year outside the calendar, then 400 naming the period or the date', async () => {
    const base = { indicator: 'hypertension-control-rate', region: '350121' };
    expect((await problemsOf({ ...base, period: '2026-Q5' }))[0]!.param).toBe('period');
    expect(await problemsOf({ ...base, start: '1926-01-01', end: '2026-12-31' })).toEqual([
      {
        param: 'period',
        message: { zh: '统计期最长 10 年', en: 'the period is at most 10 years' },
      },
    ]);
    expect(await problemsOf({ ...base, start: '2026-12-31', end: '2026-01-01' })).toEqual([
      { param: 'end', message: { zh: '结束日期早于开始日期', en: 'the end is before the start' } },
    ]);
    expect((await problemsOf({ ...base, period: '1800' }))[0]!.param).toBe('period');
    expect((await problemsOf({ ...base, start: '2026-02-30', end: '2026-03-31' }))[0]!.param).toBe(
      'start',
    );
  });

  it('given several problems at once, then all are reported together', async () => {
    const found = await problemsOf({
      indicator: 'no-such-rate',
      period: '99',
      region: 'abc',
      group: 'planet',
      format: 'pdf',
    });
    expect(found.map((p) => p.param).sort()).toEqual([
      'format',
      'group',
      'indicator',
      'period',
      'region',
    ]);
  });
});

describe('nothing reaches SQL as text', () => {
  it('given all the hostile requests above, then the reporting tables hold exactly what they held', async () => {
    // Runs after the describes above (vitest keeps file order).
    expect(await e.tableCounts()).toEqual(before);
    const ok = await e.get('/values', manager, VALID['/values']);
    expect(ok.status).toBe(200);
    expect(ok.body.total).toEqual({ numerator: 1, denominator: 2, rate: 50 });
  });

  it('given a request of the right shape, then the SQL compiled for it holds none of its values — they travel as query parameters — and it runs', async () => {
    const indicators = [
      ...readJsonFolder<Indicator>('national-phs', '3.0.1', 'indicators').values(),
    ];
    const parameters = Object.fromEntries(
      readBaseSpec('national-phs', '3.0.1').parameters.parameters.map((p) => [p.key, p.value]),
    );
    const raw = {
      indicator: 'hypertension-control-rate',
      start: '2026-02-03',
      end: '2026-12-09',
      region: CLINIC,
      group: 'clinic,month,team,doctor',
    };
    const query = parseIndicatorQuery(raw, indicators);
    const compiled = compileIndicator(query.indicator, {
      period: query.period,
      parameters,
      region: query.region!,
      groupBy: {
        ...query.groupBy,
        region: { position: REGION_GROUP_POSITION[query.regionGroup!] },
      },
    });
    for (const value of [
      '2026-02-03',
      '2026-12-09',
      '350121101201',
      'V01',
      'hypertension-control-rate',
    ])
      expect(compiled.sql).not.toContain(value);
    expect(Object.values(compiled.params)).toEqual(
      expect.arrayContaining(['2026-02-03', '2026-12-09', CLINIC, -1]),
    );
    const rows = await runIndicator(e.ch, compiled);
    expect(rows.reduce((n, r) => n + r.denominator, 0)).toBeGreaterThan(0);
  });

  it('given an indicator whose metadata holds hostile names (programme, form keys, fields), then its SQL holds none of them, it runs, and the tables are untouched', async () => {
    const control = readJsonFolder<FactIndicator>('national-phs', '3.0.1', 'indicators').get(
      'hypertension-control-rate',
    )!;
    const evil = "x'); DROP TABLE records; --";
    const hostile: FactIndicator = {
      ...control,
      denominator: { ...control.denominator, program: `hypertension${evil}` },
      facts: {
        latest: { ...control.facts.latest!, forms: [`form${evil}`], date: `visitDate${evil}` },
      },
      numerator: {
        ...control.numerator,
        where: { '<': [{ var: `facts.latest.sbp${evil}` }, 140] },
      },
      parameters: [],
    };
    const compiled = compileIndicator(hostile, {
      period: { start: '2026-01-01', end: '2026-12-31' },
      parameters: {},
      region: '350121',
    });
    expect(compiled.sql).not.toContain('DROP');
    expect(compiled.sql).not.toContain(evil);
    expect(JSON.stringify(compiled.params)).toContain('DROP TABLE records');
    expect(await runIndicator(e.ch, compiled)).toEqual([
      { group: {}, numerator: 0, denominator: 0 },
    ]);
    expect(await e.tableCounts()).toEqual(before);
  });
});
