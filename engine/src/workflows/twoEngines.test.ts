import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeResidentIdNumber } from '@formwork/definitions';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../database/Database.js';
import { EmbeddedPostgres } from '../database/EmbeddedPostgres.js';
import { createLogger } from '../logging/createLogger.js';
import {
  callApi,
  createTestDatabase,
  engineProcessEnv,
  signInDemoUser,
  startEngineProcess,
  type EngineProcess,
  type TestDatabase,
} from '../testing/index.js';
import { CONSULT_REQUEST, REFERRAL_OUT } from './fixtures/forms.js';
import { instanceAt, type InstanceOverHttp } from './fixtures/instanceAt.js';

/**
 * Acceptance 3 of the workflow runtime: two `formwork start` processes on one database. On
 * PostgreSQL (CI) both connect to the suite's database; on PGlite this test serves the database
 * on a loopback port and both processes connect to it as to a PostgreSQL server.
 */

const CLINIC = '350121101201-V01';
const INSTANCES = 6;

let db: TestDatabase;
let host: EmbeddedPostgres | undefined;
let database: Database;
let a: EngineProcess;
let b: EngineProcess;
let township: string;
let county: string;
let serial = 0;
const dirs: string[] = [];

async function startInstance(key: 'two-way-referral' | 'remote-consultation'): Promise<string> {
  serial++;
  const subject = await callApi(a.url, 'POST', '/api/subjects', township, {
    name: `双引擎对象${serial}`,
    idNumber: makeResidentIdNumber(CLINIC.slice(0, 6), '1961-02-17', 800 + serial),
    orgCode: CLINIC,
  });
  expect(subject.status, JSON.stringify(subject.body)).toBe(201);
  const res = await callApi(a.url, 'POST', `/api/workflows/${key}/instances`, township, {
    subjectId: subject.body.id,
    businessKey: `${key}-${subject.body.id}`,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

function completeAt(
  url: string,
  token: string,
  task: { id: string; version: number },
  body: object,
) {
  return callApi(url, 'POST', `/api/tasks/${task.id}/complete`, token, body, {
    'if-match': `"${task.version}"`,
  });
}

const openTask = (view: InstanceOverHttp, elementId: string) =>
  view.tasks.find((t) => t.elementId === elementId && t.status === 'open')!;

beforeAll(async () => {
  db = await createTestDatabase();
  let url = db.databaseUrl;
  if (!url) {
    host = await EmbeddedPostgres.start(db.dataDir, 40);
    url = host.url;
  }
  const env = () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-engine-'));
    dirs.push(dataDir);
    return engineProcessEnv({ databaseUrl: url, dataDir }, { WORKFLOW_POLL_MS: '20' });
  };
  // One after the other: the first migrates and seeds, the second finds it done.
  a = await startEngineProcess(env());
  b = await startEngineProcess(env());
  database = await Database.open({
    databaseUrl: url,
    dataDir: db.dataDir,
    logger: createLogger('warn'),
  });
  township = await signInDemoUser(a.url, 'fj.township-phc');
  county = await signInDemoUser(a.url, 'fj.county-clinician');
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.close();
  await host?.stop();
  await db?.drop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('two engine processes on one database', () => {
  it('given the same task completed through both engines at once, then one succeeds, the other gets 409, and the referral moves on exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < INSTANCES; i++) ids.push(await startInstance('two-way-referral'));
    for (const id of ids) {
      const fill = openTask(await instanceAt(a.url, township, id), 'UserTask_fill');
      const answers = await Promise.all([
        completeAt(a.url, township, fill, { data: REFERRAL_OUT }),
        completeAt(b.url, township, fill, { data: REFERRAL_OUT }),
      ]);
      expect(
        answers.map((r) => r.status).sort(),
        JSON.stringify(answers.map((r) => r.body)),
      ).toEqual([200, 409]);
      const refused = answers.find((r) => r.status === 409)!;
      expect(['stale_version', 'task_closed']).toContain(refused.body.error.code);

      // Both engines see the same result: one completion, one decision task and one follow-up
      // of the referral, one stored form.
      for (const url of [a.url, b.url]) {
        const view = await instanceAt(url, township, id);
        expect(view.tasks.map((t) => `${t.elementId}:${t.status}`).sort()).toEqual([
          'UserTask_decide:open',
          'UserTask_fill:completed',
          'UserTask_followup_hypertension:open',
        ]);
        expect(view.history.filter((h) => h.event === 'task.completed')).toHaveLength(1);
      }
      const [counted] = await database.sequelize.query<{ forms: string }>(
        `SELECT count(*) AS forms FROM submissions s JOIN workflow_instances i ON i.subject_id = s.subject_id
         WHERE i.id = $1 AND s.form_key = 'referral-out'`,
        { bind: [id], type: QueryTypes.SELECT },
      );
      expect(Number(counted?.forms)).toBe(1);
    }

    // The county's decision is taken through the other engine than the one that stored the form.
    const view = await instanceAt(b.url, township, ids[0]!);
    const decided = await completeAt(b.url, county, openTask(view, 'UserTask_decide'), {
      variables: { decision: 'decline', declineReason: '床位已满' },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    // Declined: the county's part ends; the township's follow-up of the referral stays.
    expect(decided.body.instance.status).toBe('waiting');
    expect(
      (await instanceAt(a.url, township, ids[0]!)).tasks
        .filter((t) => t.status === 'open')
        .map((t) => t.elementId),
    ).toEqual(['UserTask_followup_hypertension']);
  }, 120_000);

  it('given triage deadlines that fell due, when both engines poll, then each timer fires exactly once and its overdue notice is sent once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < INSTANCES; i++) {
      const id = await startInstance('remote-consultation');
      const request = openTask(await instanceAt(a.url, township, id), 'UserTask_request');
      const res = await completeAt(a.url, township, request, { data: CONSULT_REQUEST });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      ids.push(id);
    }
    // 48 hours pass: both engines' pollers (every 20 ms) race for the due timers.
    await database.sequelize.query(
      `UPDATE workflow_timers SET due_at = now() - interval '1 second'
       WHERE instance_id = ANY($1) AND status = 'pending'`,
      { bind: [ids] },
    );
    const pending = async () => {
      const [counted] = await database.sequelize.query<{ n: string }>(
        `SELECT count(*) AS n FROM workflow_timers WHERE instance_id = ANY($1) AND status = 'pending'`,
        { bind: [ids], type: QueryTypes.SELECT },
      );
      return Number(counted?.n);
    };
    await expect.poll(pending, { timeout: 60_000, interval: 100 }).toBe(0);

    for (const id of ids) {
      const view = await instanceAt(b.url, township, id);
      const fired = view.history.filter((h) => h.event === 'timer.fired');
      expect(fired.map((h) => h.elementId)).toEqual(['Boundary_triage_48h']);
      const notices = view.history.filter(
        (h) => h.event === 'notified' && h.elementId === 'ServiceTask_triage_late',
      );
      expect(notices).toHaveLength(1);
      // The triage task stays open (the boundary timer does not interrupt it).
      expect(openTask(view, 'UserTask_triage')).toBeDefined();
    }
    const claims = await database.sequelize.query<{ claimed_by: string }>(
      `SELECT claimed_by FROM workflow_timers WHERE instance_id = ANY($1)`,
      { bind: [ids], type: QueryTypes.SELECT },
    );
    expect(claims).toHaveLength(INSTANCES);
  }, 120_000);
});
