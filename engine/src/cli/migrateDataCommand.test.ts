import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { Database } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { createLogger } from '../logging/createLogger.js';
import { dryRunPlan } from '../migrations-data/dryRunPlan.js';
import { MigrationPlanStore } from '../migrations-data/MigrationPlanStore.js';
import {
  DEMO_FROM,
  DEMO_TO,
  insertPinnedSubmissions,
  revisionsByPlan,
} from '../migrations-data/testing/pinnedSubmissions.js';
import { ReleaseCatalog } from '../specs/ReleaseCatalog.js';
import { importUpgradeDemo, seedReleases } from '../specs/seedReleases.js';
import { createTestDatabase, throwawayPersonal, type TestDatabase } from '../testing/index.js';

const bin = new URL('../../bin/formwork.js', import.meta.url).pathname;
const COUNT = 10_000;
const CLEAN = 9_000;
const FAILED = 1_000;

const CLI_DATA_KEY = randomBytes(32).toString('base64');

/** The CLI on the test database (PostgreSQL with DATABASE_URL, else a PGlite data dir). */
function cliEnv(db: TestDatabase): NodeJS.ProcessEnv {
  // The command opens and seals personal values: it needs the data key, like the engine.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: db.dataDir,
    DATA_KEY: CLI_DATA_KEY,
    LOG_LEVEL: 'warn',
  };
  if (db.databaseUrl) env.DATABASE_URL = db.databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

/** Opens the database in this process for a moment (PGlite: one process at a time). */
async function withDatabase<T>(db: TestDatabase, work: (d: Database) => Promise<T>): Promise<T> {
  const logger = createLogger('warn');
  const database = await Database.open({
    databaseUrl: db.databaseUrl,
    dataDir: db.dataDir,
    logger,
  });
  try {
    await migrate(database, logger);
    return await work(database);
  } finally {
    await database.close();
  }
}

describe('formwork migrate-data', () => {
  let db: TestDatabase | undefined;
  afterAll(async () => {
    await db?.drop();
  });

  it('given a run killed with SIGKILL halfway, when started again, then it resumes and every record is migrated exactly once, as the dry run counted', async () => {
    db = await createTestDatabase();
    // The upgrade demonstration's 3.0.0 → 3.1.0 (imported as the demo world does).
    const catalog = new ReleaseCatalog(await seedReleases('upgrade-demo'));
    const { planId, dry } = await withDatabase(db, async (database) => {
      await importUpgradeDemo(database, systemClock);
      await insertPinnedSubmissions(database, { count: COUNT, slowEvery: 10 });
      const plans = new MigrationPlanStore({ database, catalog, clock: systemClock });
      const plan = await plans.create(
        {
          formKey: 'hypertension-followup',
          fromRelease: DEMO_FROM.releaseId,
          toRelease: DEMO_TO.releaseId,
        },
        null,
      );
      return {
        planId: plan.id,
        dry: await dryRunPlan(
          { database, catalog, clock: systemClock, personal: throwawayPersonal() },
          plan,
        ),
      };
    });
    expect(dry).toMatchObject({ total: COUNT, clean: CLEAN, failed: FAILED });

    const dryCli = spawnSync(process.execPath, [bin, 'migrate-data', planId, '--dry-run'], {
      env: cliEnv(db),
      encoding: 'utf8',
    });
    expect(dryCli.status, dryCli.stderr).toBe(0);
    expect(JSON.parse(dryCli.stdout)).toMatchObject({ total: COUNT, clean: CLEAN });

    // First run: killed with SIGKILL once it reported a quarter done.
    const child = spawn(process.execPath, [bin, 'migrate-data', planId, '--batch', '500'], {
      env: cliEnv(db),
    });
    let stderr = '';
    let killedAt = 0;
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const match of stderr.matchAll(/progress (\d+)\/(\d+)/g)) {
        if (!killedAt && Number(match[1]) >= COUNT / 4) {
          killedAt = Number(match[1]);
          child.kill('SIGKILL');
        }
      }
    });
    expect(await exited, stderr).toBe('SIGKILL');
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(COUNT);

    const halfway = await withDatabase(db, async (database) => {
      const [run] = await database.sequelize.query<{ status: string; migrated: number }>(
        'SELECT status, migrated FROM data_migration_runs WHERE plan_id = $1',
        { bind: [planId], type: QueryTypes.SELECT },
      );
      return { run: run!, revisions: await revisionsByPlan(database, planId) };
    });
    expect(halfway.run.status).toBe('running');
    expect(halfway.revisions.migrated).toBe(halfway.run.migrated);
    expect(halfway.revisions.migrated).toBeLessThan(CLEAN);

    // Second run: resumes where the committed batches left off.
    const resumed = spawnSync(process.execPath, [bin, 'migrate-data', planId, '--batch', '500'], {
      env: cliEnv(db),
      encoding: 'utf8',
    });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('resuming run');
    expect(resumed.stdout).toContain(`migrated: ${CLEAN}`);
    expect(resumed.stdout).toContain(`failed: ${FAILED}`);
    expect(resumed.stdout).toMatch(/rows\/s/);

    const after = await withDatabase(db, async (database) => {
      const runs = await database.sequelize.query<{
        status: string;
        total: number;
        migrated: number;
        failed: number;
      }>('SELECT status, total, migrated, failed FROM data_migration_runs WHERE plan_id = $1', {
        bind: [planId],
        type: QueryTypes.SELECT,
      });
      return { runs, revisions: await revisionsByPlan(database, planId) };
    });
    expect(after.runs).toEqual([
      { status: 'done', total: COUNT, migrated: dry.clean, failed: dry.failed },
    ]);
    expect(after.revisions).toEqual({
      submissions: dry.clean,
      revisions: dry.clean,
      most: 1,
      migrated: dry.clean,
    });

    // A third start migrates nothing more.
    const again = spawnSync(process.execPath, [bin, 'migrate-data', planId], {
      env: cliEnv(db),
      encoding: 'utf8',
    });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('migrated: 0');
    const final = await withDatabase(db, (database) => revisionsByPlan(database, planId));
    expect(final).toEqual(after.revisions);
  }, 300_000);
});
