/**
 * `formwork migrate-data` as a job: N submissions pinned to upgrade-demo@3.0.0 migrated to 3.1.0
 * of the hypertension follow-up (the upgrade demonstration, seed/upgrade-demo/) by the MigrationJob (batched reads, the plan applied in
 * JavaScript with the target compiled form, one set-based statement per batch writing payloads,
 * revisions, outbox events, failures and progress), against the ceiling: a plain SQL `UPDATE` of
 * the same rows (payload || new field, new pin) on a copy of the table, in the same run.
 *   DATABASE_URL=postgres://root@127.0.0.1:5432/test npm run bench -- migrate   (1,000,000 rows)
 *   npm run bench -- migrate            (embedded PGlite: 100,000 rows by default)
 *   BENCH_ROWS=200000 BENCH_BATCH=5000 BENCH_WORKERS=1 npm run bench -- migrate
 * With DATABASE_URL the bench creates (and drops) its own database on that server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../engine/src/clock.js';
import { Database } from '../engine/src/database/Database.js';
import { migrate } from '../engine/src/database/migrate.js';
import { createLogger } from '../engine/src/logging/createLogger.js';
import { claimRun, MigrationJob } from '../engine/src/migrations-data/MigrationJob.js';
import { MigrationPlanStore } from '../engine/src/migrations-data/MigrationPlanStore.js';
import {
  DEMO_FROM,
  DEMO_TO,
  insertPinnedSubmissions,
} from '../engine/src/migrations-data/testing/pinnedSubmissions.js';
import { ReleaseCatalog } from '../engine/src/specs/ReleaseCatalog.js';
import { seedReleases } from '../engine/src/specs/seedReleases.js';
import { throwawayPersonal } from '../engine/src/testing/throwawayPersonal.js';
import { benchDatabase } from './lib/benchDatabase.js';
import { Report } from './lib/report.js';

const serverUrl = process.env.DATABASE_URL;
const rows = Number(process.env.BENCH_ROWS ?? (serverUrl ? 1_000_000 : 100_000));
const batchSize = Number(process.env.BENCH_BATCH ?? 5000);
const workers = process.env.BENCH_WORKERS ? Number(process.env.BENCH_WORKERS) : undefined;
const FORM = 'hypertension-followup';
const FROM = DEMO_FROM.releaseId;
const TO = DEMO_TO.releaseId;

const server = await benchDatabase('migrate');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-bench-migrate-'));
const logger = createLogger('warn');
const database = await Database.open({ databaseUrl: server?.url, dataDir, logger });
const report = new Report('migrate');
const seconds = (since: number) => (performance.now() - since) / 1000;
try {
  await migrate(database, logger);
  const q = (sql: string) => database.sequelize.query(sql);
  process.stderr.write(
    `${database.kind}${server ? '' : ' (embedded; set DATABASE_URL for PostgreSQL and 1,000,000 rows)'}: inserting ${rows} submissions pinned to ${FROM} …\n`,
  );
  let t = performance.now();
  await insertPinnedSubmissions(database, { count: rows, slowEvery: 100 });
  process.stderr.write(`inserted in ${seconds(t).toFixed(1)} s; copying for the baseline …\n`);
  await q('CREATE TABLE bench_plain (LIKE submissions INCLUDING ALL)');
  await q('INSERT INTO bench_plain SELECT * FROM submissions');
  await q('VACUUM ANALYZE submissions');
  await q('VACUUM ANALYZE submission_revisions');
  await q('VACUUM ANALYZE bench_plain');

  const catalog = new ReleaseCatalog(await seedReleases('upgrade-demo'));
  const clock = systemClock;
  const plans = new MigrationPlanStore({ database, catalog, clock });
  const plan = await plans.create({ formKey: FORM, fromRelease: FROM, toRelease: TO }, null);
  // hypertension follow-ups hold no personal fields: a throwaway key is enough here.
  const deps = { database, catalog, clock, plans, personal: throwawayPersonal() };
  const { run } = await claimRun(deps, plan.id, { batchSize });
  process.stderr.write(`migrating ${run.total} records in batches of ${batchSize} …\n`);
  let lastDrawn = 0;
  t = performance.now();
  const job = new MigrationJob(deps, run.id, {
    ...(workers !== undefined ? { workers } : {}),
    onProgress: (p) => {
      if (performance.now() - lastDrawn < 5000) return;
      lastDrawn = performance.now();
      process.stderr.write(`  ${p.percent}% ${p.migrated + p.failed}/${p.total}\n`);
    },
  });
  const result = await job.run();
  const jobSeconds = seconds(t);
  const jobRate = (result.migrated + result.failed) / jobSeconds;
  const { read, migrate: js, write } = job.timings;
  process.stderr.write(
    `job: ${result.migrated} migrated, ${result.failed} failed in ${jobSeconds.toFixed(1)} s (reading ${(read / 1000).toFixed(1)} s, plan in JavaScript ${(js / 1000).toFixed(1)} s, waiting for writes ${(write / 1000).toFixed(1)} s)\n`,
  );

  t = performance.now();
  await q(`UPDATE bench_plain SET payload = payload || '{"homeBpMonitoring": "2"}',
      release_id = '${TO}', form_version = '${DEMO_TO.formVersion}', revision = revision + 1,
      row_version = row_version + 1, updated_at = now()
    WHERE form_key = '${FORM}' AND release_id = '${FROM}'`);
  const plainSeconds = seconds(t);
  const plainRate = rows / plainSeconds;

  report.add('rows', rows, 'rows');
  report.add('batch size', batchSize, 'rows');
  report.add('job', jobSeconds, 's');
  report.add('plain UPDATE', plainSeconds, 's');
  report.add('migrated', result.migrated, 'rows');
  report.add('failed', result.failed, 'rows');
  report.add('job throughput', jobRate, 'rows/s', plainRate);
  report.printTable();
} finally {
  await database.close();
  await server?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
