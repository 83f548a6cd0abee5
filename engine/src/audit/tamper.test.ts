import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { createLogger } from '../logging/createLogger.js';
import { createTestDatabase, type TestDatabase } from '../testing/testDatabase.js';
import type { AuditAction } from './auditActions.js';
import { auditHash } from './auditHash.js';
import { AuditTrail } from './AuditTrail.js';

/**
 * The acceptance test of the audit trail: someone with superuser rights switches the
 * append-only triggers off and edits the table; `verify` (and `formwork audit verify`) names the
 * row. Every case starts from a fresh database holding 20 events.
 */

const bin = new URL('../../bin/formwork.js', import.meta.url).pathname;
const logger = createLogger('silent');
const SUBJECT = '7d5e2c1a-3b4f-4a6e-9c8d-1e2f3a4b5c6d';
const ACTIONS: AuditAction[] = [
  'auth.login.success',
  'subject.view',
  'subject.view-personal-data',
  'enrollment.create',
  'subject.update',
];

interface Trail {
  testDb: TestDatabase;
  database: Database;
  trail: AuditTrail;
}

const opened: Trail[] = [];
afterEach(async () => {
  for (const { database, testDb } of opened.splice(0)) {
    await database.close().catch(() => undefined);
    await testDb.drop();
  }
});

async function open(testDb: TestDatabase): Promise<Database> {
  return Database.open({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir, logger });
}

/** A fresh database with `count` events recorded one by one. */
async function trailOf(count: number): Promise<Trail> {
  const testDb = await createTestDatabase();
  const database = await open(testDb);
  const entry: Trail = { testDb, database, trail: new AuditTrail(database) };
  opened.push(entry);
  await migrate(database, logger);
  for (let i = 0; i < count; i++) {
    await entry.trail.record({
      action: ACTIONS[i % ACTIONS.length]!,
      outcome: 'success',
      actorUsername: `doctor.${i % 3}`,
      orgUnitCode: '110101001',
      subjectId: i % 2 ? SUBJECT : null,
      requestId: `req-${i}`,
      details: { step: i, view: 'masked' },
    });
  }
  return entry;
}

/** What a superuser can do: switch the append-only triggers off, change rows, switch them on. */
async function tamper(database: Database, ...statements: string[]): Promise<void> {
  await database.transaction(async (transaction) => {
    await database.sequelize.query('ALTER TABLE audit_events DISABLE TRIGGER USER', {
      transaction,
    });
    for (const sql of statements) await database.sequelize.query(sql, { transaction });
    await database.sequelize.query('ALTER TABLE audit_events ENABLE TRIGGER USER', {
      transaction,
    });
  });
}

/** `formwork audit verify` in a child process, on the same database as the test. */
function runVerify(testDb: TestDatabase) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: testDb.dataDir,
    LOG_LEVEL: 'warn',
    PLUGINS: 'none',
  };
  if (testDb.databaseUrl) env.DATABASE_URL = testDb.databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawnSync(process.execPath, [bin, 'audit', 'verify', '--batch-size', '3'], {
    env,
    encoding: 'utf8',
  });
  return { status: child.status, json: JSON.parse(child.stdout || 'null'), stderr: child.stderr };
}

