/**
 * Loading in a real engine with the plugin (embedded chDB in the test's DATA_DIR): visits
 * submitted through the API reach `records FINAL` exactly once, even when the outbox hands the same
 * batch twice; an amendment replaces the earlier revision; the enrollment and resident dimensions
 * carry no personal values; and a chDB that cannot open leaves the engine serving forms with
 * reporting reported degraded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeResidentIdNumber } from '@formwork/definitions';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  HT_VISIT,
  IdentityFixture,
  startTestEngine,
} from '../../../../engine/src/testing/index.js';
import { CLICKHOUSE_SETTINGS } from '../store/ReportingStore.js';

const PLUGIN = '@formwork/plugin-clickhouse-reporting';
const CONSUMER = 'plugin:reporting:records';
const CLINIC = '350121101201-V01';
let f: IdentityFixture;
let token: string;
let ch: ClickHouseClient;
let serial = 0;

const loader = () => f.t.engine.pluginConsumers.find((c) => c.consumer === CONSUMER)!;
const status = async (as = token) => {
  const res = await f.request('GET', '/api/plugins/reporting/status', as);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    mode: string;
    available: boolean;
    lagSeconds: number;
    loadedRecords: number;
  };
};
const rows = async <T>(query: string, params: Record<string, unknown> = {}) =>
  (await ch.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();

async function visit(data: Record<string, unknown> = HT_VISIT) {
  serial++;
  const subject = await f.request('POST', '/api/subjects', token, {
    name: `报表居民${serial}`,
    idNumber: makeResidentIdNumber('350121', '1958-03-14', 700 + serial),
    orgCode: CLINIC,
  });
  expect(subject.status, JSON.stringify(subject.body)).toBe(201);
  const subjectId = subject.body.id as string;
  const enrolled = await f.request('POST', `/api/subjects/${subjectId}/enrollments`, token, {
    program: 'hypertension',
    enrolledOn: '2026-11-01',
    details: { diagnosedOn: '2024-06-15' },
  });
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
  const res = await f.request('POST', '/api/submissions', token, {
    formKey: 'hypertension-followup',
    subjectId,
    data,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return {
    subjectId,
    enrollmentId: enrolled.body.id as string,
    submissionId: res.body.id as string,
  };
}

beforeAll(async () => {
  f = await IdentityFixture.start({ plugins: [PLUGIN] });
  const doctor = await f.user('township-phc', '350121101', { homeOrg: CLINIC });
  token = await f.login(doctor);
  // The store opens in the background after the engine listens.
  for (let i = 0; i < 100 && !(await status()).available; i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  // A second connection at the same path (chDB lets them coexist in one process).
  ch = createClient({
    connection: createChdbConnection({
      path: path.join(f.t.database.dataDir, 'plugins', 'reporting', 'chdb'),
    }) as never,
    clickhouse_settings: CLICKHOUSE_SETTINGS,
  });
}, 120_000);
afterAll(async () => {
  await ch?.close();
  await f?.stop();
});

describe('loading submissions into the reporting tables', () => {
  it('given the engine started with the plugin, then the embedded store is open and nothing is behind', async () => {
    expect(await status()).toMatchObject({
      mode: 'embedded',
      available: true,
      lagSeconds: 0,
      loadedRecords: 0,
    });
  });

  it('given three follow-up visits submitted, when the loader runs, then each is in records FINAL once, by field and by data element, with its org path', async () => {
    const made = [await visit(), await visit(), await visit()];
    expect((await status()).loadedRecords).toBe(0);
    expect((await loader().poll()).failed).toBe(false);
    const loaded = await rows<{
      submission_id: string;
      revision: number;
      sbp: string;
      de: string;
      org_path: string[];
      enrollment_id: string;
    }>(
      `SELECT submission_id, revision, fields['sbp'] AS sbp, org_path, enrollment_id,
         mapKeys(elements) AS de FROM records FINAL ORDER BY submission_id`,
    );
    expect(loaded.map((r) => r.submission_id)).toEqual(made.map((m) => m.submissionId).sort());
    for (const r of loaded) {
      expect(r.revision).toBe(1);
      expect(JSON.parse(r.sbp)).toBe(HT_VISIT.sbp);
      expect(r.de.length).toBeGreaterThan(0);
      expect(r.org_path).toEqual(expect.arrayContaining(['350121', '350121101', CLINIC]));
    }
    expect(loaded.map((r) => r.enrollment_id).sort()).toEqual(
      made.map((m) => m.enrollmentId).sort(),
    );
    expect(await status()).toMatchObject({ loadedRecords: 3, lagSeconds: 0 });
  });

  it('given the same batch delivered twice (the consumer’s cursor reset), when the loader runs again, then every visit still counts once', async () => {
    await f.t.engine.database.sequelize.query(
      `DELETE FROM outbox_cursors WHERE consumer = '${CONSUMER}'`,
    );
    expect((await status()).lagSeconds).toBeGreaterThanOrEqual(0);
    const again = await loader().poll();
    expect(again.failed).toBe(false);
    expect(again.handled).toBeGreaterThanOrEqual(3);
    const [counted] = await rows<{ n: string; distinct: string }>(
      'SELECT count() AS n, uniqExact(submission_id) AS distinct FROM records FINAL',
    );
    expect(counted).toEqual({ n: '3', distinct: '3' });
  });

  it('given a visit amended, when the loader runs, then its second revision replaces the first', async () => {
    const { submissionId } = await visit();
    await loader().poll();
    const amended = await f.request(
      'PUT',
      `/api/submissions/${submissionId}`,
      token,
      { data: { ...HT_VISIT, sbp: 128 }, reason: '录入错误更正' },
      { 'if-match': '"1"' },
    );
    expect(amended.status, JSON.stringify(amended.body)).toBe(200);
    await loader().poll();
    const loaded = await rows<{ revision: number; sbp: string }>(
      `SELECT revision, fields['sbp'] AS sbp FROM records FINAL WHERE submission_id = {id:String}`,
      { id: submissionId },
    );
    expect(loaded).toEqual([{ revision: 2, sbp: '128' }]);
  });

  it('given residents enrolled, then the dimensions hold their birth date, sex, programme and org path, and no name or ID number anywhere', async () => {
    const { subjectId, enrollmentId } = await visit();
    await loader().poll();
    const [subject] = await rows<Record<string, unknown>>(
      'SELECT * FROM subjects FINAL WHERE subject_id = {id:String}',
      { id: subjectId },
    );
    expect(subject).toMatchObject({ birth_date: '1958-03-14', org_code: CLINIC });
    const [enrollment] = await rows<Record<string, unknown>>(
      'SELECT * FROM enrollments FINAL WHERE enrollment_id = {id:String}',
      { id: enrollmentId },
    );
    expect(enrollment).toMatchObject({
      subject_id: subjectId,
      program: 'hypertension',
      enrolled_on: '2026-11-01',
      ended_on: null,
    });
    const dump = JSON.stringify([
      await rows('SELECT * FROM subjects'),
      await rows('SELECT * FROM records'),
    ]);
    expect(dump).not.toContain('报表居民');
    expect(dump).not.toContain('350121195803');
  });
});

describe('reporting unavailable at start', () => {
  it('given the chDB data directory cannot be made (a file is in its place), when the engine starts, then it serves forms and reports reporting degraded', async () => {
    const database = await createTestDatabase();
    fs.mkdirSync(path.join(database.dataDir, 'plugins'), { recursive: true });
    fs.writeFileSync(path.join(database.dataDir, 'plugins', 'reporting'), 'not a directory');
    const t = await startTestEngine({ plugins: [PLUGIN] }, { database });
    try {
      const health = await fetch(`${t.url}/api/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { status: string }).status).toBe('ok');
      // The failed open is logged and retried with backoff.
      for (let i = 0; i < 50 && !t.logs.some((l) => /reporting store unavailable/.test(l.msg)); i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(t.logs.some((l) => /reporting store unavailable/.test(l.msg))).toBe(true);
      const consumer = t.engine.pluginConsumers.find((c) => c.consumer === CONSUMER)!;
      expect((await consumer.poll()).failed).toBe(false); // nothing to load yet: no failure
    } finally {
      await t.stop();
    }
  });
});
