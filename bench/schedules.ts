/**
 * Schedules, worklists and reminders at a province's scale (issue 15):
 *   DATABASE_URL=postgres://root@127.0.0.1:5432/test npm run bench -- schedules
 *   DATABASE_URL=… npm run bench -- schedules --enrollments 100000
 * The engine runs in this process on a database of its own (dropped at the end; PGlite without
 * DATABASE_URL, for small runs). The demo org tree plus bench counties at a province's scale
 * (10 townships of 10 village clinics each, about 5,000 enrollments per township), and residents
 * from the seed generator (`formwork seed --demo`: enrollments, visits as submissions) in their
 * villages until there are about `--enrollments` enrollments (default 1,000,000); then:
 *
 * 1. the rebuild (`formwork schedules rebuild`, ScheduleRebuild): every enrollment's due items
 *    computed, timed;
 * 2. worklist queries (WorklistService.list, overdue and due soon, first page, with counts) for
 *    the township with the most enrollments and its county, as a county public-health manager:
 *    p50/p95 over BENCH_WORKLIST_QUERIES (default 50) each;
 * 3. reminders: the backlog of due-soon and overdue moments fired by ReminderPoller (claim, stage,
 *    reminder row, notification), reminders/s, against a bare `SELECT … FOR UPDATE SKIP LOCKED`
 *    drain that only sets the stage of the same rows (same batch size, same run);
 * 4. lateness: the clock moved to just before the next midnight (China time), a poller running
 *    every BENCH_REMINDER_POLL_MS (default 1000) across it: p50/p99 of (fired_at − that midnight)
 *    for the moments falling on that day.
 * Prints figures; never fails on time. BENCH_KEEP=1 keeps the database (its URL is printed);
 * `--reuse <database>` measures a kept one again from step 2 (no seeding, no rebuild).
 * BENCH_FIRE_MAX (default 300,000) caps the reminders fired and drained in step 3.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { Caller } from '../engine/src/access/Caller.js';
import { createLogger } from '../engine/src/logging/createLogger.js';
import { ReminderDeliveries } from '../engine/src/reminders/ReminderDeliveries.js';
import { ReminderPoller } from '../engine/src/reminders/ReminderPoller.js';
import { ScheduleRebuild } from '../engine/src/schedules/ScheduleRebuild.js';
import { demoOrgTree } from '../engine/src/seeding/demoWorld.js';
import type { OrgUnitInput } from '../engine/src/orgs/OrgUnitStore.js';
import type { SeedVillage } from '../engine/src/seeding/patients/index.js';
import { seedPatients } from '../engine/src/seeding/seedPatients.js';
import { Engine } from '../engine/src/server/Engine.js';
import { testEngineConfig } from '../engine/src/testing/testEngineConfig.js';
import { benchDatabase } from './lib/benchDatabase.js';
import { Report } from './lib/report.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const target = Number(arg('enrollments') ?? 1_000_000);
/** A database a run kept (BENCH_KEEP=1): its residents and due items are measured again. */
const reuse = arg('reuse');
/** At most this many reminders fired (and as many drained) in the firing figure. */
const fireMax = Number(process.env.BENCH_FIRE_MAX ?? 300_000);
const queries = Number(process.env.BENCH_WORKLIST_QUERIES ?? 50);
const pollMs = Number(process.env.BENCH_REMINDER_POLL_MS ?? 1000);
const BATCH = 200;
const DAY = 86_400_000;
const CST = 8 * 3_600_000;

const seconds = (since: number) => (performance.now() - since) / 1000;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const log = (line: string) => process.stderr.write(`[schedules] ${line}\n`);

/** Enrollments a township manages in this run: the "about 5,000 managed residents". */
const PER_TOWNSHIP = 5000;
const TOWNSHIPS_PER_COUNTY = 10;
const VILLAGES_PER_TOWNSHIP = 10;

