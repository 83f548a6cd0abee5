/**
 * The seed's national indicators compiled to ClickHouse SQL and run on an embedded chDB give the
 * numbers of the reference evaluator (evaluateIndicator) on the same synthetic residents: overall,
 * by county, township, team and month, within a region — with the missing data, the revisions and
 * the repeated loads the generator puts in on purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluateIndicator,
  IndicatorError,
  isFactIndicator,
  type FactIndicator,
  type Indicator,
  type MemberVerdict,
} from '@formwork/definitions';
import { readBaseSpec, readJsonFolder } from '@formwork/seed/lib/readSpec';
import { compileIndicator, REGION_LEVELS, type IndicatorGrouping } from './compileIndicator.js';
import { runIndicator } from './runIndicator.js';
import { insertRows, openChdbTables, type ChdbTables } from './fixtures/chdbTables.js';
import { syntheticResidents, type SyntheticData } from './fixtures/syntheticResidents.js';

const base = readBaseSpec('national-phs', '3.0.1');
const parameters = Object.fromEntries(base.parameters.parameters.map((p) => [p.key, p.value]));
const indicators = [...readJsonFolder<Indicator>('national-phs', '3.0.1', 'indicators').values()]
  .filter(isFactIndicator)
  .sort((a, b) => a.id.localeCompare(b.id));
const YEAR = { start: '2026-01-01', end: '2026-12-31' };

type Totals = Record<string, { numerator: number; denominator: number }>;

let tables: ChdbTables;
let data: SyntheticData;

beforeAll(async () => {
  tables = await openChdbTables();
  data = syntheticResidents(20261207, 360);
  await insertRows(tables.client, data.rows);
});
afterAll(async () => tables?.close());

/** The enrollment a member is grouped under: its own, or the resident's latest active one. */
function enrollmentOf(indicator: FactIndicator, member: MemberVerdict, period: typeof YEAR) {
  if (member.enrollmentId) return data.enrollments.get(member.enrollmentId)!;
  const active = [...data.enrollments.entries()]
    .filter(([id, e]) => {
      const subject = data.subjects.find((s) => s.id === member.subjectId)!;
      return (
        e.program === indicator.denominator.program &&
        subject.enrollments.some((x) => x.id === id) &&
        e.enrolledOn <= period.end &&
        (e.endedOn === null || e.endedOn >= period.start)
      );
    })
    .sort(([ia, a], [ib, b]) =>
      a.enrolledOn === b.enrolledOn ? (ia < ib ? -1 : 1) : a.enrolledOn < b.enrolledOn ? -1 : 1,
    );
  return active.at(-1)![1];
}

/** evaluateIndicator's members, summed per group (a key of the member's enrollment). */
function reference(
  indicator: FactIndicator,
  period: typeof YEAR,
  key: (e: ReturnType<typeof enrollmentOf>) => string,
  within?: string,
): Totals {
  const result = evaluateIndicator(indicator, { period, parameters, subjects: data.subjects });
  const totals: Totals = {};
  for (const member of result.members) {
    const enrollment = enrollmentOf(indicator, member, period);
    if (within && !enrollment.orgPath.includes(within)) continue;
    const group = (totals[key(enrollment)] ??= { numerator: 0, denominator: 0 });
    group.denominator += member.weight;
    if (member.met) group.numerator++;
  }
  return totals;
}

async function compiled(
  indicator: FactIndicator,
  groupBy: IndicatorGrouping,
  period = YEAR,
  region?: string,
): Promise<Totals> {
  const query = compileIndicator(indicator, { period, parameters, groupBy, region });
  const rows = await runIndicator(tables.client, query);
  const totals: Totals = {};
  for (const row of rows) {
    const key = query.groupColumns.map((c) => row.group[c]).join('|');
    if (row.denominator > 0 || row.numerator > 0)
      totals[key] = { numerator: row.numerator, denominator: row.denominator };
  }
  return totals;
}

/** The code at a level's position on the path (1-based as arrayElement counts, -1 the last). */
const level = (name: keyof typeof REGION_LEVELS) => (e: { orgPath: string[] }) => {
  const position: number = REGION_LEVELS[name];
  return e.orgPath.at(position > 0 ? position - 1 : position)!;
};

