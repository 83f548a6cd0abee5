import { makeResidentIdNumber } from '@formwork/definitions';
import { afterAll, describe, expect, it } from 'vitest';
import {
  callApi,
  createTestDatabase,
  engineProcessEnv,
  signInDemoUser,
  startEngineProcess,
  type EngineProcess,
  type TestDatabase,
} from '../testing/index.js';
import { REFERRAL_OUT } from './fixtures/forms.js';
import { instanceAt } from './fixtures/instanceAt.js';

/**
 * Acceptance 2 of the workflow runtime: the engine process dies (SIGKILL, no shutdown) inside
 * the transaction of a task completion, after every row is written and before the commit.
 * Runs the real `formwork start` on the suite's database (PGlite in its data directory, or the
 * PostgreSQL of DATABASE_URL in CI).
 */

const CLINIC = '350121101201-V01';

async function referralForms(url: string, token: string, subjectId: string): Promise<number> {
  const res = await callApi(url, 'GET', `/api/subjects/${subjectId}/submissions`, token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.submissions as { formKey: string }[]).filter((s) => s.formKey === 'referral-out')
    .length;
}

describe('a crash between completing a task and its commit', () => {
  let db: TestDatabase | undefined;
  const engines: EngineProcess[] = [];
  afterAll(async () => {
    for (const engine of engines) await engine.stop();
    await db?.drop();
  });

  it('given a township doctor completing the referral form, when the engine is killed before the commit, then after a restart the task is open exactly once and the instance is as it was; completing it again moves the referral on once', async () => {
    db = await createTestDatabase();
    // Given: an engine that kills itself inside the completion's transaction.
    const crashing = await startEngineProcess(
      engineProcessEnv(db, { FORMWORK_TEST_CRASH_BEFORE_COMMIT: 'task-complete' }),
    );
    engines.push(crashing);
    let township = await signInDemoUser(crashing.url, 'fj.township-phc');
    const subject = await callApi(crashing.url, 'POST', '/api/subjects', township, {
      name: '崩溃恢复对象',
      idNumber: makeResidentIdNumber(CLINIC.slice(0, 6), '1956-08-09', 901),
      orgCode: CLINIC,
    });
    expect(subject.status, JSON.stringify(subject.body)).toBe(201);
    const subjectId = subject.body.id as string;
    const started = await callApi(
      crashing.url,
      'POST',
      '/api/workflows/two-way-referral/instances',
      township,
      { subjectId, businessKey: `ref-${subjectId}` },
    );
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const id = started.body.id as string;
    const before = await instanceAt(crashing.url, township, id);
    const fill = before.tasks.find((t) => t.elementId === 'UserTask_fill')!;
    expect(fill.status).toBe('open');

    // When: the doctor completes the form and the process dies before the commit.
    const attempt = await callApi(
      crashing.url,
      'POST',
      `/api/tasks/${fill.id}/complete`,
      township,
      { data: REFERRAL_OUT },
      { 'if-match': `"${fill.version}"` },
    ).then(
      (res) => ({ answered: res.status }),
      (err: Error) => ({ failed: err.message }),
    );
    expect(attempt).toEqual({ failed: expect.any(String) });
    expect(await crashing.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // Then: restarted, the engine shows the instance exactly as before the attempt.
    const restarted = await startEngineProcess(engineProcessEnv(db));
    engines.push(restarted);
    township = await signInDemoUser(restarted.url, 'fj.township-phc');
    const after = await instanceAt(restarted.url, township, id);
    expect(after.version).toBe(before.version);
    expect(after.status).toBe(before.status);
    expect(after.tasks).toEqual(before.tasks);
    expect(after.history).toEqual(before.history);
    expect(await referralForms(restarted.url, township, subjectId)).toBe(0);

    // And: completing the same task again (same version) works once and moves the referral on.
    const done = await callApi(
      restarted.url,
      'POST',
      `/api/tasks/${fill.id}/complete`,
      township,
      { data: REFERRAL_OUT },
      { 'if-match': `"${fill.version}"` },
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const moved = await instanceAt(restarted.url, township, id);
    expect(moved.version).toBe(before.version + 1);
    // The county decides and the township's follow-up of the referral is open.
    expect(moved.tasks.map((t) => `${t.elementId}:${t.status}`).sort()).toEqual([
      'UserTask_decide:open',
      'UserTask_fill:completed',
      'UserTask_followup_hypertension:open',
    ]);
    expect(moved.history.filter((h) => h.event === 'task.completed')).toHaveLength(1);
    expect(await referralForms(restarted.url, township, subjectId)).toBe(1);
  }, 180_000);
});
