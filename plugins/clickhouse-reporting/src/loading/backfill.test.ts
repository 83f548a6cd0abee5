/**
 * The backfill in a real engine (embedded chDB in the test's DATA_DIR): residents, enrollments
 * and visits stored before the plugin listened (the demo seed writes them without outbox events)
 * are loaded on start by themselves; a run stopped after some pages resumes from its saved
 * position in load_state and every visit still counts once; a completed backfill is not run again
 * unless restarted.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { makeResidentIdNumber } from '@formwork/definitions';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../engine/src/logging/createLogger.js';
import { seedPatients } from '../../../../engine/src/seeding/seedPatients.js';
import {
  IdentityFixture,
  startTestEngine,
  type TestEngine,
} from '../../../../engine/src/testing/index.js';
import { CLICKHOUSE_SETTINGS, ReportingStore } from '../store/ReportingStore.js';
import { Backfill } from './Backfill.js';
import { RecordLoader } from './RecordLoader.js';

const PLUGIN = '@formwork/plugin-clickhouse-reporting';
const CLINIC = '350121101201-V01';
const dataKey = randomBytes(32).toString('base64');
let t: TestEngine;
let token: string;
let ch: ClickHouseClient;
let store: ReportingStore;
let noVisitEnrollment: string;

interface Status {
  available: boolean;
  loadedRecords: number | null;
  backfill: { state: string; loaded: number; total: number };
}

const status = async (): Promise<Status> => {
  const res = await fetch(`${t.url}/api/plugins/reporting/status`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Status;
};
const rows = async <T>(query: string) =>
  (await ch.query({ query, format: 'JSONEachRow' })).json<T>();
const stored = (sql: string) =>
  t.engine.database.sequelize.query<{ id: string }>(sql, { type: QueryTypes.SELECT });
const ids = (list: { id: string }[]) => list.map((r) => r.id).sort();

/** Polls until `ok` holds of the status, or fails after a minute naming the last status. */
async function until(ok: (s: Status) => boolean): Promise<Status> {
  let last = await status();
  for (const deadline = Date.now() + 60_000; !ok(last) && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await status();
  }
  expect(ok(last), JSON.stringify(last)).toBe(true);
  return last;
}

/** A Backfill of the test's own on the same tables (as another process would be). */
const backfill = (pageSize: number) =>
  new Backfill({
    store,
    readModel: t.engine.plugins.readModel!,
    loader: new RecordLoader({ store, readModel: t.engine.plugins.readModel! }),
    logger: createLogger('silent'),
    pageSize,
  });

