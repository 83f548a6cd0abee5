/**
 * The audit trail's head signed with SM2 by the platform certificate: a database superuser who
 * rewrites the whole chain consistently in SQL (triggers off, every hash after the edited row
 * recomputed, the head moved) leaves a chain that verifies by itself — and `formwork audit
 * verify`, loading this plugin, fails naming the signed head, since nobody without the platform
 * key can sign the new head.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../../engine/src/audit/AuditTrail.js';
import { systemClock } from '../../../engine/src/clock.js';
import type { Database } from '../../../engine/src/database/Database.js';
import { migrate } from '../../../engine/src/database/migrate.js';
import { RouteRegistry } from '../../../engine/src/http/RouteRegistry.js';
import { createLogger } from '../../../engine/src/logging/createLogger.js';
import { PluginHost } from '../../../engine/src/plugin-host/PluginHost.js';
import { AuditHeadSigner } from '../../../engine/src/signing/AuditHeadSigner.js';
import {
  auditVerify,
  openDatabase,
  recordEvents,
  rewriteWholeChain,
} from '../../../engine/src/signing/fixtures/auditChain.js';
import { SignerSlot } from '../../../engine/src/signing/SignerSlot.js';
import { createTestDatabase, type TestDatabase } from '../../../engine/src/testing/index.js';

const PLUGIN = '@formwork/plugin-ca-signing';
const logger = createLogger('silent');
const opened: { testDb: TestDatabase; database?: Database }[] = [];
afterEach(async () => {
  for (const entry of opened.splice(0)) {
    await entry.database?.close().catch(() => undefined);
    await entry.testDb.drop();
  }
});

describe('the audit head signed with SM2', () => {
  it('given events recorded and the head signed by the platform certificate, when a superuser rewrites the whole chain in SQL, then formwork audit verify fails naming the signed head', async () => {
    // Given: the plugin started as the engine starts it (its development CA made on first start)
    const testDb = await createTestDatabase();
    const entry: { testDb: TestDatabase; database?: Database } = { testDb };
    opened.push(entry);
    let database = (entry.database = await openDatabase(testDb));
    await migrate(database, logger);
    let trail = new AuditTrail(database);
    await recordEvents(trail, 10);
    const host = new PluginHost(new RouteRegistry(), logger, testDb.dataDir, {
      clickhouseUrl: undefined,
    });
    await host.load([PLUGIN]);
    await host.start();
    const signing = new SignerSlot();
    signing.signer = host.signer;
    const signed = await new AuditHeadSigner({
      database,
      audit: trail,
      signing,
      clock: systemClock,
      logger,
    }).signHead();
    expect(signed).toMatchObject({
      signed: true,
      seq: 10,
      signature: { algorithm: 'SM2-SM3', signer: expect.stringContaining('platform') },
    });
    await database.close();
    const clean = await auditVerify(testDb, [PLUGIN]);
    expect(clean.json).toMatchObject({
      ok: true,
      signedHeads: { ok: true, checked: 1, newestSeq: 10 },
    });
    expect(clean.status).toBe(0);

    // When
    database = entry.database = await openDatabase(testDb);
    trail = new AuditTrail(database);
    await rewriteWholeChain(database, trail, 4);
    expect(await trail.verify()).toEqual({ ok: true, checked: 10 });
    await database.close();

    // Then
    const rewritten = await auditVerify(testDb, [PLUGIN]);
    expect(rewritten.status).toBe(1);
    expect(rewritten.json).toMatchObject({ ok: false, signedHeads: { ok: false, seq: 10 } });
    expect(rewritten.json.signedHeads.message).toMatch(
      /the audit trail was rewritten: signed head at seq 10/,
    );
  });
});
