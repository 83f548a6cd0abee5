import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { QueryTypes } from 'sequelize';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../database/Database.js';
import { EmbeddedPostgres } from '../database/EmbeddedPostgres.js';
import { createLogger } from '../logging/createLogger.js';
import {
  callApi,
  createTestDatabase,
  engineProcessEnv,
  signInDemoUser,
  startEngineProcess,
  type EngineProcess,
  type TestDatabase,
} from '../testing/index.js';

/**
 * Acceptance 2 of reminders: each reminder fires exactly once across two `formwork start`
 * processes on one database whose pollers race for the same due items, and across a SIGKILL
 * inside the firing transaction. The processes run the real engine (PostgreSQL of DATABASE_URL,
 * or PGlite — served on a loopback port when two processes share it) with a test plugin whose
 * reminder hook logs each call to a file (the stand-in for a province's SMS gateway).
 *
 * Due items are written straight into `due_items` for the demo world's enrollments, three per
 * enrollment: one overdue, one due soon and one not yet due. The schedules worker is off
 * (WORKFLOW_POLL_MS=0), so nothing recomputes them during the test.
 */

const DOCTOR = 'fj.township-phc';
const plugin = pathToFileURL(path.join(import.meta.dirname, 'fixtures/reminderLogPlugin.ts')).href;
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

function scratch(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Three due items per enrollment (tagged): overdue, due soon, not yet due; returns how many fall due. */
async function writeDueItems(database: Database, tag: string): Promise<number> {
  const today = `((now() AT TIME ZONE 'UTC') + interval '8 hours')::date`;
  await database.sequelize.query(
    `INSERT INTO due_items (id, enrollment_id, subject_id, program, schedule_id, occurrence_id,
       title, release_id, form_key, org_code, org_path, responsible_user_id, anchor_id,
       anchor_date, window_start, window_end, due_date, due_soon_date, overdue_date, status,
       required, counted, computed_revision, created_at, updated_at)
     SELECT gen_random_uuid(), e.id, e.subject_id, e.program, 'reminder-test', $1 || '-' || k,
       '{"zh":"测试随访","en":"Test follow-up"}', 'test', 'test-form', e.org_code, e.org_path,
       (SELECT id FROM users WHERE username = $2), 'enrolled', t.today - 40,
       t.today + (k - 2) * 20 - 5, t.today + (k - 2) * 20 + 10, t.today + (k - 2) * 20 + 5,
       t.today + (k - 2) * 20 - 2 + CASE WHEN k = 1 THEN -8 ELSE 0 END,
       t.today + (k - 2) * 20 + 12, 'open', 1, 0, 1, now(), now()
     FROM enrollments e CROSS JOIN generate_series(1, 3) AS k
     CROSS JOIN (SELECT ${today} AS today) t`,
    { bind: [tag, DOCTOR] },
  );
  const [counted] = await database.sequelize.query<{ n: string }>(
    `SELECT count(*) AS n FROM due_items WHERE schedule_id = 'reminder-test'
       AND occurrence_id LIKE $1 || '-%' AND due_soon_date <= ${today}`,
    { bind: [tag], type: QueryTypes.SELECT },
  );
  return Number(counted?.n);
}

/** The hook's log: one line per call. */
const hookCalls = (file: string) =>
  fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [id, moment, attempt, pid] = line.split(' ');
          return { id: id!, moment: moment!, attempt: Number(attempt), pid: Number(pid) };
        })
    : [];

