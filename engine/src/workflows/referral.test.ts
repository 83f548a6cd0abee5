import { makeResidentIdNumber } from '@formwork/definitions';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IdentityFixture, type TestUser } from '../testing/index.js';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { REFERRAL_OUT, REFERRAL_RETURN } from './fixtures/forms.js';

const CLINIC = '350121101201-V01';
const TOWNSHIP = '350121101';
const COUNTY = '350121';
const DAY = 24 * 3600_000;
let f: IdentityFixture;
let township: string;
let county: string;
let serial = 0;

async function resident(): Promise<string> {
  serial++;
  const idNumber = makeResidentIdNumber(CLINIC.slice(0, 6), '1958-03-14', 500 + serial);
  const res = await f.request('POST', '/api/subjects', township, {
    name: `转诊对象${serial}`,
    idNumber,
    orgCode: CLINIC,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function openTask(token: string, instanceId: string, elementId: string) {
  const res = await f.request('GET', '/api/tasks', token);
  expect(res.status).toBe(200);
  const task = res.body.tasks.find(
    (t: { instanceId: string; elementId: string }) =>
      t.instanceId === instanceId && t.elementId === elementId,
  );
  expect(task, `${elementId} on the worklist`).toBeDefined();
  return task as { id: string; version: number; candidateOrgPath: string; dueAt: string | null };
}

async function complete(token: string, task: { id: string; version: number }, body: object) {
  const res = await f.request('POST', `/api/tasks/${task.id}/complete`, token, body, {
    'if-match': `"${task.version}"`,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const instance = async (id: string) =>
  (await f.request('GET', `/api/workflows/instances/${id}`, township)).body;

async function startReferral(subjectId: string) {
  const res = await f.request('POST', '/api/workflows/two-way-referral/instances', township, {
    subjectId,
    businessKey: `ref-${subjectId}`,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

let users: { township: TestUser; county: TestUser };
/** Signs both doctors in again (sessions expire when a test moves the clock by days). */
async function signIn() {
  township = await f.login(users.township);
  county = await f.login(users.county);
}

beforeAll(async () => {
  f = await IdentityFixture.start();
  users = {
    township: await f.user('township-phc', TOWNSHIP),
    county: await f.user('county-clinician', COUNTY),
  };
}, 60_000);
beforeEach(signIn);
afterAll(async () => {
  for (const l of f?.t.logs ?? [])
    if (l.level >= 40) console.log('LOG', JSON.stringify(l).slice(0, 700));
  await f?.stop();
});

describe('two-way referral', () => {
  it('given a township doctor refers a patient up, when the county accepts, the patient arrives and is returned, then the township follows up within 2 weeks and the referral closes', async () => {
    const subjectId = await resident();
    const id = await startReferral(subjectId);
    const first = await f.request('GET', `/api/workflows/instances/${id}`, township);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.releaseId).toBe('national-phs@3.0.0+fujian@1.0.0');

    const fill = await openTask(township, id, 'UserTask_fill');
    const filled = await complete(township, fill, { data: REFERRAL_OUT });
    expect(filled.task.submissionId).toMatch(/^[0-9a-f-]{36}$/);

    // The county hospital sees the decision on its worklist (the township does not).
    const decide = await openTask(county, id, 'UserTask_decide');
    expect(decide.candidateOrgPath).toMatch(/\/350121\/$/);
    const townshipList = (await f.request('GET', '/api/tasks', township)).body.tasks;
    expect(townshipList.some((t: { id: string }) => t.id === decide.id)).toBe(false);
    await complete(county, decide, { variables: { decision: 'accept' } });

    const arrived = await f.request('POST', '/api/workflows/messages', county, {
      message: 'referralPatientArrived',
      businessKey: `ref-${subjectId}`,
    });
    expect(arrived.body.instances).toEqual([id]);

    const ret = await openTask(county, id, 'UserTask_return');
    await complete(county, ret, { data: REFERRAL_RETURN });

    const followUp = await openTask(township, id, 'UserTask_followup_hypertension');
    expect(new Date(followUp.dueAt!).getTime() - f.clock.now().getTime()).toBe(14 * DAY);
    const done = await complete(township, followUp, { data: HT_VISIT });
    expect(done.instance.status).toBe('completed');

    const view = await instance(id);
    const events = view.history.map((h: { event: string }) => h.event);
    expect(events[0]).toBe('instance.started');
    expect(events).toContain('notified');
    expect(events.at(-1)).toBe('instance.completed');
    expect(view.tasks.every((t: { status: string }) => t.status === 'completed')).toBe(true);
  });

  it('given a referral, when the county declines with a reason, then the township is notified and the referral ends', async () => {
    const id = await startReferral(await resident());
    await complete(township, await openTask(township, id, 'UserTask_fill'), { data: REFERRAL_OUT });
    const result = await complete(county, await openTask(county, id, 'UserTask_decide'), {
      variables: { decision: 'decline', declineReason: '床位已满' },
    });
    expect(result.instance.status).toBe('completed');
    expect(result.instance.variables.declineReason).toBe('床位已满');
    const view = await instance(id);
    expect(
      view.history.some((h: { elementId: string }) => h.elementId === 'SendTask_notify_declined'),
    ).toBe(true);
  });

  it('given a returned patient, when the township has not followed up in 14 days, then the overdue notice fires once and the follow-up task stays open', async () => {
    const subjectId = await resident();
    const id = await startReferral(subjectId);
    await complete(township, await openTask(township, id, 'UserTask_fill'), { data: REFERRAL_OUT });
    await complete(county, await openTask(county, id, 'UserTask_decide'), {
      variables: { decision: 'accept' },
    });
    await f.request('POST', '/api/workflows/messages', county, {
      message: 'referralPatientArrived',
      instanceId: id,
    });
    await complete(county, await openTask(county, id, 'UserTask_return'), {
      data: REFERRAL_RETURN,
    });
    const poller = f.t.engine.timerPoller!;
    f.clock.advance(13 * DAY);
    await poller.poll();
    await signIn();
    expect(
      (await instance(id)).history.some((h: { event: string }) => h.event === 'timer.fired'),
    ).toBe(false);
    f.clock.advance(1 * DAY + 1000);
    await poller.poll();
    await poller.poll();
    await signIn();
    const view = await instance(id);
    expect(view.history.filter((h: { event: string }) => h.event === 'timer.fired')).toHaveLength(
      1,
    );
    expect(
      view.history.some(
        (h: { elementId: string }) => h.elementId === 'ServiceTask_escalate_hypertension',
      ),
    ).toBe(true);
    expect(view.status).toBe('waiting');
    await openTask(township, id, 'UserTask_followup_hypertension');
  });

  it('given a follow-up whose blood pressure crosses the urgent-referral rule, when it is submitted, then an urgent referral starts by itself, once', async () => {
    const subjectId = await resident();
    const res = await f.request('POST', '/api/submissions', township, {
      formKey: 'hypertension-followup',
      subjectId,
      data: { ...HT_VISIT, sbp: 186, dbp: 112 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data.urgentReferral).toBe(true);
    const worker = f.t.engine.outboxWorker!;
    await worker.poll();
    await worker.poll();
    const [rows] = await f.t.engine.database.sequelize.query(
      `SELECT id FROM workflow_instances WHERE business_key = '${res.body.id}'`,
    );
    expect(rows).toHaveLength(1);
    const id = (rows as { id: string }[])[0]!.id;
    const confirm = await openTask(township, id, 'UserTask_fill_urgent');
    expect((await instance(id)).tasks.map((t: { elementId: string }) => t.elementId)).toEqual([
      'UserTask_fill_urgent',
    ]);
    await complete(township, confirm, { data: { ...REFERRAL_OUT, urgency: '1' } });
    await openTask(county, id, 'UserTask_decide');
  });

  it('given a referral-out with a date in the future, when the township completes the task, then 422, nothing moves and the corrected slip goes through', async () => {
    const id = await startReferral(await resident());
    const fill = await openTask(township, id, 'UserTask_fill');
    const bad = await f.request(
      'POST',
      `/api/tasks/${fill.id}/complete`,
      township,
      { data: { ...REFERRAL_OUT, referralDate: '2099-01-01' } },
      { 'if-match': `"${fill.version}"` },
    );
    expect(bad.status, JSON.stringify(bad.body)).toBe(422);
    const still = await openTask(township, id, 'UserTask_fill');
    expect(still.version).toBe(fill.version);
    await complete(township, still, { data: REFERRAL_OUT });
    await openTask(county, id, 'UserTask_decide');
  });

  it('given a task completed by one doctor, when another completes it with the old version, then 409 and nothing moves', async () => {
    const id = await startReferral(await resident());
    const fill = await openTask(township, id, 'UserTask_fill');
    await complete(township, fill, { data: REFERRAL_OUT });
    const again = await f.request(
      'POST',
      `/api/tasks/${fill.id}/complete`,
      township,
      { data: REFERRAL_OUT },
      {
        'if-match': `"${fill.version}"`,
      },
    );
    expect(again.status).toBe(409);
  });
});