describe.each(indicators.map((i) => [i.id, i] as const))('indicator %s', (_id, indicator) => {
  it('given the synthetic residents of 2025–2027, when compiled for 2026 and run on chDB, then the numerator and denominator equal evaluateIndicator overall', async () => {
    const expected = reference(indicator, YEAR, () => '');
    expect(expected['']!.denominator).toBeGreaterThan(20);
    expect(expected['']!.numerator).toBeGreaterThan(0);
    expect(await compiled(indicator, {})).toEqual(expected);
  });

  it('given the same residents, when grouped by county and by township, then every group equals evaluateIndicator on its members', async () => {
    expect(await compiled(indicator, { region: 'county' })).toEqual(
      reference(indicator, YEAR, level('county')),
    );
    expect(await compiled(indicator, { region: 'township' })).toEqual(
      reference(indicator, YEAR, level('township')),
    );
  });

  it('given a region filter on county 330103, when grouped by clinic and team, then only its members count and each group matches', async () => {
    expect(await compiled(indicator, { region: 'clinic', team: true }, YEAR, '330103')).toEqual(
      reference(indicator, YEAR, (e) => `${level('clinic')(e)}|${e.team}`, '330103'),
    );
  });

  it('given a period of two quarters grouped by month, when run, then each month equals evaluateIndicator with that month as its period', async () => {
    const period = { start: '2026-03-01', end: '2026-08-31' };
    const expected: Totals = {};
    for (let month = 3; month <= 8; month++) {
      const mm = String(month).padStart(2, '0');
      const last = new Date(Date.UTC(2026, month, 0)).getUTCDate();
      const sub = { start: `2026-${mm}-01`, end: `2026-${mm}-${last}` };
      for (const [, totals] of Object.entries(reference(indicator, sub, () => '')))
        expected[`2026-${mm}`] = totals;
    }
    expect(await compiled(indicator, { period: 'month' }, period)).toEqual(expected);
  });
});

describe('the synthetic residents', () => {
  const evaluate = (id: string) =>
    evaluateIndicator(
      indicators.find((i) => i.id === id)!,
      {
        period: YEAR,
        parameters,
        subjects: data.subjects,
      },
    ).members;
  type Facts = Record<string, Record<string, unknown> | number | null>;
  const field = (m: MemberVerdict, fact: string, name: string) =>
    ((m.facts as Facts)[fact] as Record<string, unknown> | null)?.[name];

  it('given the generated data, when the reference evaluates it, then every edge case the SQL must agree on is present', () => {
    const control = evaluate('hypertension-control-rate');
    // A managed patient with no visit in 2026 is in the denominator and not controlled.
    expect(control.some((m) => m.facts.latest === null && !m.met)).toBe(true);
    // A patient of 65 or more controlled under the elderly target only (SBP 140–149).
    expect(
      control.some((m) => {
        const sbp = field(m, 'latest', 'sbp') as number;
        return m.met && sbp >= 140 && sbp < 150;
      }),
    ).toBe(true);
    const early = evaluate('early-pregnancy-registration-rate');
    // An unknown LMP dated by the ultrasound due date counts; without one it never does.
    expect(early.some((m) => field(m, 'firstPrenatal', 'lmpUnknown') === true && m.met)).toBe(true);
    expect(
      early.some(
        (m) =>
          field(m, 'firstPrenatal', 'lmpUnknown') === true &&
          field(m, 'firstPrenatal', 'eddUltrasound') === undefined &&
          !m.met,
      ),
    ).toBe(true);
    // Twins weigh 2; an unrecorded or non-integer live-birth count weighs 1.
    expect(early.some((m) => m.weight === 2)).toBe(true);
    expect(early.some((m) => m.weightMissing)).toBe(true);
    const postpartum = evaluate('postpartum-visit-rate');
    // A home birth's window starts at delivery.
    expect(postpartum.some((m) => field(m, 'delivery', 'homeBirth') === true && m.met)).toBe(true);
    expect(postpartum.some((m) => !m.met)).toBe(true);
  });
});

