import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { createLogger } from '../logging/createLogger.js';
import { createTestDatabase, type TestDatabase } from '../testing/testDatabase.js';
import { auditHash, GENESIS_HASH } from './auditHash.js';
import { AuditTrail } from './AuditTrail.js';
import { AuditPersonalDataError } from './personalDataGuard.js';

const SUBJECT = '7d5e2c1a-3b4f-4a6e-9c8d-1e2f3a4b5c6d';
const ACTOR = '0b8f6a2e-9d4c-4e1b-8a7f-5c6d7e8f9a0b';

describe('AuditTrail', () => {
  let testDb: TestDatabase;
  let database: Database;
  let trail: AuditTrail;
  const logger = createLogger('silent');

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = await Database.open({
      databaseUrl: testDb.databaseUrl,
      dataDir: testDb.dataDir,
      logger,
    });
    await migrate(database, logger);
    trail = new AuditTrail(database);
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  async function rows(): Promise<{ seq: string; prev_hash: string; hash: string }[]> {
    const [result] = await database.sequelize.query(
      'SELECT seq::text AS seq, prev_hash, hash FROM audit_events ORDER BY audit_events.seq',
    );
    return result as { seq: string; prev_hash: string; hash: string }[];
  }

  it('given 200 concurrent writers, when each records in its own transaction, then seqs are 1..200, every row links to the one before and verify is ok', async () => {
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        trail.record({
          action: 'subject.view',
          outcome: 'success',
          actorUserId: ACTOR,
          actorUsername: 'doctor.li',
          orgUnitCode: '110101001',
          targetType: 'subject',
          targetId: SUBJECT,
          subjectId: SUBJECT,
          requestId: `req-${i}`,
          ip: '127.0.0.1',
          details: { view: 'masked', n: i },
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `[figure] audit record, 200 concurrent transactions on ${testDb.kind}: ${(200 / seconds).toFixed(0)} events/s`,
    );

    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
    const stored = await rows();
    expect(stored.map((r) => Number(r.seq))).toEqual(results.map((_, i) => i + 1));
    stored.forEach((row, i) => {
      expect(row.prev_hash).toBe(i === 0 ? GENESIS_HASH : stored[i - 1]!.hash);
    });
    expect(await trail.head()).toEqual({ seq: 200, hash: stored[199]!.hash });

    const verifyStarted = performance.now();
    expect(await trail.verify()).toEqual({ ok: true, checked: 200 });
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    console.info(
      `[figure] audit verify, 200 rows on ${testDb.kind}: ${(200 / verifySeconds).toFixed(0)} rows/s`,
    );

    const progress: [number, number][] = [];
    expect(
      await trail.verify({ batchSize: 64, onProgress: (c, t) => progress.push([c, t]) }),
    ).toEqual({ ok: true, checked: 200 });
    expect(progress).toEqual([
      [0, 200],
      [64, 200],
      [128, 200],
      [192, 200],
      [200, 200],
    ]);
  });

  it('given a business transaction, when it rolls back after recording, then no row and no gap remain', async () => {
    const before = (await trail.head())!;
    await expect(
      database.transaction(async (transaction) => {
        const { seq } = await trail.record(
          { action: 'subject.update', outcome: 'success', subjectId: SUBJECT },
          transaction,
        );
        expect(seq).toBe(before.seq + 1);
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    expect(await trail.head()).toEqual(before);

    const committed = await database.transaction((transaction) =>
      trail.record(
        { action: 'subject.update', outcome: 'success', subjectId: SUBJECT },
        transaction,
      ),
    );
    expect(committed.seq).toBe(before.seq + 1);
    expect(await trail.verify()).toEqual({ ok: true, checked: before.seq + 1 });
  });

  it('given a worklist page of 20 residents, when their views are recorded at once, then they take the next 20 seqs in order, the chain verifies, and it costs 3 statements, not 2 per resident', async () => {
    const before = (await trail.head())!;
    const events = Array.from({ length: 20 }, (_, i) => ({
      action: 'subject.view' as const,
      outcome: 'success' as const,
      actorUserId: ACTOR,
      actorUsername: 'doctor.li',
      targetType: 'subject',
      targetId: `resident-${i}`,
      subjectId: SUBJECT,
      details: { via: 'worklist', row: i },
    }));
    const statements = await database.transaction(async (transaction) => {
      const start = database.statementCount;
      await trail.recordAll(events, transaction);
      return database.statementCount - start;
    });
    expect(statements).toBe(3);
    const after = (await trail.head())!;
    expect(after.seq).toBe(before.seq + 20);
    const added = (await rows()).slice(before.seq);
    expect(added.map((r) => Number(r.seq))).toEqual(
      Array.from({ length: 20 }, (_, i) => before.seq + 1 + i),
    );
    expect(added[0]!.prev_hash).toBe(before.hash);
    expect(added.at(-1)!.hash).toBe(after.hash);
    expect(await trail.verify()).toEqual({ ok: true, checked: after.seq });
  });

  it('given recorded rows, when SQL tries to UPDATE, DELETE or TRUNCATE them or delete the head, then the triggers refuse', async () => {
    const refusals = [
      ["UPDATE audit_events SET details = '{}' WHERE seq = 1", 'audit_events is append-only'],
      ['DELETE FROM audit_events WHERE seq = 1', 'audit_events is append-only'],
      ['TRUNCATE audit_events', 'audit_events is append-only'],
      ['DELETE FROM audit_head', 'audit_head cannot be deleted'],
      ['TRUNCATE audit_head', 'audit_head cannot be deleted'],
      ['UPDATE audit_head SET seq = seq - 1', 'audit_head only moves forward'],
      // A jump over rows that were never written (hiding what comes next) is refused too.
      ['UPDATE audit_head SET seq = seq + 5', 'audit_head only moves forward onto rows'],
    ] as const;
    for (const [sql, message] of refusals) {
      await expect(database.sequelize.query(sql), sql).rejects.toThrow(message);
    }
    expect(await trail.verify()).toMatchObject({ ok: true });
  });

  it('given details carrying a resident ID number or a mobile number, when recorded, then the guard refuses it and nothing is written', async () => {
    const before = (await trail.head())!;
    await expect(
      trail.record({
        action: 'subject.create',
        outcome: 'success',
        details: { note: '身份证 11010519491231002X' },
      }),
    ).rejects.toThrow(AuditPersonalDataError);
    await expect(
      trail.record({
        action: 'subject.update',
        outcome: 'success',
        details: { changed: [{ field: 'phone', to: '138-1234-5678' }] },
      }),
    ).rejects.toThrow('details.changed[0].to looks like a 手机号 / mobile number');
    expect(await trail.head()).toEqual(before);
  });

  it('given a submission’s write, when someone records it through the trail instead of the write itself, then it is refused and nothing is written (it belongs to the county’s record chain)', async () => {
    const before = (await trail.head())!;
    for (const action of ['submission.create', 'submission.update'] as const) {
      await expect(trail.record({ action, outcome: 'success' })).rejects.toThrow(
        `"${action}" is recorded by the record's own write, in its county's record chain`,
      );
    }
    expect(await trail.head()).toEqual(before);
  });

  it('given text PostgreSQL cannot store (NUL, an unpaired surrogate) typed by a client, when recorded, then it is stored as U+FFFD and the chain still verifies', async () => {
    const { seq } = await trail.record({
      action: 'auth.login.failure',
      outcome: 'failure',
      actorUsername: 'admin\u0000\ud800',
      details: { reason: 'unknown-user', 'typed\udc00': ['x\u0000'] },
    });
    const [event] = await trail.list({ action: 'auth.login.failure', limit: 1 });
    expect(event).toMatchObject({
      seq,
      actorUsername: 'admin\ufffd\ufffd',
      details: { reason: 'unknown-user', 'typed\ufffd': ['x\ufffd'] },
    });
    expect(await trail.verify()).toMatchObject({ ok: true });
  });

  it('given an event, when it is recorded, then its hash is sha256(prev_hash, newline, canonical JSON of its columns)', async () => {
    const at = new Date('2025-03-01T08:00:00.123Z');
    const fixed = new AuditTrail(database, { now: () => at });
    const before = (await fixed.head())!;
    const { seq, hash } = await fixed.record({
      action: 'export',
      outcome: 'success',
      actorUserId: ACTOR.toUpperCase(),
      details: { z: 1, a: { y: [true, null, 'x'], b: -0 }, skipped: undefined },
    });
    expect(hash).toBe(
      auditHash(before.hash, {
        seq,
        occurred_at: '2025-03-01T08:00:00.123Z',
        action: 'export',
        outcome: 'success',
        actor_user_id: ACTOR,
        actor_username: null,
        org_unit_code: null,
        target_type: null,
        target_id: null,
        subject_id: null,
        request_id: null,
        ip: null,
        details: { a: { b: 0, y: [true, null, 'x'] }, z: 1 },
      }),
    );
    const [event] = await fixed.list({ action: 'export', limit: 1 });
    expect(event).toMatchObject({
      seq,
      occurredAt: '2025-03-01T08:00:00.123Z',
      actorUserId: ACTOR,
    });
    expect(await fixed.verify()).toMatchObject({ ok: true });
  });

  it('given events about a resident, when listed for the subject, then who, for which org, did what and when come newest first, a page at a time, the unmasked view with the reason its viewer gave', async () => {
    const other = '11111111-2222-4333-8444-555555555555';
    const clock = { now: () => new Date('2025-04-01T00:00:00.000Z') };
    const fixed = new AuditTrail(database, clock);
    const mine = [];
    for (const [action, username] of [
      ['subject.view', 'nurse.wang'],
      ['subject.view-personal-data', 'doctor.zhao'],
      ['subject.update', 'doctor.zhao'],
    ] as const) {
      mine.push(
        await fixed.record({
          action,
          outcome: 'success',
          actorUsername: username,
          orgUnitCode: '110101001',
          subjectId: other,
          ...(action === 'subject.view-personal-data'
            ? { details: { reason: '随访核对身份' } }
            : {}),
        }),
      );
    }
    const firstPage = await fixed.listForSubject(other, { limit: 2 });
    expect(firstPage).toEqual([
      {
        chain: null,
        seq: mine[2]!.seq,
        occurredAt: '2025-04-01T00:00:00.000Z',
        action: 'subject.update',
        outcome: 'success',
        actorUsername: 'doctor.zhao',
        orgUnitCode: '110101001',
        reason: null,
      },
      expect.objectContaining({
        seq: mine[1]!.seq,
        action: 'subject.view-personal-data',
        reason: '随访核对身份',
      }),
    ]);
    const secondPage = await fixed.listForSubject(other, { limit: 2, before: firstPage[1]! });
    expect(secondPage).toEqual([
      expect.objectContaining({ seq: mine[0]!.seq, actorUsername: 'nurse.wang', reason: null }),
    ]);

    const byActor = await fixed.list({ actorUserId: ACTOR, action: 'subject.view', limit: 5 });
    expect(byActor).toHaveLength(5);
    expect(byActor.every((e) => e.actorUserId === ACTOR && e.action === 'subject.view')).toBe(true);
    expect(await fixed.list({ orgUnitCodes: ['110101001'], limit: 1000 })).toHaveLength(203);
    expect(await fixed.list({ orgUnitCodes: [], limit: 10 })).toEqual([]);
    expect(
      await fixed.list({
        from: new Date('2025-04-01T00:00:00.000Z'),
        to: new Date('2025-04-01T00:00:00.001Z'),
        limit: 10,
      }),
    ).toHaveLength(3);
  });
});