beforeAll(async () => {
  // Before the plugin: 25 generated residents with a year of visits (no outbox events), and a
  // resident enrolled through the API who has had no visit yet.
  const before = await IdentityFixture.start({ dataKey });
  const doctor = await before.user('township-phc', '350121101', { homeOrg: CLINIC });
  const first = await before.login(doctor);
  const seeded = await seedPatients(before.t.engine.services, { patients: 25, seed: 3 });
  expect(seeded.storedVisits).toBeGreaterThan(20);
  const subject = await before.request('POST', '/api/subjects', first, {
    name: '未随访居民',
    idNumber: makeResidentIdNumber('350121', '1950-02-02', 901),
    orgCode: CLINIC,
  });
  expect(subject.status, JSON.stringify(subject.body)).toBe(201);
  const enrolled = await before.request(
    'POST',
    `/api/subjects/${subject.body.id as string}/enrollments`,
    first,
    { program: 'hypertension', enrolledOn: '2026-11-01', details: { diagnosedOn: '2024-06-15' } },
  );
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
  noVisitEnrollment = enrolled.body.id as string;
  await before.t.engine.stop();
  // Then the engine again, on the same database, with the plugin. Its outbox consumer is not
  // polled here (WORKFLOW_POLL_MS 0): whatever loads is the backfill's doing.
  t = await startTestEngine({ plugins: [PLUGIN], dataKey }, { database: before.t.database });
  const login = await fetch(`${t.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: doctor.username, password: doctor.password }),
  });
  token = ((await login.json()) as { token: string }).token;
  expect(token).toBeTruthy();
  const dir = path.join(t.database.dataDir, 'plugins', 'reporting', 'chdb');
  ch = createClient({
    connection: createChdbConnection({ path: dir }) as never,
    clickhouse_settings: CLICKHOUSE_SETTINGS,
  });
  store = new ReportingStore({
    url: undefined,
    dataDir: () => path.dirname(dir),
    logger: createLogger('silent'),
  });
}, 180_000);
afterAll(async () => {
  await store?.close();
  await ch?.close();
  await t?.stop();
});

describe('backfill of what was stored before the plugin listened', () => {
  it('given seeded residents and visits, when the engine starts with the plugin, then every visit, enrollment and resident is loaded once and the status says done', async () => {
    const done = await until((s) => s.backfill.state === 'done');
    const submissions = await stored('SELECT id FROM submissions');
    expect(done).toMatchObject({
      available: true,
      loadedRecords: submissions.length,
      backfill: { state: 'done', loaded: submissions.length, total: submissions.length },
    });
    const records = await rows<{ id: string }>(
      'SELECT submission_id AS id FROM records FINAL ORDER BY id',
    );
    expect(records.map((r) => r.id)).toEqual(ids(submissions));
    const enrollments = await rows<{ id: string }>(
      'SELECT enrollment_id AS id FROM enrollments FINAL',
    );
    // The enrolled resident without a visit too: denominators count them.
    expect(ids(enrollments)).toEqual(ids(await stored('SELECT id FROM enrollments')));
    expect(ids(enrollments)).toContain(noVisitEnrollment);
    const subjects = await rows<{ id: string }>('SELECT subject_id AS id FROM subjects FINAL');
    // Residents with an enrollment or a visit (as the outbox consumer loads them).
    expect(ids(subjects)).toEqual(
      ids(
        await stored(`SELECT id FROM subjects s WHERE EXISTS (SELECT 1 FROM enrollments e
           WHERE e.subject_id = s.id) OR EXISTS (SELECT 1 FROM submissions u WHERE u.subject_id = s.id)`),
      ),
    );
  });

  it('given a completed backfill recorded, when it runs again without restart, then it loads nothing', async () => {
    await store.start();
    const again = await backfill(10).run();
    expect(again).toMatchObject({ alreadyDone: true, submissionsThisRun: 0 });
  });

  it('given a restart stopped after two pages (as if killed), when it runs again, then it resumes after the saved page and every visit still counts once', async () => {
    const total = (await stored('SELECT id FROM submissions')).length;
    const first = backfill(7);
    let pages = 0;
    const stopped = await first.run({
      restart: true,
      onProgress: () => {
        if (++pages === 2) first.stop();
      },
    });
    expect(stopped).toMatchObject({ status: 'stopped', loaded: 14, submissionsThisRun: 14 });
    expect(await first.saved()).toMatchObject({ phase: 'submissions', loaded: 14, done: false });

    // Another process (a new Backfill) continues from the saved position.
    const progress: number[] = [];
    const resumed = await backfill(7).run({ onProgress: (done) => progress.push(done) });
    expect(resumed).toMatchObject({
      status: 'done',
      resumed: true,
      loaded: total,
      submissionsThisRun: total - 14,
    });
    expect(progress[0]).toBe(21);
    // Every visit has now been inserted at least twice (on start, and by this restart).
    const [counted] = await rows<{ n: string; distinct: string }>(
      'SELECT count() AS n, uniqExact(submission_id) AS distinct FROM records FINAL',
    );
    expect(counted).toEqual({ n: String(total), distinct: String(total) });
    const perVisit = await rows<{ n: string }>(
      'SELECT count() AS n FROM records FINAL GROUP BY submission_id HAVING n > 1',
    );
    expect(perVisit).toEqual([]);
  });
});
