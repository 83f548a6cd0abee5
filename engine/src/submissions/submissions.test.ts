import { randomUUID } from 'node:crypto';
import { makeResidentIdNumber } from '@formwork/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture } from '../testing/index.js';
import { HT_VISIT } from './fixtures/hypertensionVisit.js';

const CLINIC = '350121101201-V01';
const OTHER_PROVINCE_CLINIC = '530902101201-V01';
let f: IdentityFixture;
let token: string;
let serial = 0;

async function resident(orgCode = CLINIC, as = token): Promise<string> {
  serial++;
  const idNumber = makeResidentIdNumber(orgCode.slice(0, 6), '1958-03-14', 300 + serial);
  const res = await f.request('POST', '/api/subjects', as, {
    name: `随访对象${serial}`,
    idNumber,
    orgCode,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const submit = (body: unknown, headers: Record<string, string> = {}, as = token) =>
  f.request('POST', '/api/submissions', as, body, headers);

async function count(table: string): Promise<number> {
  const [rows] = await f.t.engine.database.sequelize.query(
    `SELECT count(*)::int AS n FROM ${table}`,
  );
  return (rows as { n: number }[])[0]!.n;
}

async function counts() {
  return {
    submissions: await count('submissions'),
    revisions: await count('submission_revisions'),
    outbox: await count('outbox'),
    keys: await count('idempotency_keys'),
  };
}

beforeAll(async () => {
  f = await IdentityFixture.start();
  const doctor = await f.user('township-phc', '350121101');
  token = await f.login(doctor);
});
afterAll(() => f?.stop());

describe('submitting a follow-up visit', () => {
  it('given a resident in Minhou, when a visit is submitted, then it is stored pinned to the Fujian release with calculated fields recomputed', async () => {
    const subjectId = await resident();
    const res = await submit({
      formKey: 'hypertension-followup',
      subjectId,
      data: { ...HT_VISIT, bmi: 99 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      subjectId,
      formKey: 'hypertension-followup',
      formVersion: '3.0.1',
      releaseId: 'national-phs@3.0.1+fujian@1.2.0',
      revision: 1,
      rowVersion: 1,
    });
    // BMI is computed by the server from weight and height, whatever the client sent.
    expect(res.body.data.bmi).toBeCloseTo(24.2, 1);
    expect(res.headers.get('etag')).toBe('"1"');

    const read = await f.request('GET', `/api/submissions/${res.body.id}`, token);
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual(res.body.data);
  });

  it('given a resident in Yunnan outside the caller’s scope, when a visit is submitted for them, then 404 and nothing is stored', async () => {
    const yunnanDoctor = await f.user('township-phc', '530902101');
    const yunnanToken = await f.login(yunnanDoctor);
    const outsider = await resident(OTHER_PROVINCE_CLINIC, yunnanToken);
    const before = await counts();
    const res = await submit({
      formKey: 'hypertension-followup',
      subjectId: outsider,
      data: HT_VISIT,
    });
    expect(res.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('given invalid data, when submitted, then 422 lists each field path with zh and en messages and nothing is stored', async () => {
    const subjectId = await resident();
    const before = await counts();
    const res = await submit(
      {
        formKey: 'hypertension-followup',
        subjectId,
        data: { ...HT_VISIT, sbp: 350, adverseReaction: '2', classification: '3' },
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    const errors = res.body.error.details.errors as {
      path: string;
      message: { zh: string; en: string };
    }[];
    expect(errors.map((e) => e.path).sort()).toEqual(['/adverseReactionText', '/sbp']);
    for (const e of errors) {
      expect(e.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(e.message.en).toMatch(/[a-z]/);
    }
    expect(await counts()).toEqual(before);
  });

  it('given a form the release does not have, when submitted, then 422 names the form key', async () => {
    const subjectId = await resident();
    const res = await submit({ formKey: 'no-such-form', subjectId, data: {} });
    expect(res.status).toBe(422);
    expect(res.body.error.details.errors[0].path).toBe('/formKey');
  });

  it('given malformed JSON, when posted, then 400 and nothing is stored', async () => {
    const before = await counts();
    const res = await fetch(`${f.url}/api/submissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"formKey": "hypertension-followup", ',
    });
    expect(res.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('given a body over the size limit, when posted, then 413 and nothing is stored', async () => {
    const subjectId = await resident();
    const before = await counts();
    const res = await submit({
      formKey: 'hypertension-followup',
      subjectId,
      data: { ...HT_VISIT, doctorSignature: 'x'.repeat(2_000_000) },
    });
    expect(res.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it('given a value of a field hidden for this data, when submitted, then it is dropped and reported', async () => {
    const subjectId = await resident();
    const res = await submit({
      formKey: 'hypertension-followup',
      subjectId,
      data: { ...HT_VISIT, adverseReactionText: '不应保存' },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.adverseReactionText).toBeUndefined();
    expect(res.body.dropped).toEqual(['/adverseReactionText']);
  });
});

describe('retrying a submission with an Idempotency-Key', () => {
  it('given fifty concurrent POSTs with the same key, then exactly one submission is stored and every response body is identical', async () => {
    const subjectId = await resident();
    const before = await counts();
    const key = randomUUID();
    const body = { formKey: 'hypertension-followup', subjectId, data: HT_VISIT };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        fetch(`${f.url}/api/submissions`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': key,
          },
          body: JSON.stringify(body),
        }),
      ),
    );
    const texts = await Promise.all(responses.map((r) => r.text()));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(texts).size).toBe(1);
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(
      49,
    );
    expect(await counts()).toEqual({
      submissions: before.submissions + 1,
      revisions: before.revisions + 1,
      outbox: before.outbox + 1,
      keys: before.keys + 1,
    });
  });

  it('given a key already used, when reused for a different body, then 422 and nothing more is stored', async () => {
    const subjectId = await resident();
    const key = randomUUID();
    const first = await submit(
      { formKey: 'hypertension-followup', subjectId, data: HT_VISIT },
      { 'idempotency-key': key },
    );
    expect(first.status).toBe(201);
    const before = await counts();
    const second = await submit(
      { formKey: 'hypertension-followup', subjectId, data: { ...HT_VISIT, sbp: 134 } },
      { 'idempotency-key': key },
    );
    expect(second.status).toBe(422);
    expect(second.body.error.code).toBe('idempotency_key_reused');
    expect(await counts()).toEqual(before);
  });

  it('given a malformed key, when posted, then 400', async () => {
    const subjectId = await resident();
    const res = await submit(
      { formKey: 'hypertension-followup', subjectId, data: HT_VISIT },
      { 'idempotency-key': 'short' },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_idempotency_key');
  });

  it('given the database fails halfway through the statement, then no partial rows are left and the key is free for the retry', async () => {
    const subjectId = await resident();
    const { sequelize } = f.t.engine.database;
    await sequelize.query(`CREATE FUNCTION test_outbox_down() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$`);
    await sequelize.query(`CREATE TRIGGER test_outbox_down BEFORE INSERT ON outbox
      FOR EACH ROW EXECUTE FUNCTION test_outbox_down()`);
    const before = await counts();
    const key = randomUUID();
    const body = { formKey: 'hypertension-followup', subjectId, data: HT_VISIT };
    try {
      const failed = await submit(body, { 'idempotency-key': key });
      expect(failed.status).toBe(500);
      expect(await counts()).toEqual(before);
    } finally {
      await sequelize.query('DROP TRIGGER test_outbox_down ON outbox');
      await sequelize.query('DROP FUNCTION test_outbox_down()');
    }
    const retried = await submit(body, { 'idempotency-key': key });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('amending a submission', () => {
  async function stored() {
    const subjectId = await resident();
    const res = await submit({ formKey: 'hypertension-followup', subjectId, data: HT_VISIT });
    expect(res.status).toBe(201);
    return res.body as { id: string; data: Record<string, unknown> };
  }
  const amend = (id: string, body: unknown, ifMatch?: string) =>
    f.request('PUT', `/api/submissions/${id}`, token, body, ifMatch ? { 'if-match': ifMatch } : {});

  it('given the row version read, when amended, then a new revision records who changed which fields and why, and the first stays readable', async () => {
    const { id } = await stored();
    const res = await amend(id, { data: { ...HT_VISIT, sbp: 128 }, reason: '录入错误更正' }, '"1"');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ revision: 2, rowVersion: 2 });
    expect(res.headers.get('etag')).toBe('"2"');

    const revisions = await f.request('GET', `/api/submissions/${id}/revisions`, token);
    expect(revisions.body.revisions).toMatchObject([
      { revision: 1, changed: [], reason: null },
      { revision: 2, changed: ['/sbp'], reason: '录入错误更正' },
    ]);
    const first = await f.request('GET', `/api/submissions/${id}/revisions/1`, token);
    expect(first.body.data.sbp).toBe(132);
  });

  it('given a stale row version, when amended, then 409 and nothing is written', async () => {
    const { id } = await stored();
    expect(
      (await amend(id, { data: { ...HT_VISIT, sbp: 128 }, reason: '第一次' }, '1')).status,
    ).toBe(200);
    const before = await counts();
    const stale = await amend(id, { data: { ...HT_VISIT, sbp: 140 }, reason: '第二次' }, '1');
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_row_version');
    expect(await counts()).toEqual(before);
    const now = await f.request('GET', `/api/submissions/${id}`, token);
    expect(now.body.data.sbp).toBe(128);
  });

  it('given no If-Match, when amended, then 428', async () => {
    const { id } = await stored();
    const res = await amend(id, { data: HT_VISIT, reason: '无版本' });
    expect(res.status).toBe(428);
  });

  it('given invalid data, when amended, then 422 and the submission is unchanged', async () => {
    const { id } = await stored();
    const before = await counts();
    const res = await amend(id, { data: { ...HT_VISIT, dbp: 5 }, reason: '错误' }, '1');
    expect(res.status).toBe(422);
    expect(res.body.error.details.errors.map((e: { path: string }) => e.path)).toEqual(['/dbp']);
    expect(await counts()).toEqual(before);
  });

  it('given a revision, when someone tries to change it in SQL, then the database refuses', async () => {
    const { id } = await stored();
    await expect(
      f.t.engine.database.sequelize.query(
        `UPDATE submission_revisions SET reason = 'x' WHERE submission_id = '${id}'`,
      ),
    ).rejects.toThrow(/append-only/);
  });
});

describe('drafts', () => {
  it('given a draft autosaved twice, when submitted, then one submission is stored and the draft is gone', async () => {
    const subjectId = await resident();
    const created = await f.request('POST', '/api/drafts', token, {
      formKey: 'hypertension-followup',
      subjectId,
      data: { visitDate: '2026-11-20' },
    });
    expect(created.status).toBe(201);
    expect(created.body.check.valid).toBe(false);
    const id = created.body.id as string;
    const half = { ...HT_VISIT, doctorSignature: undefined };
    const saved = await f.request(
      'PUT',
      `/api/drafts/${id}`,
      token,
      { data: half },
      { 'if-match': '"1"' },
    );
    expect(saved.status).toBe(200);
    expect(saved.body.rowVersion).toBe(2);
    expect(saved.body.check.errors.map((e: { path: string }) => e.path)).toEqual([
      '/doctorSignature',
    ]);
    const stale = await f.request(
      'PUT',
      `/api/drafts/${id}`,
      token,
      { data: HT_VISIT },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(409);
    const full = await f.request(
      'PUT',
      `/api/drafts/${id}`,
      token,
      { data: HT_VISIT },
      { 'if-match': '"2"' },
    );
    expect(full.body.check).toEqual({ valid: true, errors: [] });

    const key = randomUUID();
    const submitted = await f.request('POST', `/api/drafts/${id}/submit`, token, undefined, {
      'idempotency-key': key,
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect(submitted.body.data.sbp).toBe(132);
    const retry = await f.request('POST', `/api/drafts/${id}/submit`, token, undefined, {
      'idempotency-key': key,
    });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(submitted.body);
    expect((await f.request('GET', `/api/drafts/${id}`, token)).status).toBe(404);
    const list = await f.request('GET', `/api/subjects/${subjectId}/submissions`, token);
    expect(list.body.submissions).toHaveLength(1);
  });

  it('given another user’s draft, when read, then 404', async () => {
    const subjectId = await resident();
    const created = await f.request('POST', '/api/drafts', token, {
      formKey: 'hypertension-followup',
      subjectId,
      data: {},
    });
    const colleague = await f.login(await f.user('township-phc', '350121101'));
    expect((await f.request('GET', `/api/drafts/${created.body.id}`, colleague)).status).toBe(404);
  });

  it('given an invalid draft, when submitted, then 422 and the draft is kept', async () => {
    const subjectId = await resident();
    const created = await f.request('POST', '/api/drafts', token, {
      formKey: 'hypertension-followup',
      subjectId,
      data: { visitDate: '2026-11-20' },
    });
    const res = await f.request('POST', `/api/drafts/${created.body.id}/submit`, token);
    expect(res.status).toBe(422);
    expect((await f.request('GET', `/api/drafts/${created.body.id}`, token)).status).toBe(200);
  });
});

describe('the outbox', () => {
  it('given committed submissions, when a consumer reads without acknowledging, then it reads them again; after acknowledging, only newer ones', async () => {
    const { outbox } = f.t.engine.services;
    const consumer = `test-${randomUUID()}`;
    const subjectId = await resident();
    const first = await submit({ formKey: 'hypertension-followup', subjectId, data: HT_VISIT });
    const all = await outbox.read(consumer, 10_000);
    const mine = all.filter((e) => e.aggregateId === first.body.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ topic: 'submission.created', aggregateVersion: 1 });
    expect(mine[0]!.payload).toMatchObject({ formKey: 'hypertension-followup', subjectId });
    expect((await outbox.read(consumer, 10_000)).length).toBe(all.length);

    await outbox.ack(consumer, all.at(-1)!.position);
    expect(await outbox.read(consumer)).toEqual([]);
    const second = await submit({ formKey: 'hypertension-followup', subjectId, data: HT_VISIT });
    const next = await outbox.read(consumer);
    expect(next.map((e) => e.aggregateId)).toEqual([second.body.id]);
  });
});

describe('typed payloads', () => {
  it('given a form version, when its TypeScript type is requested, then the fields come with their types and labels', async () => {
    const res = await fetch(`${f.url}/api/forms/hypertension-followup/versions/3.0.1/typescript`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/export interface HypertensionFollowup \{/);
    // Required only when the patient was seen (a 失访 or death record has no readings).
    expect(text).toMatch(/sbp\?: number;/);
    expect(text).toMatch(/收缩压/);
    // The printed rows (用药调整意见 …) are optional fields of the national form.
    expect(text).toMatch(/medicationAdjustment\?:/);
    expect(text).toMatch(/heartRate\?: number;/);
    // The printed spec has no home BP monitoring (only the upgrade demonstration's 3.1.x has).
    expect(text).not.toMatch(/homeBpMonitoring/);
    const national = await fetch(
      `${f.url}/api/forms/hypertension-followup/versions/3.0.1/typescript?release=national-phs@3.0.1`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(await national.text()).toMatch(/medicationAdjustment\?:/);
    // Fujian's release adds fields to the national diabetes form (integrated management).
    const typeOf = async (release = '') =>
      (
        await fetch(`${f.url}/api/forms/diabetes-followup/versions/3.0.1/typescript${release}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).text();
    expect(await typeOf()).toMatch(/footExam\?:/);
    expect(await typeOf('?release=national-phs@3.0.1')).not.toMatch(/footExam/);
    const missing = await fetch(
      `${f.url}/api/forms/hypertension-followup/versions/9.9.9/typescript`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(missing.status).toBe(404);
  });
});
