/**
 * Acceptance 1 of issue 19: on the seed generator's residents (both provinces, two years of
 * chronic follow-ups and pregnancies) stored by a real engine and loaded into chDB through the
 * real RecordLoader, every national indicator compiled to ClickHouse SQL gives, for every region
 * level and period grouping, exactly the numerator and denominator per group that the same
 * indicator written by hand in PostgreSQL (postgresIndicators.ts) gives over the engine's tables.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { isFactIndicator, type Indicator } from '@formwork/definitions';
import { readJsonFolder } from '@formwork/seed/lib/readSpec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../engine/src/logging/createLogger.js';
import { PluginReadModel } from '../../../../engine/src/plugin-host/PluginReadModel.js';
import { seedPatients } from '../../../../engine/src/seeding/seedPatients.js';
import { IdentityFixture } from '../../../../engine/src/testing/index.js';
import { compileIndicator, type IndicatorGrouping } from '../indicators/compileIndicator.js';
import { runIndicator } from '../indicators/runIndicator.js';
import { RecordLoader } from '../loading/RecordLoader.js';
import { ReportingStore } from '../store/ReportingStore.js';
import { loadStored } from '../testing/loadStored.js';
import {
  NATIONAL_PARAMETERS,
  postgresIndicator,
  REFERENCE_INDICATORS,
  type ReferenceQuery,
  type ReferenceRow,
} from './postgresIndicators.js';

const TODAY = '2026-11-23';
const RESIDENTS = Number(process.env.CROSSCHECK_RESIDENTS ?? 3_000);
const PERIOD = { start: '2025-01-01', end: '2026-12-31' };
const LEVELS = ['province', 'city', 'county', 'township', 'village', 'clinic'] as const;
const GROUPINGS = ['year', 'quarter', 'month'] as const;
const indicators = new Map(
  [...readJsonFolder<Indicator>('national-phs', '3.0.1', 'indicators').values()]
    .filter(isFactIndicator)
    .map((i) => [i.id, i]),
);

let f: IdentityFixture;
let store: ReportingStore;
let chdbDir: string;
let seeded: Awaited<ReturnType<typeof seedPatients>>;
let loaded: { submissions: number; enrollments: number };
const compared = { queries: 0, groups: 0 };

beforeAll(async () => {
  f = await IdentityFixture.start();
  const { services, database } = f.t.engine;
  seeded = await seedPatients(services, {
    patients: RESIDENTS,
    seed: 19,
    today: TODAY,
    months: 24,
    pregnancies: 0.25,
    progress: new PassThrough(),
  });
  // Statistics for the planner, as autovacuum gathers them after a bulk load on a server
  // (embedded PGlite has no autovacuum): without them every join looks like one row.
  await database.sequelize.query('ANALYZE subjects, enrollments, submissions');
  chdbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-crosscheck-'));
  store = new ReportingStore({
    url: undefined,
    dataDir: () => chdbDir,
    logger: createLogger('error'),
  });
  await store.start();
  const readModel = new PluginReadModel({ database, catalog: services.catalog });
  loaded = await loadStored(readModel, new RecordLoader({ store, readModel }));
}, 300_000);

afterAll(async () => {
  await store?.close();
  await f?.stop();
  if (chdbDir) fs.rmSync(chdbDir, { recursive: true, force: true });
  console.info(
    `cross-check: ${compared.queries} query pairs, ${compared.groups} groups compared (numerator and denominator each)`,
  );
});

/** The ClickHouse rows of an indicator, keyed like the reference's. */
async function clickhouse(id: string, query: ReferenceQuery): Promise<ReferenceRow[]> {
  const groupBy: IndicatorGrouping = {};
  if (query.group?.region) groupBy.region = query.group.region;
  if (query.group?.period) groupBy.period = query.group.period;
  const compiled = compileIndicator(indicators.get(id)!, {
    period: { start: query.start, end: query.end },
    parameters: NATIONAL_PARAMETERS,
    groupBy,
    ...(query.region ? { region: query.region } : {}),
  });
  const rows = await runIndicator(store.client, compiled);
  return rows
    .filter((r) => r.denominator > 0)
    .map((r) => ({
      ...(query.group?.region ? { region: r.group.region! } : {}),
      ...(query.group?.period ? { period: r.group.period! } : {}),
      numerator: r.numerator,
      denominator: r.denominator,
    }));
}

const key = (r: ReferenceRow) => `${r.region ?? ''}|${r.period ?? ''}`;
const sorted = (rows: ReferenceRow[]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

async function compare(id: string, query: ReferenceQuery) {
  const ch = await clickhouse(id, query);
  const pg = await postgresIndicator(f.t.engine.database.sequelize, id, query);
  expect(sorted(ch), `${id} ${JSON.stringify(query)}`).toEqual(sorted(pg));
  compared.queries++;
  compared.groups += pg.length;
  return pg;
}

describe('the national indicators on ClickHouse equal the same indicators written in PostgreSQL', () => {
  it('given the generated residents of both provinces, then every one is stored and loaded, with pregnancies and two years of visits', async () => {
    expect(seeded.inserted).toBe(RESIDENTS);
    expect(seeded.refusedVisits).toBe(0);
    expect(loaded.submissions).toBe(seeded.storedVisits);
    const [row] = (await f.t.engine.database.sequelize.query(
      `SELECT count(DISTINCT split_part(org_path, '/', 3)) AS provinces,
         count(*) FILTER (WHERE program = 'pregnancy') AS pregnancies,
         min(enrolled_on)::text AS first FROM enrollments`,
      { type: 'SELECT' },
    )) as { provinces: string; pregnancies: string; first: string }[];
    expect(Number(row!.provinces)).toBe(2);
    expect(Number(row!.pregnancies)).toBeGreaterThan(RESIDENTS / 6);
    expect(row!.first < '2025-01-01').toBe(true);
  });

  for (const id of REFERENCE_INDICATORS) {
    it(`given ${id}, when computed for 2025–2026 by every region level and by year, quarter and month, then every group's numerator and denominator are the PostgreSQL ones`, async () => {
      let groups = 0;
      for (const level of LEVELS) {
        for (const period of GROUPINGS) {
          const rows = await compare(id, {
            ...PERIOD,
            group: { region: level, ...(period ? { period } : {}) },
          });
          groups += rows.length;
        }
      }
      // Within one province, a county and a township: the region filter agrees too.
      for (const region of ['530000', '350121', '350121101'])
        await compare(id, { ...PERIOD, region, group: { region: 'clinic', period: 'quarter' } });
      expect(groups).toBeGreaterThan(100);
    });
  }
});