async function notificationTotal(url: string): Promise<number> {
  const token = await signInDemoUser(url, DOCTOR);
  const res = await callApi(url, 'GET', '/api/notifications?limit=1', token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.total as number;
}

const env = (db: Pick<TestDatabase, 'databaseUrl' | 'dataDir'>, log: string, extra = {}) =>
  engineProcessEnv(db, {
    WORKFLOW_POLL_MS: '0',
    REMINDER_POLL_MS: '20',
    PLUGINS: plugin,
    FORMWORK_TEST_REMINDER_LOG: log,
    ...extra,
  });

describe('reminders across engine processes', () => {
  it('given many due items, when two engine processes poll the same database at once, then each reminder fires exactly once: one reminder row, one notification for the doctor, one hook call', async () => {
    const db = await createTestDatabase();
    cleanup.push(() => db.drop());
    let url = db.databaseUrl;
    if (!url) {
      const host = await EmbeddedPostgres.start(db.dataDir, 40);
      cleanup.push(() => host.stop());
      url = host.url;
    }
    const log = path.join(scratch('formwork-reminders-'), 'hook.log');
    const engines: EngineProcess[] = [];
    cleanup.push(async () => {
      for (const engine of engines) await engine.stop();
    });
    const at = (dataDir: string) => env({ databaseUrl: url, dataDir }, log);
    engines.push(await startEngineProcess(at(scratch('formwork-engine-'))));
    engines.push(await startEngineProcess(at(scratch('formwork-engine-'))));
    const database = await Database.open({
      databaseUrl: url,
      dataDir: db.dataDir,
      logger: createLogger('warn'),
    });
    cleanup.push(() => database.close());

    // One commit makes them all due at once: both pollers (every 20 ms) race for them.
    const due = await writeDueItems(database, 'race');
    expect(due).toBeGreaterThan(200);
    const count = async (sql: string) =>
      Number(
        (await database.sequelize.query<{ n: string }>(sql, { type: QueryTypes.SELECT }))[0]?.n,
      );
    await expect
      .poll(() => count('SELECT count(*) AS n FROM reminders'), { timeout: 60_000, interval: 100 })
      .toBe(due);
    await expect
      .poll(() => hookCalls(log).length, { timeout: 60_000, interval: 100 })
      .toBeGreaterThanOrEqual(due);

    expect(await count('SELECT count(DISTINCT due_item_id) AS n FROM reminders')).toBe(due);
    expect(
      await count(`SELECT count(*) AS n FROM due_items WHERE schedule_id = 'reminder-test'
                   AND reminder_stage = CASE WHEN overdue_date <= current_date THEN 2
                     WHEN occurrence_id LIKE '%-2' THEN 1 ELSE 0 END`),
    ).toBe(due * 1.5);
    expect(await count('SELECT count(*) AS n FROM notifications')).toBe(due);
    expect(await notificationTotal(engines[1]!.url)).toBe(due);
    const calls = hookCalls(log);
    expect(calls).toHaveLength(due);
    expect(new Set(calls.map((c) => c.id)).size).toBe(due);
    expect(calls.every((c) => c.attempt === 1)).toBe(true);
    expect(
      await count(`SELECT count(*) AS n FROM reminder_deliveries WHERE status = 'delivered'`),
    ).toBe(due);
    // Neither poller failed a batch (a claim that let both take an item would fail on the key).
    for (const engine of engines) expect(engine.log()).not.toMatch(/reminder poll failed/);
    const nodes = await database.sequelize.query<{ fired_by: string; n: string }>(
      'SELECT fired_by, count(*) AS n FROM reminders GROUP BY fired_by',
      { type: QueryTypes.SELECT },
    );
    console.log(`reminders fired per engine: ${nodes.map((n) => n.n).join(', ')} of ${due}`);
  }, 420_000);

  it('given due items, when the engine is killed inside the firing transaction, then nothing of that batch was committed or sent; after a restart each reminder fires exactly once', async () => {
    const db = await createTestDatabase();
    cleanup.push(() => db.drop());
    const log = path.join(scratch('formwork-reminders-'), 'hook.log');
    // Migrate and seed, then write the due items with no engine running.
    const first = await startEngineProcess(env(db, log, { REMINDER_POLL_MS: '0' }));
    await first.stop();
    const database = await Database.open({
      databaseUrl: db.databaseUrl,
      dataDir: db.dataDir,
      logger: createLogger('warn'),
    });
    const due = await writeDueItems(database, 'crash');
    await database.close();
    expect(due).toBeGreaterThan(200);

    const crashing = await startEngineProcess(
      env(db, log, { FORMWORK_TEST_CRASH_BEFORE_COMMIT: 'reminder-fire' }),
    );
    cleanup.push(() => crashing.stop());
    expect(await crashing.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(hookCalls(log)).toEqual([]);

    const restarted = await startEngineProcess(env(db, log));
    cleanup.push(() => restarted.stop());
    await expect
      .poll(() => hookCalls(log).length, { timeout: 60_000, interval: 100 })
      .toBeGreaterThanOrEqual(due);
    expect(await notificationTotal(restarted.url)).toBe(due);
    const calls = hookCalls(log);
    expect(calls).toHaveLength(due);
    expect(new Set(calls.map((c) => c.id)).size).toBe(due);
    expect(calls.every((c) => c.pid === restarted.child.pid && c.attempt === 1)).toBe(true);
    expect(restarted.log()).not.toMatch(/reminder poll failed/);
  }, 420_000);
});
