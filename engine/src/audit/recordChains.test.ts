import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import type { TestUser } from '../testing/index.js';
import { REFERRAL_OUT } from '../workflows/fixtures/forms.js';
import { WorkflowScenario } from '../workflows/fixtures/workflowScenario.js';
import { RecordChains } from './RecordChains.js';

/*
 * Every write of a resident's record is audited in the record chain of the resident's county, by
 * the write's own statement: a submission, a draft submitted, a task's form, an amendment. Real
 * engine over HTTP; one engine for the file, so each test looks at its own records (and at
 * chains no other test writes to where it counts rows from 1).
 */

const MINHOU_CLINIC = '350121101201-V01';
const LIANJIANG_CLINIC = '350122101201-V01';
const YUNNAN_CLINIC = '530902101201-V01';

const f = new WorkflowScenario();
let users: Record<'township' | 'lianjiang' | 'yunnan', TestUser>;
let token: Record<'township' | 'lianjiang' | 'yunnan', string>;

interface EventRow {
  chain: string;
  seq: number;
  action: string;
  outcome: string;
  actor_user_id: string;
  actor_username: string;
  org_unit_code: string;
  target_type: string;
  target_id: string;
  subject_id: string;
  request_id: string;
  details: Record<string, unknown>;
}

async function query<T>(sql: string, bind: unknown[] = []): Promise<T[]> {
  const [rows] = await f.t.engine.database.sequelize.query(sql, { bind });
  return rows as T[];
}

/** The record-chain events about one submission, in chain order. */
const eventsOf = (submissionId: string) =>
  query<EventRow>(
    `SELECT chain, seq::int AS seq, action, outcome, actor_user_id::text AS actor_user_id,
       actor_username, org_unit_code, target_type, target_id, subject_id::text AS subject_id,
       request_id, details
     FROM record_audit_events WHERE target_id = $1 ORDER BY chain, seq`,
    [submissionId],
  );

/** The seqs of a chain's rows, and its head's seq. */
async function chain(name: string) {
  const rows = await query<{ seq: number }>(
    'SELECT seq::int AS seq FROM record_audit_events WHERE chain = $1 ORDER BY seq',
    [name],
  );
  const [head] = await query<{ seq: number }>(
    'SELECT seq::int AS seq FROM record_audit_heads WHERE chain = $1',
    [name],
  );
  return { seqs: rows.map((r) => r.seq), head: head?.seq ?? 0 };
}

async function count(table: string): Promise<number> {
  const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row!.n;
}

const submit = (as: string, subjectId: string, headers: Record<string, string> = {}) =>
  f.request(
    'POST',
    '/api/submissions',
    as,
    {
      formKey: 'hypertension-followup',
      subjectId,
      data: HT_VISIT,
    },
    headers,
  );

beforeAll(async () => {
  await f.startEngine();
  users = await f.users({
    township: { role: 'township-phc', org: '350121101' },
    lianjiang: { role: 'township-phc', org: '350122101' },
    yunnan: { role: 'township-phc', org: '530902101' },
  });
  token = await f.signIn(users);
}, 60_000);
afterAll(() => f.stop());