/**
 * Counties of a province at the scale `enrollments` needs, under 福州市 (350100) beside the demo
 * ones: 10 townships of 10 villages each, every village with its clinic, every township with its
 * health centre and every county with its hospital. Codes 350130 onwards are not real counties.
 */
function provinceCounties(enrollments: number): { units: OrgUnitInput[]; villages: SeedVillage[] } {
  const townships = Math.max(1, Math.round(enrollments / PER_TOWNSHIP));
  const counties = Math.ceil(townships / TOWNSHIPS_PER_COUNTY);
  if (counties > 69) throw new RangeError('at most 69 bench counties (--enrollments ≤ 3,450,000)');
  const units: OrgUnitInput[] = [];
  const villages: SeedVillage[] = [];
  for (let c = 0; c < counties; c++) {
    const county = String(350130 + c);
    units.push(
      {
        code: county,
        name: `基准县${c + 1}`,
        nameEn: `Bench county ${c + 1}`,
        level: 'county',
        kind: 'division',
        parentCode: '350100',
      },
      {
        code: `${county}-H01`,
        name: `基准县${c + 1}医院`,
        nameEn: `Bench county ${c + 1} hospital`,
        level: 'county',
        kind: 'institution',
        parentCode: county,
        institutionType: 'county-hospital',
      },
    );
    for (let t = 0; t < TOWNSHIPS_PER_COUNTY && c * TOWNSHIPS_PER_COUNTY + t < townships; t++) {
      const township = `${county}${101 + t}`;
      units.push(
        {
          code: township,
          name: `基准镇${t + 1}`,
          nameEn: `Bench town ${t + 1}`,
          level: 'township',
          kind: 'division',
          parentCode: county,
        },
        {
          code: `${township}-C01`,
          name: `基准镇${t + 1}卫生院`,
          nameEn: `Bench town ${t + 1} health centre`,
          level: 'township',
          kind: 'institution',
          parentCode: township,
          institutionType: 'township-health-centre',
        },
      );
      for (let v = 0; v < VILLAGES_PER_TOWNSHIP; v++) {
        const village = `${township}${201 + v}`;
        units.push(
          {
            code: village,
            name: `基准村${v + 1}`,
            nameEn: `Bench village ${v + 1}`,
            level: 'village',
            kind: 'division',
            parentCode: township,
          },
          {
            code: `${village}-V01`,
            name: `基准村${v + 1}卫生室`,
            nameEn: `Bench village ${v + 1} clinic`,
            level: 'village',
            kind: 'institution',
            parentCode: village,
            institutionType: 'village-clinic',
          },
        );
        villages.push({ code: village, countyCode: county, institutionCode: `${village}-V01` });
      }
    }
  }
  return { units, villages };
}

/** A database an earlier run kept, on the server DATABASE_URL names; never dropped. */
function keptDatabase(name: string) {
  if (!/^formwork_bench_schedules_\d+$/.test(name))
    throw new Error(`--reuse ${name}: not a kept bench database`);
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://127.0.0.1/');
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => {} };
}

/** The system clock moved by `offset` (the lateness run jumps to the next midnight). */
class ShiftedClock {
  offset = 0;
  now() {
    return new Date(Date.now() + this.offset);
  }
}