describe('a tampered audit trail', () => {
  it('given 20 events, when a superuser disables the triggers and edits the details of row 7, then verify fails naming row 7 (hash-mismatch), in process and on the command line', async () => {
    const entry = await trailOf(20);
    // The embedded PGlite allows one process per data directory: close it for the CLI.
    await entry.database.close();
    const clean = runVerify(entry.testDb);
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.json).toEqual({
      ok: true,
      checked: 20,
      records: { ok: true, chains: 0, checked: 0 },
      signedHeads: {
        checked: 0,
        newestSeq: null,
        ok: true,
        message: '审计链头尚未签名 / the audit head has never been signed',
      },
    });
    expect(clean.stderr).toContain('audit chain checked: 20/20 rows');
    expect(clean.stderr).toContain('record chains checked: 0/0 rows in 0 chains');

    entry.database = await open(entry.testDb);
    await tamper(
      entry.database,
      `UPDATE audit_events SET details = '{"step": 6, "view": "full"}' WHERE seq = 7`,
    );
    const trail = new AuditTrail(entry.database);
    const result = await trail.verify({ batchSize: 4 });
    expect(result).toEqual({
      ok: false,
      checked: 6,
      seq: 7,
      problem: 'hash-mismatch',
      message:
        '审计记录第 7 行被修改 / audit row 7 was altered: its hash does not match its contents',
    });

    await entry.database.close();
    const tampered = runVerify(entry.testDb);
    expect(tampered.status).toBe(1);
    expect(tampered.json).toEqual({
      ...result,
      records: { ok: true, chains: 0, checked: 0 },
      signedHeads: {
        checked: 0,
        newestSeq: null,
        ok: true,
        message: '审计链头尚未签名 / the audit head has never been signed',
      },
    });
    expect(tampered.stderr).toContain('formwork: 审计记录第 7 行被修改 / audit row 7 was altered');
  });

  it('given 20 events, when row 5 is deleted, then verify fails naming row 5 (gap)', async () => {
    const { database, trail } = await trailOf(20);
    await tamper(database, 'DELETE FROM audit_events WHERE seq = 5');
    expect(await trail.verify({ batchSize: 4 })).toEqual({
      ok: false,
      checked: 4,
      seq: 5,
      problem: 'gap',
      message: '审计记录第 5 行缺失 / audit row 5 is missing: the row after 4 is 6',
    });
  });

  it('given 20 events, when the last row is deleted, then verify fails naming row 20 (head-mismatch)', async () => {
    const { database, trail } = await trailOf(20);
    await tamper(database, 'DELETE FROM audit_events WHERE seq = 20');
    expect(await trail.verify({ batchSize: 4 })).toMatchObject({
      ok: false,
      checked: 19,
      seq: 20,
      problem: 'head-mismatch',
      message: expect.stringContaining('审计记录第 20 行缺失 / audit row 20 is missing'),
    });
  });

  it('given 20 events, when a forger who knows the algorithm edits row 7 and recomputes its hash, then verify fails at row 8 (chain-broken)', async () => {
    const { database, trail } = await trailOf(20);
    const [row7] = await trail.list({ before: 8, limit: 1 });
    expect(row7!.seq).toBe(7);
    const forgedDetails = { step: 6, view: 'full' };
    const forgedHash = auditHash(row7!.prevHash, {
      seq: row7!.seq,
      occurred_at: row7!.occurredAt,
      action: row7!.action,
      outcome: row7!.outcome,
      actor_user_id: row7!.actorUserId,
      actor_username: row7!.actorUsername,
      org_unit_code: row7!.orgUnitCode,
      target_type: row7!.targetType,
      target_id: row7!.targetId,
      subject_id: row7!.subjectId,
      request_id: row7!.requestId,
      ip: row7!.ip,
      details: forgedDetails,
    });
    await tamper(
      database,
      `UPDATE audit_events SET details = '${JSON.stringify(forgedDetails)}', hash = '${forgedHash}'
       WHERE seq = 7`,
    );
    expect(await trail.verify({ batchSize: 4 })).toEqual({
      ok: false,
      checked: 7,
      seq: 8,
      problem: 'chain-broken',
      message:
        "审计记录第 8 行的链接断开 / audit row 8 is not linked to row 7: its prev_hash is not row 7's hash (row 7 was altered and re-hashed, or replaced)",
    });
  });

  it('given 20 events, when a row is slipped in past the head, then verify fails naming it (head-mismatch)', async () => {
    const { database, trail } = await trailOf(20);
    const [row20] = await trail.list({ limit: 1 });
    await tamper(
      database,
      `INSERT INTO audit_events (seq, occurred_at, action, outcome, prev_hash, hash)
       VALUES (21, now(), 'export', 'success', '${row20!.hash}', '${'a'.repeat(64)}')`,
    );
    expect(await trail.verify()).toMatchObject({ ok: false, seq: 21, problem: 'head-mismatch' });
  });
});
