import { afterEach, describe, expect, it } from 'vitest';
import { AuditTrail } from '../audit/AuditTrail.js';
import { systemClock } from '../clock.js';
import type { Database } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { createLogger } from '../logging/createLogger.js';
import { fakeSigner } from '../specs/fixtures/fakeSignerPlugin.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { AuditHeadSigner } from './AuditHeadSigner.js';
import { SignerSlot } from './SignerSlot.js';
import {
  auditVerify,
  openDatabase as open,
  recordEvents as record,
  rewriteWholeChain,
} from './fixtures/auditChain.js';

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

const verify = (testDb: TestDatabase, plugins: string[] = [signerPlugin]) =>
  auditVerify(testDb, plugins);

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