const server = reuse ? keptDatabase(reuse) : await benchDatabase('schedules');
/** The key of the residents' names: BENCH_DATA_KEY reads a kept database's (printed with it). */
const dataKey = process.env.BENCH_DATA_KEY ?? randomBytes(32).toString('base64');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-bench-schedules-'));
const clock = new ShiftedClock();
const config = testEngineConfig(
  { kind: server ? 'postgres' : 'pglite', databaseUrl: server?.url, dataDir, drop: async () => {} },
  { logLevel: 'warn', dataKey },
);
const engine = await Engine.start(config, createLogger('warn'), { clock });
const report = new Report('schedules');
try {
  const { database, services } = engine;
  const q = <T extends object>(sql: string, bind: unknown[] = []) =>
    database.sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT });
  const count = async (sql: string, bind: unknown[] = []) =>
    Number((await q<{ n: string }>(sql, bind))[0]?.n ?? 0);

  if (!reuse) {
    // The demo org tree with the counties of a province-sized one, and generated residents in its
    // villages until about `target` enrollments (about PER_TOWNSHIP in each township).
    const tree = demoOrgTree();
    const province = provinceCounties(target);
    await database.transaction((t) =>
      services.orgs.saveTree(tree.year, [...tree.units, ...province.units], t),
    );
    let seed = 1;
    let enrollments = 0;
    const seeding = performance.now();
    while (enrollments < target) {
      const patients = Math.max(1000, Math.min(50_000, Math.ceil((target - enrollments) * 0.8)));
      await seedPatients(services, { patients, seed: seed++, villages: province.villages });
      enrollments = await count('SELECT count(*) AS n FROM enrollments WHERE ended_on IS NULL');
      log(`${enrollments} active enrollments (${seconds(seeding).toFixed(0)} s)`);
    }
    // Statistics as autovacuum would have them after such a load: without them the rebuild's
    // read of a batch's submissions is planned for an empty table (seconds a batch at 1M).
    await database.sequelize.query('ANALYZE');
    const visits = await count('SELECT count(*) AS n FROM submissions');
    report.add('active enrollments', enrollments, 'enrollments');
    report.add('submissions', visits, 'submissions');

    // 1. The rebuild: every enrollment's due items.
    const rebuild = new ScheduleRebuild(
      { database, catalog: services.catalog, clock, writer: services.dueItems },
      {
        batch: 500,
        onProgress: (run) => {
          if (run.done % 50_000 < 500) log(`rebuild ${run.done}/${run.total}`);
        },
      },
    );
    const rebuilding = performance.now();
    const { run } = await rebuild.claim();
    await rebuild.run(run.id);
    const rebuildSeconds = seconds(rebuilding);
    const items = await count('SELECT count(*) AS n FROM due_items');
    report.add('rebuild: all due items computed', rebuildSeconds, 's');
    report.add('rebuild: enrollments/s', enrollments / rebuildSeconds, 'enrollments/s');
    report.add('due items', items, 'items');
  }
  // As autovacuum leaves a table after a burst of writes: the rebuild's row versions reclaimed,
  // the visibility map set (the worklist's index-only scans rely on it) and statistics fresh.
  await database.sequelize.query('VACUUM (ANALYZE) due_items');
  await database.sequelize.query('ANALYZE');
  if (reuse) {
    report.add(
      'active enrollments (kept database)',
      await count('SELECT count(*) AS n FROM enrollments WHERE ended_on IS NULL'),
      'enrollments',
    );
    report.add('due items', await count('SELECT count(*) AS n FROM due_items'), 'items');
  }

  // 2. Worklist queries for the busiest township and its county (they show residents' names:
  // a kept database is measured here only with its BENCH_DATA_KEY).
  if (!reuse || process.env.BENCH_DATA_KEY) {
    const [township] = await q<{ code: string; n: string }>(
      `SELECT o.code, count(*) AS n FROM enrollments e
     JOIN org_units o ON e.org_path LIKE o.path || '%' AND o.level = 'township'
     WHERE e.ended_on IS NULL GROUP BY o.code ORDER BY count(*) DESC LIMIT 1`,
    );
    const county = township!.code.slice(0, 6);
    const countyEnrollments = await count(
      `SELECT count(*) AS n FROM enrollments e JOIN org_units o ON o.code = $1
     WHERE e.ended_on IS NULL AND e.org_path LIKE o.path || '%'`,
      [county],
    );
    // Unique per run: a kept database already has the earlier run's manager.
    const managerName = `bench-county-phc-manager-${Date.now()}`;
    const managerId = await database.transaction(async (transaction) => {
      const org = (await services.orgs.get(county))!;
      const created = await services.users.create(
        {
          username: managerName,
          displayName: 'bench',
          orgCode: org.code,
          orgPath: org.path,
          passwordHash: 'x',
        },
        clock.now(),
        null,
        transaction,
      );
      await services.users.addGrant(
        {
          userId: created.id,
          role: 'county-phc-manager',
          orgCode: org.code,
          orgPath: org.path,
          grantedBy: null,
        },
        clock.now(),
        transaction,
      );
      return created.id;
    });
    const manager = new Caller(
      { id: managerId, username: managerName, displayName: 'bench', orgCode: county },
      randomUUID(),
      false,
      await services.users.grants(managerId),
    );
    const scope = manager.scope('records.read')!;
    const worklistTimes = async (org: string) => {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < queries + 5; i++) {
        const started = performance.now();
        const answer = await services.worklist.list(
          {
            group: 'region',
            org,
            statuses: ['overdue', 'due-soon'],
            period: 'month',
            limit: 20,
            offset: 0,
          },
          manager,
          scope,
          { requestId: `bench-${i}`, ip: '127.0.0.1' },
        );
        if (i >= 5) times.push(performance.now() - started);
        total = answer.total;
      }
      times.sort((a, b) => a - b);
      return { times, total };
    };
    const inTownship = await worklistTimes(township!.code);
    const inCounty = await worklistTimes(county);
    report.add(
      `township ${township!.code}: active enrollments`,
      Number(township!.n),
      'enrollments',
    );
    report.add(`township: worklist items (overdue + due soon)`, inTownship.total, 'items');
    report.add('township worklist p50', percentile(inTownship.times, 50), 'ms');
    report.add('township worklist p95', percentile(inTownship.times, 95), 'ms');
    report.add(`county ${county}: active enrollments`, countyEnrollments, 'enrollments');
    report.add(`county: worklist items (overdue + due soon)`, inCounty.total, 'items');
    report.add('county worklist p50', percentile(inCounty.times, 50), 'ms');
    report.add('county worklist p95', percentile(inCounty.times, 95), 'ms');
  }

  // 3. Reminders: the backlog fired by the poller, against a bare SKIP LOCKED drain.
  const poller = new ReminderPoller(
    {
      database,
      clock,
      notifications: services.notifications,
      deliveries: new ReminderDeliveries({ database, clock, node: 'bench' }),
    },
    { intervalMs: 0, batch: BATCH },
  );
  const firedFrom = clock.now();
  const firing = performance.now();
  let fired = 0;
  for (const moment of ['overdue', 'due-soon'] as const) {
    while (fired < fireMax) {
      const n = await poller.fireBatch(moment, BATCH);
      fired += n;
      if (n < BATCH) break;
    }
  }
  const firingSeconds = seconds(firing);
  const firedRate = fired / firingSeconds;

  // The same rows back to their stage before, then drained bare: claim, set the stage, commit.
  await database.sequelize.query(
    `UPDATE due_items SET reminder_stage = 0
     WHERE id IN (SELECT due_item_id FROM reminders WHERE fired_at >= $1)`,
    { bind: [firedFrom] },
  );
  // The same claim as the poller's (its WHERE, its order, its partial indexes), on a table
  // vacuumed as it was for the poller.
  await database.sequelize.query('VACUUM (ANALYZE) due_items');
  const today = new Date(clock.now().getTime() + CST).toISOString().slice(0, 10);
  const draining = performance.now();
  let drained = 0;
  for (const [stage, where, on] of [
    [2, 'reminder_stage < 2 AND overdue_date <= $1::date', 'overdue_date'],
    [
      1,
      'reminder_stage = 0 AND due_soon_date <= $1::date AND overdue_date > $1::date',
      'due_soon_date',
    ],
  ] as const) {
    while (drained < fired) {
      const n = await database.transaction(async (transaction) => {
        const rows = await database.sequelize.query<{ id: string }>(
          `SELECT id FROM due_items WHERE status = 'open' AND ${where}
           ORDER BY ${on}, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          { bind: [today, BATCH], type: QueryTypes.SELECT, transaction },
        );
        if (rows.length)
          await database.sequelize.query(
            'UPDATE due_items SET reminder_stage = $2 WHERE id = ANY($1::uuid[])',
            { bind: [rows.map((r) => r.id), stage], transaction },
          );
        return rows.length;
      });
      drained += n;
      if (n < BATCH) break;
    }
  }
  const drainRate = drained / seconds(draining);
  report.add(`reminders fired (backlog, at most ${fireMax})`, fired, 'reminders');
  report.add('rows drained bare', drained, 'rows');
  report.add('reminders fired/s', firedRate, 'reminders/s', drainRate);
  report.add('bare SKIP LOCKED drain of the same rows', drainRate, 'rows/s');

  // 4. Lateness: the next midnight (China time) comes; the poller runs every pollMs.
  const now = clock.now().getTime();
  const midnight = Math.floor((now + CST) / DAY) * DAY + DAY - CST;
  const day = new Date(midnight + CST).toISOString().slice(0, 10);
  const dueThatDay = await count(
    `SELECT count(*) AS n FROM due_items WHERE status = 'open'
     AND ((reminder_stage = 0 AND due_soon_date = $1::date AND overdue_date > $1::date)
       OR (reminder_stage < 2 AND overdue_date = $1::date))`,
    [day],
  );
  // What is still due before that day (the backlog BENCH_FIRE_MAX left unfired) counts as fired,
  // as a running province's would have been: midnight's poll fires only that day's moments.
  const before = new Date(now + CST).toISOString().slice(0, 10);
  await database.sequelize.query(
    `UPDATE due_items SET reminder_stage = 2
     WHERE status = 'open' AND reminder_stage < 2 AND overdue_date <= $1::date`,
    { bind: [before] },
  );
  await database.sequelize.query(
    `UPDATE due_items SET reminder_stage = 1
     WHERE status = 'open' AND reminder_stage = 0 AND due_soon_date <= $1::date`,
    { bind: [before] },
  );
  // The poller is already running when midnight comes (2.5 intervals before it).
  clock.offset = midnight - 2.5 * pollMs - Date.now();
  const live = new ReminderPoller(
    {
      database,
      clock,
      notifications: services.notifications,
      deliveries: new ReminderDeliveries({ database, clock, node: 'bench-live' }),
    },
    { intervalMs: pollMs, batch: BATCH },
  );
  live.start();
  const waitFrom = performance.now();
  while (
    (await count(`SELECT count(*) AS n FROM reminders WHERE moment_date = $1::date`, [day])) <
      dueThatDay &&
    seconds(waitFrom) < 600
  )
    await new Promise((resolve) => setTimeout(resolve, 200));
  await live.stop();
  const lateness = (
    await q<{ ms: number }>(
      `SELECT extract(epoch FROM fired_at - ($1::date::timestamp - interval '8 hours')
         AT TIME ZONE 'UTC') * 1000 AS ms
       FROM reminders WHERE moment_date = $1::date`,
      [day],
    )
  )
    .map((r) => Number(r.ms))
    .sort((a, b) => a - b);
  report.add(`moments falling on ${day}`, dueThatDay, 'reminders');
  report.add(`firing lateness p50 (poll every ${pollMs} ms)`, percentile(lateness, 50), 'ms');
  report.add(`firing lateness p99 (poll every ${pollMs} ms)`, percentile(lateness, 99), 'ms');
  report.printTable();
} finally {
  await engine.stop();
  // BENCH_KEEP=1 keeps the database for a look at the plans (EXPLAIN ANALYZE of the worklist).
  if (process.env.BENCH_KEEP === '1' && server)
    log(`kept ${server.url} (BENCH_DATA_KEY=${dataKey})`);
  else await server?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