describe('writes of a resident’s record in the audit trail', () => {
  it('given a township doctor, when they submit a Minhou resident’s follow-up visit, then one submission.create event naming them, the request, the visit and the resident is in Minhou’s chain, and the resident’s access log shows it', async () => {
    const subjectId = await f.resident(token.township, MINHOU_CLINIC, '1957-05-06', 600);
    const res = await submit(token.township, subjectId);
    expect(res.status, JSON.stringify(res.body)).toBe(201);

    const events = await eventsOf(res.body.id);
    expect(events).toEqual([
      {
        chain: '350121',
        seq: expect.any(Number),
        action: 'submission.create',
        outcome: 'success',
        actor_user_id: users.township.id,
        actor_username: users.township.username,
        org_unit_code: '350121101',
        target_type: 'submission',
        target_id: res.body.id,
        subject_id: subjectId,
        request_id: res.headers.get('x-request-id'),
        // What was written where, never the data (nor anything personal).
        details: {
          formKey: 'hypertension-followup',
          formVersion: '3.0.1',
          releaseId: 'national-phs@3.0.1+fujian@1.2.0',
          revision: 1,
        },
      },
    ]);

    const log = await f.request('GET', `/api/subjects/${subjectId}/access-log`, token.township);
    expect(log.status).toBe(200);
    expect(log.body.entries).toContainEqual(
      expect.objectContaining({
        action: 'submission.create',
        actorUsername: users.township.username,
        orgUnitCode: '350121101',
        chain: '350121',
        seq: events[0]!.seq,
        occurredAt: res.body.createdAt,
      }),
    );
  });

  it('given a resident registered, visited, looked up and corrected a second apart, when their access log is read a page at a time, then views and writes come newest first in time order, each once', async () => {
    const subjectId = await f.resident(token.township, MINHOU_CLINIC, '1957-05-06', 600);
    f.clock.advance(1000);
    const stored = await submit(token.township, subjectId);
    f.clock.advance(1000);
    expect(
      (await f.request('GET', `/api/submissions/${stored.body.id}`, token.township)).status,
    ).toBe(200);
    f.clock.advance(1000);
    const amended = await f.request(
      'PUT',
      `/api/submissions/${stored.body.id}`,
      token.township,
      { data: { ...HT_VISIT, dbp: 80 }, reason: '舒张压更正' },
      { 'if-match': '"1"' },
    );
    expect(amended.status).toBe(200);

    const { audit } = f.t.engine.services;
    const all = await audit.listForSubject(subjectId, { limit: 100 });
    expect(all.map((e) => `${e.action} ${e.chain ?? 'trail'}`)).toEqual([
      'submission.update 350121',
      'subject.view trail',
      'submission.create 350121',
      'subject.create trail',
    ]);
    const paged = [];
    let before: (typeof all)[number] | undefined;
    for (;;) {
      const page = await audit.listForSubject(subjectId, {
        limit: 1,
        ...(before ? { before } : {}),
      });
      if (!page.length) break;
      paged.push(...page);
      before = page.at(-1);
    }
    expect(paged).toEqual(all);
  });

  it('given a submission sent with an Idempotency-Key, when the clinic’s tablet sends it again, then the replay writes no second event and the chain does not move', async () => {
    const subjectId = await f.resident(token.township, MINHOU_CLINIC, '1957-05-06', 600);
    const key = randomUUID();
    const first = await submit(token.township, subjectId, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const before = await chain('350121');
    const again = await submit(token.township, subjectId, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await eventsOf(first.body.id)).toHaveLength(1);
    expect(await chain('350121')).toEqual(before);
  });

  it('given a saved draft, when the doctor submits it, then one submission.create event names the draft; submitting it again is refused and writes none', async () => {
    const subjectId = await f.resident(token.township, MINHOU_CLINIC, '1957-05-06', 600);
    const draft = await f.request('POST', '/api/drafts', token.township, {
      formKey: 'hypertension-followup',
      subjectId,
      data: HT_VISIT,
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const submitted = await f.request(
      'POST',
      `/api/drafts/${draft.body.id}/submit`,
      token.township,
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const before = await chain('350121');
    const twice = await f.request('POST', `/api/drafts/${draft.body.id}/submit`, token.township);
    expect(twice.status).toBe(404);

    const events = await eventsOf(submitted.body.id);
    expect(events).toEqual([
      expect.objectContaining({
        chain: '350121',
        action: 'submission.create',
        actor_user_id: users.township.id,
        subject_id: subjectId,
        request_id: submitted.headers.get('x-request-id'),
        details: expect.objectContaining({ revision: 1, draftId: draft.body.id }),
      }),
    ]);
    expect(await chain('350121')).toEqual(before);
  });

  it('given a stored visit, when the doctor corrects the blood pressure with a reason, then one submission.update event records revision 2 and the changed field but not the reason’s text; a stale correction writes none', async () => {
    const subjectId = await f.resident(token.township, MINHOU_CLINIC, '1957-05-06', 600);
    const stored = await submit(token.township, subjectId);
    const amend = (ifMatch: string) =>
      f.request(
        'PUT',
        `/api/submissions/${stored.body.id}`,
        token.township,
        { data: { ...HT_VISIT, sbp: 128 }, reason: '血压录入错误，患者电话 13812345678 核实' },
        { 'if-match': ifMatch },
      );
    const amended = await amend('"1"');
    expect(amended.status, JSON.stringify(amended.body)).toBe(200);
    const before = await chain('350121');
    expect((await amend('"1"')).status).toBe(409);
    expect(await chain('350121')).toEqual(before);

    const events = await eventsOf(stored.body.id);
    expect(events.map((e) => e.action)).toEqual(['submission.create', 'submission.update']);
    expect(events[1]).toMatchObject({
      chain: '350121',
      seq: events[0]!.seq + 1,
      actor_user_id: users.township.id,
      subject_id: subjectId,
      request_id: amended.headers.get('x-request-id'),
      details: {
        formKey: 'hypertension-followup',
        formVersion: '3.0.1',
        releaseId: 'national-phs@3.0.1+fujian@1.2.0',
        revision: 2,
        changed: ['/sbp'],
      },
    });
    expect(JSON.stringify(events[1]!.details)).not.toMatch(/13812345678|录入错误/);
  });

  it('given a referral, when the township doctor completes the slip task, then its submission is audited as submission.create with the doctor and the completion’s request', async () => {
    const subjectId = await f.resident(token.township, MINHOU_CLINIC, '1957-05-06', 600);
    const { id } = await f.start('two-way-referral', token.township, {
      subjectId,
      businessKey: `audited-${subjectId}`,
    });
    const fill = await f.openTask(token.township, id, 'UserTask_fill');
    const res = await f.attempt(token.township, fill, { data: REFERRAL_OUT });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const submissionId = res.body.task.submissionId as string;

    expect(await eventsOf(submissionId)).toEqual([
      expect.objectContaining({
        chain: '350121',
        action: 'submission.create',
        actor_user_id: users.township.id,
        actor_username: users.township.username,
        target_type: 'submission',
        target_id: submissionId,
        subject_id: subjectId,
        request_id: res.headers.get('x-request-id'),
        details: expect.objectContaining({ formKey: 'referral-out', revision: 1 }),
      }),
    ]);
  });

  it('given the audit event cannot be written, when a visit is submitted, then neither the visit nor any event is stored, and the retry with the same key stores both', async () => {
    const subjectId = await f.resident(token.township, MINHOU_CLINIC, '1957-05-06', 600);
    const { sequelize } = f.t.engine.database;
    await sequelize.query(`CREATE FUNCTION test_record_audit_down() RETURNS trigger
      LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'record audit unavailable'; END $$`);
    await sequelize.query(`CREATE TRIGGER test_record_audit_down
      BEFORE INSERT ON record_audit_events
      FOR EACH ROW EXECUTE FUNCTION test_record_audit_down()`);
    const key = randomUUID();
    const before = {
      submissions: await count('submissions'),
      events: await count('record_audit_events'),
      chain: await chain('350121'),
    };
    try {
      const failed = await submit(token.township, subjectId, { 'idempotency-key': key });
      expect(failed.status).toBe(500);
      expect({
        submissions: await count('submissions'),
        events: await count('record_audit_events'),
        chain: await chain('350121'),
      }).toEqual(before);
    } finally {
      await sequelize.query('DROP TRIGGER test_record_audit_down ON record_audit_events');
      await sequelize.query('DROP FUNCTION test_record_audit_down()');
    }
    const retried = await submit(token.township, subjectId, { 'idempotency-key': key });
    expect(retried.status).toBe(201);
    expect(await eventsOf(retried.body.id)).toHaveLength(1);
    expect((await chain('350121')).head).toBe(before.chain.head + 1);
  });

  it('given visits in Minhou and in Lianjiang, then each county has its own chain numbered from 1, and both verify', async () => {
    const lianjiang = await f.resident(token.lianjiang, LIANJIANG_CLINIC, '1961-02-03', 700);
    const minhou = await f.resident(token.township, MINHOU_CLINIC, '1957-05-06', 600);
    const minhouBefore = await chain('350121');
    for (let i = 0; i < 2; i++) {
      expect((await submit(token.lianjiang, lianjiang)).status).toBe(201);
      expect((await submit(token.township, minhou)).status).toBe(201);
    }
    expect(await chain('350122')).toEqual({ seqs: [1, 2], head: 2 });
    const minhouAfter = await chain('350121');
    expect(minhouAfter.head).toBe(minhouBefore.head + 2);
    expect(minhouAfter.seqs).toEqual(Array.from({ length: minhouAfter.head }, (_, i) => i + 1));

    const verified = await new RecordChains(f.t.engine.database).verify({ batchSize: 3 });
    expect(verified).toEqual({
      ok: true,
      chains: 2,
      checked: minhouAfter.head + 2,
    });
  });

  it('given 20 visits submitted at the same moment in one county, then its chain holds rows 1 to 20 without a gap and verifies', async () => {
    const subjectId = await f.resident(token.yunnan, YUNNAN_CLINIC, '1950-09-09', 800);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        submit(token.yunnan, subjectId, { 'idempotency-key': randomUUID() }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(await chain('530902')).toEqual({
      seqs: Array.from({ length: 20 }, (_, i) => i + 1),
      head: 20,
    });
    const ids = new Set(
      (
        await query<{ target_id: string }>(
          'SELECT target_id FROM record_audit_events WHERE chain = $1',
          ['530902'],
        )
      ).map((r) => r.target_id),
    );
    expect(ids).toEqual(new Set(results.map((r) => r.body.id as string)));
    // Minhou's, Lianjiang's (earlier tests) and this one, read 8 rows at a time.
    const total = await count('record_audit_events');
    const progress: [number, number][] = [];
    const verified = await new RecordChains(f.t.engine.database).verify({
      batchSize: 8,
      onProgress: (checked, of) => progress.push([checked, of]),
    });
    expect(verified).toEqual({ ok: true, chains: 3, checked: total });
    expect(progress[0]).toEqual([0, total]);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress).toHaveLength(2 + Math.floor(total / 8));
  });
});
