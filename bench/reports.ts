/**
 * Issue 19, acceptance 5: the national indicators on ClickHouse (embedded chDB) against the same
 * indicators written by hand in PostgreSQL, over the same follow-up visits, in the same run.
 *   npm run bench -- reports                        (10,000,000 visits)
 *   npm run bench -- reports --visits 200000        (a quick try)
 * Options: --visits N, --runs N (timed runs of each ClickHouse query after one warm-up, default
 * 20), --pg-runs N (default 3; each PostgreSQL query at 10M visits takes seconds), --chunk N
 * (visits generated per chunk, 100,000), --batch N (events per loader call, 20,000), --lag-seconds
 * N (how long submissions arrive, 30), --rate N (submissions per second, 1,000), --no-lag,
 * --no-postgres. PostgreSQL: DATABASE_URL's server, else 127.0.0.1:5432 (user root or postgres),
 * in a database of the bench's own, dropped at the end.
 *
 * 1. Load: residents from the seed generator (two years of follow-ups up to 2026-12-31, 4% mothers
 *    with a pregnancy) in both demo provinces (4 counties × 10 townships × 10 villages), as the
 *    outbox events the engine writes (2% amended, 1% delivered twice) through the plugin's
 *    RecordLoader into chDB (a temporary directory) — load rows/s counts the time in the loader
 *    only, not generating; and the latest revision of each into PostgreSQL's `submissions`.
 * 2. Indicators for 2026 at province, county and township level (that region's members, grouped by
 *    the next level, for the year and by month): ClickHouse p50/p95 of --runs runs, PostgreSQL p50
 *    of --pg-runs runs, the ratio, and whether the two agree group by group.
 * 3. Lag: a real engine with the plugin (its own database and chDB) while submissions arrive
 *    through POST /api/submissions at --rate a second: the loader's backlog().lagSeconds sampled
 *    every second, p50/p95/max, and the rate achieved.
 * Benchmarks print figures; they never fail on time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isFactIndicator, type FactIndicator, type Indicator } from '@formwork/definitions';
import { readBaseSpec, readJsonFolder } from '@formwork/seed/lib/readSpec';
import { compileIndicator } from '../plugins/clickhouse-reporting/src/indicators/compileIndicator.js';
import { runIndicator } from '../plugins/clickhouse-reporting/src/indicators/runIndicator.js';
import { RecordLoader } from '../plugins/clickhouse-reporting/src/loading/RecordLoader.js';
import {
  postgresIndicator,
  type ReferenceRegionLevel,
} from '../plugins/clickhouse-reporting/src/reference/postgresIndicators.js';
import { ReportingStore } from '../plugins/clickhouse-reporting/src/store/ReportingStore.js';
import { Report } from './lib/report.js';
import { measureLagInChild } from './lib/reportsLag.js';
import {
  insertChunk,
  insertOrgUnits,
  PG_INDEXES,
  PG_TABLES,
  reportsDatabase,
} from './lib/reportsPostgres.js';
import { benchResidents, benchTree, chunkReadModel } from './lib/reportsWorld.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const flag = (name: string) => process.argv.includes(`--${name}`);
const visits = Number(arg('visits') ?? 10_000_000);
const runs = Number(arg('runs') ?? 20);
const pgRuns = Number(arg('pg-runs') ?? 3);
const chunkVisits = Number(arg('chunk') ?? 100_000);
const batch = Number(arg('batch') ?? 20_000);
const lagSeconds = Number(arg('lag-seconds') ?? 30);
const rate = Number(arg('rate') ?? 1_000);
const withPostgres = !flag('no-postgres');
const YEAR = { start: '2026-01-01', end: '2026-12-31' };

const log = (line: string) => process.stderr.write(`[reports] ${line}\n`);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const quiet = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, fatal() {} };

const base = readBaseSpec('national-phs', '3.0.1');
const parameters = Object.fromEntries(base.parameters.parameters.map((p) => [p.key, p.value]));
const indicators = [...readJsonFolder<Indicator>('national-phs', '3.0.1', 'indicators').values()]
  .filter(isFactIndicator)
  .sort((a, b) => a.id.localeCompare(b.id));

const report = new Report('reports');
const lines: string[][] = [];
const only = arg('only');
const tree = benchTree();
// --dir keeps chDB there (and --reuse queries what an earlier run loaded there).
const keptDir = arg('dir');
const reuse = flag('reuse') && keptDir !== undefined && fs.existsSync(keptDir);
const dir = keptDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-bench-reports-'));
const store = new ReportingStore({
  url: undefined,
  dataDir: () => dir,
  logger: quiet as never,
});
await store.start();
const client = store.client;
const database = withPostgres && !reuse ? await reportsDatabase() : undefined;

try {
  // 1. Load.
  if (!reuse) await load();
  else log(`reusing ${dir}`);
  // 2. Indicators.
  await queries();
} finally {
  await store.close();
  if (!keptDir) fs.rmSync(dir, { recursive: true, force: true });
  await database?.drop();
}
// 3. Lag, in a process of its own: chDB opens one data directory per process, and the engine's
// plugin opens its own.
if (!flag('no-lag')) await lag();
printTables();

async function load() {
  if (database) {
    for (const ddl of PG_TABLES) await database.pool.query(ddl);
    await insertOrgUnits(database.pool, tree);
  }
  let chMs = 0;
  let pgMs = 0;
  let rows = 0;
  let events = 0;
  let loaded = 0;
  const started = performance.now();
  const pg = database ? await database.pool.connect() : undefined;
  for (const chunk of benchResidents({ tree, visits, chunk: chunkVisits })) {
    const loader = new RecordLoader({ store, readModel: chunkReadModel(tree, chunk) });
    const t0 = performance.now();
    for (let i = 0; i < chunk.events.length; i += batch) {
      const outcome = await loader.load(chunk.events.slice(i, i + batch));
      rows += outcome.records;
    }
    chMs += performance.now() - t0;
    events += chunk.events.length;
    if (pg) {
      const t1 = performance.now();
      await insertChunk(pg, chunk);
      pgMs += performance.now() - t1;
    }
    loaded += chunk.visits;
    log(
      `${loaded.toLocaleString('en')} visits: ClickHouse ${Math.round(rows / (chMs / 1000))} rows/s${pg ? `, PostgreSQL ${Math.round(loaded / (pgMs / 1000))} rows/s` : ''} (${Math.round((performance.now() - started) / 1000)} s)`,
    );
  }
  pg?.release();
  report.add('visits generated', loaded, 'visits');
  report.add(
    'ClickHouse load (RecordLoader, batches of --batch events)',
    rows / (chMs / 1000),
    'rows/s',
  );
  report.add('ClickHouse load time', chMs / 1000, 's');
  report.add('records rows loaded (revisions and repeats included)', rows, 'rows');
  report.add('outbox events', events, 'events');
  const [final] = await (
    await client.query({ query: 'SELECT count() AS n FROM records FINAL', format: 'JSONEachRow' })
  ).json<{ n: string }>();
  report.add('records FINAL (each submission once)', Number(final!.n), 'rows');
  // FINAL merges the parts a query reads: how many there are as loaded matters.
  const [parts] = await (
    await client.query({
      query: `SELECT count() AS n FROM system.parts WHERE active AND table = 'records'`,
      format: 'JSONEachRow',
    })
  ).json<{ n: string }>();
  report.add('records parts after loading (as loaded, not optimized)', Number(parts!.n), 'parts');
  if (database) {
    report.add(
      'PostgreSQL load (latest revisions, unnest inserts)',
      loaded / (pgMs / 1000),
      'rows/s',
    );
    const t = performance.now();
    for (const ddl of PG_INDEXES) await database.pool.query(ddl);
    await database.pool.query('ANALYZE');
    report.add('PostgreSQL indexes and ANALYZE', (performance.now() - t) / 1000, 's');
  }
}

async function queries() {
  // What one chDB round trip costs on this machine now, and how busy the machine is.
  const trips: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await (await client.query({ query: 'SELECT 1', format: 'JSONEachRow' })).json();
    trips.push(performance.now() - t);
  }
  trips.sort((a, b) => a - b);
  report.add('chDB round trip (SELECT 1) p50', percentile(trips, 50), 'ms');
  report.add('load average (1 min) before the queries', os.loadavg()[0]!, '');
  const levels: {
    level: string;
    region: string;
    next: 'city' | 'township' | 'village';
    pgNext: ReferenceRegionLevel;
  }[] = [
    { level: 'province', region: tree.provinces[0]!, next: 'city', pgNext: 'city' },
    { level: 'county', region: tree.counties[0]!, next: 'township', pgNext: 'township' },
    { level: 'township', region: tree.townships[0]!, next: 'village', pgNext: 'village' },
  ];
  for (const indicator of indicators.filter(
    (i) => !only || only.split(',').some((p) => i.id.startsWith(p)),
  )) {
    for (const { level, region, next, pgNext } of levels) {
      for (const byMonth of [false, true]) {
        const label = `${indicator.id} · ${level} ${region} by ${pgNext}${byMonth ? ' × month' : ''}`;
        const ch = await timeClickHouse(indicator, region, next, byMonth);
        const pgTime = database
          ? await timePostgres(indicator.id, region, pgNext, byMonth)
          : undefined;
        const agree = pgTime ? same(ch.totals, pgTime.totals) : undefined;
        report.add(`${label}: ClickHouse p50`, ch.p50, 'ms', pgTime?.p50);
        report.add(`${label}: ClickHouse p95`, ch.p95, 'ms');
        if (pgTime) report.add(`${label}: PostgreSQL p50`, pgTime.p50, 'ms');
        lines.push([
          indicator.id,
          `${level} by ${pgNext}${byMonth ? ' × month' : ''}`,
          ch.p50.toFixed(0),
          ch.p95.toFixed(0),
          pgTime ? pgTime.p50.toFixed(0) : '',
          pgTime ? (pgTime.p50 / ch.p50).toFixed(1) : '',
          agree === undefined ? '' : agree ? 'yes' : 'NO',
          String(ch.groups),
        ]);
        log(lines.at(-1)!.join(' | '));
      }
    }
  }
  report.add('load average (1 min) after the queries', os.loadavg()[0]!, '');
}

async function lag() {
  {
    const lag = await measureLagInChild({ seconds: lagSeconds, rate, log });
    report.add('lag: submissions written', lag.written, 'submissions');
    report.add('lag: rate achieved (target --rate)', lag.rate, '/s', rate);
    report.add('lag: p50', lag.p50, 's');
    report.add('lag: p95', lag.p95, 's');
    report.add('lag: max', lag.max, 's');
    report.add('lag: caught up after the writer stopped', lag.drainSeconds, 's');
  }
}

function printTables() {
  report.printTable();
  const header = [
    'indicator',
    'query (2026)',
    'CH p50 ms',
    'CH p95 ms',
    'PG p50 ms',
    'PG/CH',
    'agree',
    'groups',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  process.stdout.write(
    `\nindicators (${visits.toLocaleString('en')} visits)\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`,
  );
  for (const l of lines) process.stdout.write(`${line(l)}\n`);
}

type Totals = Map<string, { numerator: number; denominator: number }>;

async function timeClickHouse(
  indicator: FactIndicator,
  region: string,
  next: 'city' | 'township' | 'village',
  byMonth: boolean,
) {
  const query = compileIndicator(indicator, {
    period: YEAR,
    parameters,
    region,
    groupBy: { region: next, ...(byMonth ? { period: 'month' as const } : {}) },
  });
  let result = await runIndicator(client, query); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await runIndicator(client, query);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const totals: Totals = new Map();
  for (const row of result)
    if (row.denominator > 0)
      totals.set(`${row.group.region ?? ''}|${row.group.period ?? ''}`, {
        numerator: row.numerator,
        denominator: row.denominator,
      });
  return { p50: percentile(times, 50), p95: percentile(times, 95), totals, groups: totals.size };
}

async function timePostgres(
  id: string,
  region: string,
  next: ReferenceRegionLevel,
  byMonth: boolean,
) {
  const times: number[] = [];
  let rows: Awaited<ReturnType<typeof postgresIndicator>> = [];
  for (let i = 0; i < pgRuns; i++) {
    const t = performance.now();
    rows = await postgresIndicator(database!.pool, id, {
      ...YEAR,
      region,
      group: { region: next, ...(byMonth ? { period: 'month' as const } : {}) },
    });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const totals: Totals = new Map();
  for (const row of rows)
    if (row.denominator > 0)
      totals.set(`${row.region ?? ''}|${row.period ?? ''}`, {
        numerator: row.numerator,
        denominator: row.denominator,
      });
  return { p50: percentile(times, 50), totals };
}

function same(a: Totals, b: Totals): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) {
    const other = b.get(key);
    if (!other || other.numerator !== value.numerator || other.denominator !== value.denominator)
      return false;
  }
  return true;
}