describe('the records table', () => {
  it('given submissions loaded with an earlier revision and some loaded twice, when read with FINAL, then each submission counts once with its latest revision', async () => {
    const loaded = await tables.client.query({
      query: `SELECT count() AS rows, uniqExact(submission_id) AS ids FROM records`,
      format: 'JSONEachRow',
    });
    const final = await tables.client.query({
      query: `SELECT count() AS rows, countIf(revision = 1 AND submission_id IN (SELECT submission_id FROM records WHERE revision = 2)) AS stale FROM records FINAL`,
      format: 'JSONEachRow',
    });
    const [all] = await loaded.json<{ rows: string; ids: string }>();
    const [latest] = await final.json<{ rows: string; stale: string }>();
    expect(Number(all!.rows)).toBeGreaterThan(data.submissionCount);
    expect(Number(all!.ids)).toBe(data.submissionCount);
    expect(Number(latest!.rows)).toBe(data.submissionCount);
    expect(Number(latest!.stale)).toBe(0);
  });
});

describe('compiling', () => {
  const hypertension = indicators.find((i) => i.id === 'hypertension-control-rate')!;

  it('given a seed indicator, when compiled, then no name from the metadata and no value appears in the SQL text', () => {
    for (const indicator of indicators) {
      const { sql, params } = compileIndicator(indicator, {
        period: YEAR,
        parameters,
        groupBy: { region: 'county', period: 'quarter', team: true, doctor: true },
        region: "33'; DROP TABLE records; --",
      });
      const names = [
        indicator.denominator.program,
        ...Object.values(indicator.facts).flatMap((f) => [...f!.forms, f!.date]),
        'visitMode',
        'fastingGlucose',
        'lmpUnknown',
        'liveBirths',
        'DROP TABLE',
        '2026-01-01',
      ];
      for (const name of names) expect(sql).not.toContain(name);
      expect(Object.values(params)).toContain("33'; DROP TABLE records; --");
    }
  });

  it('given a hostile region code, when the query runs, then it is only a value: no rows and the tables are intact', async () => {
    const query = compileIndicator(hypertension, {
      period: YEAR,
      parameters,
      region: "x') OR 1=1 --",
    });
    const rows = await runIndicator(tables.client, query);
    expect(rows).toEqual([{ group: {}, numerator: 0, denominator: 0 }]);
    const count = await tables.client.query({
      query: 'SELECT count() AS n FROM subjects',
      format: 'JSONEachRow',
    });
    expect(Number((await count.json<{ n: string }>())[0]!.n)).toBe(360);
  });

  it('given a numerator using an operator the compiler does not translate, when compiled, then an IndicatorError names the operator', () => {
    const bad: FactIndicator = {
      ...hypertension,
      numerator: {
        ...hypertension.numerator,
        where: { '<': [{ bmi: [{ var: 'facts.latest.weight' }, 170] }, 24] },
      },
    };
    expect(() => compileIndicator(bad, { period: YEAR, parameters })).toThrow(IndicatorError);
    expect(() => compileIndicator(bad, { period: YEAR, parameters })).toThrow(/operator bmi/);
  });

  it('given a fact rule reading an undeclared parameter or an unknown variable, when compiled, then an IndicatorError says which', () => {
    const undeclared: FactIndicator = {
      ...hypertension,
      numerator: { ...hypertension.numerator, where: { '<': [{ var: 'parameters.other' }, 1] } },
    };
    expect(() => compileIndicator(undeclared, { period: YEAR, parameters })).toThrow(
      /parameter other is not declared/,
    );
    const unknown: FactIndicator = {
      ...hypertension,
      numerator: { ...hypertension.numerator, where: { '<': [{ var: 'facts.nothing.x' }, 1] } },
    };
    expect(() => compileIndicator(unknown, { period: YEAR, parameters })).toThrow(
      /unknown variable facts\.nothing\.x/,
    );
  });

  it('given an impossible period, when compiled, then an IndicatorError is thrown before any SQL', () => {
    for (const period of [
      { start: '2026-02-30', end: '2026-12-31' },
      { start: '2026-12-31', end: '2026-01-01' },
      { start: "2026-01-01' --", end: '2026-12-31' },
    ]) {
      expect(() => compileIndicator(hypertension, { period, parameters })).toThrow(IndicatorError);
    }
  });
});
