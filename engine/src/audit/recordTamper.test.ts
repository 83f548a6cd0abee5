import { spawnSync } from 'node:child_process';
import { makeResidentIdNumber } from '@formwork/definitions';
import { afterEach, describe, expect, it } from 'vitest';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { IdentityFixture, type TestDatabase } from '../testing/index.js';
import { recordContentHash, recordLinkHash, type RecordAuditContent } from './recordAudit.js';
import { RecordChains } from './RecordChains.js';

/**
 * The acceptance test of the record chains: someone with superuser rights switches the
 * append-only triggers off and edits, deletes or re-hashes the audit event of a submission;
 * `verify` (and `formwork audit verify`) names the county's chain and the row. Every case starts
 * from a fresh engine where five visits were submitted in Minhou (chain 350121) and two in
 * Lianjiang (chain 350122), over HTTP.
 */

const bin = new URL('../../bin/formwork.js', import.meta.url).pathname;
const started: IdentityFixture[] = [];
afterEach(async () => {
  for (const f of started.splice(0)) await f.stop().catch(() => undefined);
});

async function visits(): Promise<IdentityFixture> {
  const f = await IdentityFixture.start();
  started.push(f);
  let serial = 0;
  for (const [org, clinic, count] of [
    ['350121101', '350121101201-V01', 5],
    ['350122101', '350122101201-V01', 2],
  ] as const) {
    const token = await f.login(await f.user('township-phc', org));
    const subject = await f.request('POST', '/api/subjects', token, {
      name: `篡改测试${++serial}`,
      idNumber: makeResidentIdNumber(clinic.slice(0, 6), '1956-07-08', 900 + serial),
      orgCode: clinic,
    });
    expect(subject.status, JSON.stringify(subject.body)).toBe(201);
    for (let i = 0; i < count; i++) {
      const res = await f.request('POST', '/api/submissions', token, {
        formKey: 'hypertension-followup',
        subjectId: subject.body.id,
        data: { ...HT_VISIT, sbp: 130 + i },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  }
  return f;
}

/** What a superuser can do: switch the append-only triggers off, change rows, switch them on. */
async function tamper(f: IdentityFixture, ...statements: string[]): Promise<void> {
  const { database } = f.t.engine;
  await database.transaction(async (transaction) => {
    const q = (sql: string) => database.sequelize.query(sql, { transaction });
    await q('ALTER TABLE record_audit_events DISABLE TRIGGER USER');
    for (const sql of statements) await q(sql);
    await q('ALTER TABLE record_audit_events ENABLE TRIGGER USER');
  });
}

const verify = (f: IdentityFixture) =>
  new RecordChains(f.t.engine.database).verify({ batchSize: 2 });

/** `formwork audit verify` in a child process, on the test's database (the engine stopped). */
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

describe('tampered record chains', () => {
  it('given seven audited visits, when nobody tampers, then the database refuses edits and deletions of the events and any head that does not move one row forward', async () => {
    const f = await visits();
    const { sequelize } = f.t.engine.database;
    await expect(
      sequelize.query(`UPDATE record_audit_events SET details = '{}' WHERE chain = '350121'`),
    ).rejects.toThrow('record_audit_events is append-only');
    await expect(
      sequelize.query(`DELETE FROM record_audit_events WHERE chain = '350122' AND seq = 2`),
    ).rejects.toThrow('record_audit_events is append-only');
    await expect(sequelize.query('TRUNCATE record_audit_events')).rejects.toThrow(
      'record_audit_events is append-only',
    );
    await expect(
      sequelize.query(`UPDATE record_audit_heads SET seq = 3 WHERE chain = '350121'`),
    ).rejects.toThrow('record_audit_heads only move forward one row at a time');
    await expect(
      sequelize.query(`DELETE FROM record_audit_heads WHERE chain = '350122'`),
    ).rejects.toThrow('record_audit_heads cannot be deleted');
    expect(await verify(f)).toEqual({ ok: true, chains: 2, checked: 7 });
  });

  it('given seven audited visits, when a superuser disables the triggers and edits the details of Minhou’s row 3, then verify names chain 350121 row 3 (hash-mismatch), in process and on the command line', async () => {
    const f = await visits();
    await tamper(
      f,
      `UPDATE record_audit_events SET details = jsonb_set(details, '{revision}', '7')
       WHERE chain = '350121' AND seq = 3`,
    );
    const result = await verify(f);
    expect(result).toEqual({
      ok: false,
      chains: 2,
      checked: 2,
      chain: '350121',
      seq: 3,
      problem: 'hash-mismatch',
      message:
        '记录审计链 350121 第 3 行被修改 / record audit chain 350121, row 3 was altered: its content hash does not match its columns',
    });

    // The embedded PGlite allows one process per data directory: stop the engine for the CLI.
    await f.t.engine.stop();
    started.splice(started.indexOf(f), 1);
    try {
      const cli = runVerify(f.t.database);
      expect(cli.status).toBe(1);
      expect(cli.json).toEqual({
        ok: false,
        checked: expect.any(Number),
        records: result,
        signedHeads: expect.objectContaining({ ok: true, checked: 0 }),
      });
      expect(cli.stderr).toContain('record chains checked: 2/7 rows in 2 chains');
      expect(cli.stderr).toContain(
        'formwork: 记录审计链 350121 第 3 行被修改 / record audit chain 350121, row 3 was altered',
      );
    } finally {
      await f.t.database.drop();
    }
  });

  it('given seven audited visits, when Minhou’s row 2 is deleted, then verify names chain 350121 row 2 (gap)', async () => {
    const f = await visits();
    await tamper(f, `DELETE FROM record_audit_events WHERE chain = '350121' AND seq = 2`);
    expect(await verify(f)).toMatchObject({
      ok: false,
      chain: '350121',
      seq: 2,
      problem: 'gap',
      message:
        '记录审计链 350121 第 2 行缺失 / record audit chain 350121, row 2 is missing: the row after 1 is 3',
    });
  });

  it('given seven audited visits, when Lianjiang’s last row is deleted, then verify names chain 350122 row 2 (head-mismatch)', async () => {
    const f = await visits();
    await tamper(f, `DELETE FROM record_audit_events WHERE chain = '350122' AND seq = 2`);
    expect(await verify(f)).toMatchObject({
      ok: false,
      checked: 6,
      chain: '350122',
      seq: 2,
      problem: 'head-mismatch',
      message: expect.stringContaining(
        '记录审计链 350122 第 2 行缺失 / record audit chain 350122, row 2 is missing',
      ),
    });
  });

  it('given seven audited visits, when a forger who knows the algorithm edits Minhou’s row 2 and recomputes both its hashes, then verify fails at row 3 (chain-broken)', async () => {
    const f = await visits();
    const [[row]] = (await f.t.engine.database.sequelize.query(
      `SELECT chain, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
         AS occurred_at, action, outcome, actor_user_id::text AS actor_user_id, actor_username,
         org_unit_code, target_type, target_id, subject_id::text AS subject_id, request_id, ip,
         details, prev_hash
       FROM record_audit_events WHERE chain = '350121' AND seq = 2`,
    )) as unknown as [(RecordAuditContent & { prev_hash: string })[]];
    const { prev_hash: prevHash, ...content } = row!;
    const forged = { ...content, details: { ...content.details, revision: 9 } };
    const contentHash = recordContentHash(forged);
    await tamper(
      f,
      `UPDATE record_audit_events SET details = '${JSON.stringify(forged.details)}',
         content_hash = '${contentHash}', hash = '${recordLinkHash(prevHash, 2, contentHash)}'
       WHERE chain = '350121' AND seq = 2`,
    );
    expect(await verify(f)).toEqual({
      ok: false,
      chains: 2,
      checked: 2,
      chain: '350121',
      seq: 3,
      problem: 'chain-broken',
      message:
        "记录审计链 350121 第 3 行的链接断开 / record audit chain 350121, row 3 is not linked to row 2: its prev_hash is not row 2's hash (row 2 was altered and re-hashed, or replaced)",
    });
  });

  it('given seven audited visits, when a row is slipped in past Lianjiang’s head, then verify names it (head-mismatch)', async () => {
    const f = await visits();
    await tamper(
      f,
      `INSERT INTO record_audit_events (chain, seq, occurred_at, action, outcome, content_hash,
         prev_hash, hash)
       SELECT chain, 3, now(), 'submission.update', 'success', content_hash, hash, hash
       FROM record_audit_events WHERE chain = '350122' AND seq = 2`,
    );
    expect(await verify(f)).toMatchObject({
      ok: false,
      chain: '350122',
      seq: 3,
      problem: 'head-mismatch',
      message: expect.stringContaining('record audit chain 350122, row 3 is beyond the head'),
    });
  });
});
