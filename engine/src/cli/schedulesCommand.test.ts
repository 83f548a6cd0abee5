import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { QueryTypes } from 'sequelize';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../database/Database.js';
import { createLogger } from '../logging/createLogger.js';
import { seedPatients } from '../seeding/seedPatients.js';
import { createTestDatabase, IdentityFixture, type TestDatabase } from '../testing/index.js';

const bin = new URL('../../bin/formwork.js', import.meta.url).pathname;
const DATA_KEY = randomBytes(32).toString('base64');

/** The CLI on the test database (PostgreSQL with DATABASE_URL, else a PGlite data dir). */
function cliEnv(db: TestDatabase): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: db.dataDir,
    DATA_KEY,
    LOG_LEVEL: 'warn',
  };
  if (db.databaseUrl) env.DATABASE_URL = db.databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

/** Reads the database in this process for a moment (PGlite: one process at a time). */
async function read<T extends object>(db: TestDatabase, sql: string): Promise<T[]> {
  const database = await Database.open({
    databaseUrl: db.databaseUrl,
    dataDir: db.dataDir,
    logger: createLogger('warn'),
  });
  try {
    return await database.sequelize.query<T>(sql, { type: QueryTypes.SELECT });
  } finally {
    await database.close();
  }
}

describe('formwork schedules', () => {
  let db: TestDatabase | undefined;
  afterAll(async () => {
    await db?.drop();
  });

  it('when `formwork schedules --help` runs, then it lists rebuild, which says it resumes', () => {
    const help = spawnSync(process.execPath, [bin, 'schedules', '--help'], { encoding: 'utf8' });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/Usage: formwork schedules/);
    expect(help.stdout).toMatch(/rebuild .*recompute every active enrollment/);
    const rebuild = spawnSync(process.execPath, [bin, 'schedules', 'rebuild', '--help'], {
      encoding: 'utf8',
    });
    expect(rebuild.status, rebuild.stderr).toBe(0);
    expect(rebuild.stdout).toMatch(/resumes an\s+interrupted rebuild/);
    expect(rebuild.stdout).toMatch(/--release <id>/);
    expect(rebuild.stdout).toMatch(/--batch <n>/);
  }, 120_000);

  it('given a rebuild killed with SIGKILL a quarter of the way, when started again, then it resumes after the last committed batch and every enrollment is computed exactly once', async () => {
    db = await createTestDatabase();
    // Residents with a year of visits, never computed (as after an import or a new release).
    const f = await IdentityFixture.start({ dataKey: DATA_KEY }, { database: db });
    await seedPatients(f.t.engine.services, {
      patients: 250,
      seed: 3,
      progress: new PassThrough(),
    });
    await f.t.engine.database.sequelize.query('TRUNCATE schedule_states, due_items');
    await f.t.engine.stop();
    const [{ total }] = (await read<{ total: number }>(
      db,
      'SELECT count(*)::int AS total FROM enrollments WHERE ended_on IS NULL',
    )) as [{ total: number }];
    expect(total).toBeGreaterThan(250);

    const child = spawn(process.execPath, [bin, 'schedules', 'rebuild', '--batch', '10'], {
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
        if (!killedAt && Number(match[1]) >= total / 4) {
          killedAt = Number(match[1]);
          child.kill('SIGKILL');
        }
      }
    });
    expect(await exited, stderr).toBe('SIGKILL');
    expect(stderr).toContain(`${total} enrollments`);
    expect(killedAt).toBeGreaterThan(0);

    // What was committed: whole batches, their enrollments' schedules and the cursor together.
    const [halfway] = await read<{ status: string; done: number; computed: number }>(
      db,
      `SELECT status, done,
         (SELECT count(DISTINCT enrollment_id)::int FROM schedule_states) AS computed
       FROM schedule_rebuilds`,
    );
    expect(halfway!.status).toBe('running');
    expect(halfway!.done).toBeGreaterThanOrEqual(killedAt);
    expect(halfway!.done).toBeLessThan(total);
    expect(halfway!.done % 10).toBe(0);
    expect(halfway!.computed).toBe(halfway!.done);

    const resumed = spawnSync(process.execPath, [bin, 'schedules', 'rebuild', '--batch', '10'], {
      env: cliEnv(db),
      encoding: 'utf8',
    });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`: ${halfway!.done}/${total} enrollments done`);
    const lines = [...resumed.stderr.matchAll(/progress (\d+)\/(\d+)/g)].map((m) => Number(m[1]));
    expect(lines[0]).toBe(Math.min(halfway!.done + 10, total));
    expect(lines.at(-1)).toBe(total);
    expect(resumed.stdout).toMatch(
      new RegExp(`enrollments looked at: ${total} of ${total} \\(done\\)`),
    );

    // Each enrollment looked at once (the run's count is not capped) and computed once: every
    // schedule state is its first revision, and as many as the run computed.
    const [after] = await read<{
      runs: number;
      status: string;
      done: number;
      changed: number;
      states: number;
      revised: number;
      enrollments: number;
      items: number;
    }>(
      db,
      `SELECT (SELECT count(*)::int FROM schedule_rebuilds) AS runs, r.status, r.done, r.changed,
         (SELECT count(*)::int FROM schedule_states) AS states,
         (SELECT count(*)::int FROM schedule_states WHERE revision > 1) AS revised,
         (SELECT count(DISTINCT enrollment_id)::int FROM schedule_states) AS enrollments,
         (SELECT count(*)::int FROM due_items) AS items
       FROM schedule_rebuilds r`,
    );
    expect(after).toMatchObject({
      runs: 1,
      status: 'done',
      done: total,
      revised: 0,
      enrollments: total,
    });
    expect(after!.changed).toBe(after!.states);
    expect(after!.items).toBeGreaterThan(total);

    // A second rebuild looks at everything again and computes nothing.
    const again = spawnSync(process.execPath, [bin, 'schedules', 'rebuild'], {
      env: cliEnv(db),
      encoding: 'utf8',
    });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('schedules recomputed: 0');
  }, 300_000);
});
