import { afterEach, describe, expect, it, vi } from 'vitest';
import { auditHash } from '../audit/auditHash.js';
import { AuditTrail } from '../audit/AuditTrail.js';
import { auditVerifyCommand } from '../cli/auditCommand.js';
import { systemClock } from '../clock.js';
import { Database } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { createLogger } from '../logging/createLogger.js';
import { fakeSigner } from '../specs/fixtures/fakeSignerPlugin.js';
import { createTestDatabase, testEngineConfig, type TestDatabase } from '../testing/index.js';
import { AuditHeadSigner } from './AuditHeadSigner.js';
import { SignerSlot } from './SignerSlot.js';

/**
 * The signed head of the audit trail: a superuser who switches the triggers off and rewrites the
 * whole chain consistently (every hash after the edited row recomputed, the head moved with it)
 * leaves a chain that verifies; the head signed before does not match it, and `formwork audit
 * verify` says so, naming the signed seq.
 */
const logger = createLogger('silent');
const signerPlugin = new URL('../specs/fixtures/fakeSignerPlugin.ts', import.meta.url).pathname;

const opened: { testDb: TestDatabase; database?: Database }[] = [];
afterEach(async () => {
  for (const entry of opened.splice(0)) {
    await entry.database?.close().catch(() => undefined);
    await entry.testDb.drop();
  }
});

const open = (testDb: TestDatabase) =>
  Database.open({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir, logger });

async function record(trail: AuditTrail, count: number, from = 0) {
  for (let i = from; i < from + count; i++)
    await trail.record({
      action: 'subject.view',
      outcome: 'success',
      actorUsername: `doctor.${i % 3}`,
      orgUnitCode: '350121101',
      requestId: `req-${i}`,
      details: { step: i },
    });
}

/** `formwork audit verify` in process (the database closed: one process per PGlite directory). */
async function verify(testDb: TestDatabase, plugins: string[] = [signerPlugin]) {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const progress = Object.assign(new (await import('node:stream')).PassThrough(), {
    isTTY: false,
  });
  try {
    const status = await auditVerifyCommand(testEngineConfig(testDb, { plugins }), {
      progress,
    });
    return {
      status,
      json: JSON.parse(out.join('')) as {
        ok: boolean;
        signedHeads: { ok: boolean; message?: string };
      },
    };
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}

/** What a superuser can do: rewrite row `seq`'s details and re-hash every row after it, and the head. */
async function rewriteWholeChain(database: Database, trail: AuditTrail, seq: number) {
  const rows = (await trail.list({ limit: 1000 })).reverse();
  await database.transaction(async (transaction) => {
    const q = (sql: string, bind: unknown[] = []) =>
      database.sequelize.query(sql, { bind, transaction });
    await q('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await q('ALTER TABLE audit_head DISABLE TRIGGER USER');
    let prev = rows[seq - 2]!.hash;
    for (const row of rows.slice(seq - 1)) {
      const details = row.seq === seq ? { step: 999, rewritten: true } : row.details;
      const hash = auditHash(prev, {
        seq: row.seq,
        occurred_at: row.occurredAt,
        action: row.action,
        outcome: row.outcome,
        actor_user_id: row.actorUserId,
        actor_username: row.actorUsername,
        org_unit_code: row.orgUnitCode,
        target_type: row.targetType,
        target_id: row.targetId,
        subject_id: row.subjectId,
        request_id: row.requestId,
        ip: row.ip,
        details: details as never,
      });
      await q(
        'UPDATE audit_events SET details = $2::jsonb, prev_hash = $3, hash = $4 WHERE seq = $1',
        [row.seq, JSON.stringify(details), prev, hash],
      );
      prev = hash;
    }
    await q('UPDATE audit_head SET hash = $1 WHERE id = 1', [prev]);
    await q('ALTER TABLE audit_events ENABLE TRIGGER USER');
    await q('ALTER TABLE audit_head ENABLE TRIGGER USER');
  });
}

describe('the signed audit head', () => {
  it('given events recorded and the head signed, when a superuser rewrites the whole chain consistently in SQL, then the chain alone verifies but `formwork audit verify` fails naming the signed head', async () => {
    // Given
    const testDb = await createTestDatabase();
    const entry: { testDb: TestDatabase; database?: Database } = { testDb };
    opened.push(entry);
    let database = (entry.database = await open(testDb));
    await migrate(database, logger);
    let trail = new AuditTrail(database);
    await record(trail, 12);
    const signing = new SignerSlot();
    signing.signer = fakeSigner();
    const heads = () =>
      new AuditHeadSigner({ database, audit: trail, signing, clock: systemClock, logger });
    const first = await heads().signHead();
    expect(first).toMatchObject({
      signed: true,
      seq: 12,
      signature: { signer: expect.any(String) },
    });
    // A head that has not moved is not signed again
    expect(await heads().signHead()).toMatchObject({ signed: false, seq: 12 });
    await record(trail, 3, 12);
    expect(await heads().signHead()).toMatchObject({ signed: true, seq: 15 });
    await database.close();

    const clean = await verify(testDb);
    expect(clean.status).toBe(0);
    expect(clean.json).toMatchObject({
      ok: true,
      checked: 15,
      signedHeads: { checked: 2, newestSeq: 15, ok: true },
    });

    // When a superuser rewrites row 5 and every hash after it, and the head
    database = entry.database = await open(testDb);
    trail = new AuditTrail(database);
    await rewriteWholeChain(database, trail, 5);
    expect(await trail.verify()).toEqual({ ok: true, checked: 15 });
    await database.close();

    // Then
    const rewritten = await verify(testDb);
    expect(rewritten.status).toBe(1);
    expect(rewritten.json).toMatchObject({
      ok: false,
      checked: 15,
      records: { ok: true },
      signedHeads: { ok: false, checked: 0, seq: 12 },
    });
    expect(rewritten.json.signedHeads.message).toMatch(
      /the audit trail was rewritten: signed head at seq 12/,
    );
  });

  it('given no signature at all, then `formwork audit verify` passes as before (saying the head was never signed); given a signature but no signing plugin, it cannot vouch for it and fails', async () => {
    const testDb = await createTestDatabase();
    const entry: { testDb: TestDatabase; database?: Database } = { testDb };
    opened.push(entry);
    const database = (entry.database = await open(testDb));
    await migrate(database, logger);
    const trail = new AuditTrail(database);
    await record(trail, 4);
    await database.close();
    const plain = await verify(testDb, []);
    expect(plain.status).toBe(0);
    expect(plain.json).toMatchObject({
      ok: true,
      checked: 4,
      signedHeads: { ok: true, checked: 0, newestSeq: null },
    });

    entry.database = await open(testDb);
    const signing = new SignerSlot();
    signing.signer = fakeSigner();
    await new AuditHeadSigner({
      database: entry.database,
      audit: new AuditTrail(entry.database),
      signing,
      clock: systemClock,
    }).signHead();
    await entry.database.close();
    const noSigner = await verify(testDb, []);
    expect(noSigner.status).toBe(1);
    expect(noSigner.json.signedHeads).toMatchObject({ ok: false, seq: 4 });
    expect(noSigner.json.signedHeads.message).toMatch(/no signing plugin is loaded/);
  });
});
