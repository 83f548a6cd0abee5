import { makeResidentIdNumber } from '@formwork/definitions';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IdentityFixture, type TestUser } from '../testing/index.js';
import { CONSULT_REPORT, CONSULT_REQUEST } from './fixtures/forms.js';

const CLINIC = '350121101201-V01';
const HOUR = 3600_000;
let f: IdentityFixture;
let users: { township: TestUser; county: TestUser };
let township: string;
let county: string;
let serial = 0;

/** Signs both doctors in again (sessions expire when a test moves the clock by days). */
async function signIn() {
  township = await f.login(users.township);
  county = await f.login(users.county);
}

async function startConsultation(): Promise<string> {
  serial++;
  const idNumber = makeResidentIdNumber(CLINIC.slice(0, 6), '1967-05-02', 700 + serial);
  const subject = await f.request('POST', '/api/subjects', township, {
    name: `会诊对象${serial}`,
    idNumber,
    orgCode: CLINIC,
  });
  expect(subject.status, JSON.stringify(subject.body)).toBe(201);
  const res = await f.request('POST', '/api/workflows/remote-consultation/instances', township, {
    subjectId: subject.body.id,
    businessKey: `consult-${subject.body.id}`,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

type Task = { id: string; version: number; candidateOrgPath: string; dueAt: string | null };

async function openTask(token: string, instanceId: string, elementId: string): Promise<Task> {
  const res = await f.request('GET', '/api/tasks', token);
  expect(res.status).toBe(200);
  const task = res.body.tasks.find(
    (t: { instanceId: string; elementId: string }) =>
      t.instanceId === instanceId && t.elementId === elementId,
  );
  expect(task, `${elementId} on the worklist`).toBeDefined();
  return task as Task;
}

async function complete(token: string, task: Task, body: object) {
  const res = await f.request('POST', `/api/tasks/${task.id}/complete`, token, body, {
    'if-match': `"${task.version}"`,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const view = async (id: string) => {
  const res = await f.request('GET', `/api/workflows/instances/${id}`, township);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    status: string;
    variables: Record<string, unknown>;
    tasks: { elementId: string; status: string }[];
    history: { event: string; elementId: string | null }[];
  };
};

const firedTimers = async (id: string) =>
  (await view(id)).history.filter((h) => h.event === 'timer.fired').map((h) => h.elementId);

/** A routine request filled by the township: the county's triage is next. */
async function requested(extra: object = {}) {
  const id = await startConsultation();
  await complete(township, await openTask(township, id, 'UserTask_request'), {
    data: CONSULT_REQUEST,
    ...extra,
  });
  return id;
}

beforeAll(async () => {
  f = await IdentityFixture.start();
  users = {
    township: await f.user('township-phc', '350121101'),
    county: await f.user('county-clinician', '350121'),
  };
}, 60_000);
beforeEach(signIn);
afterAll(async () => {
  for (const l of f?.t.logs ?? [])
    if (l.level >= 40) console.log('LOG', JSON.stringify(l).slice(0, 700));
  await f?.stop();
});

describe('remote consultation', () => {
  it('given a routine request, when nobody triages it in 48 h, then the overdue notice fires once; when the county accepts, the expert confirms and reports, then the report is signed and the consultation closes', async () => {
    const id = await requested();
    const triage = await openTask(county, id, 'UserTask_triage');
    expect(triage.candidateOrgPath).toMatch(/\/350121\/$/);
    expect(new Date(triage.dueAt!).getTime() - f.clock.now().getTime()).toBe(48 * HOUR);

    const poller = f.t.engine.timerPoller!;
    f.clock.advance(47 * HOUR);
    await poller.poll();
    await signIn();
    expect(await firedTimers(id)).toEqual([]);
    f.clock.advance(HOUR + 1000);
    await poller.poll();
    await poller.poll();
    await signIn();
    expect(await firedTimers(id)).toEqual(['Boundary_triage_48h']);
    expect((await view(id)).history.some((h) => h.elementId === 'ServiceTask_triage_late')).toBe(
      true,
    );

    await complete(county, await openTask(county, id, 'UserTask_triage'), {
      variables: { triage: 'accept' },
    });
    await complete(county, await openTask(county, id, 'UserTask_confirm'), { variables: {} });
    const consult = await openTask(county, id, 'UserTask_consult');
    expect(new Date(consult.dueAt!).getTime() - f.clock.now().getTime()).toBe(72 * HOUR);
    const done = await complete(county, consult, { data: CONSULT_REPORT });
    expect(done.instance.status).toBe('completed');
    expect(done.instance.variables.reportSigned).toBe(true);
    const events = (await view(id)).history.map((h) => h.event);
    expect(events).toContain('report-signed');
    expect(events.at(-1)).toBe('instance.completed');
  });

  it('given an urgent request, then triage is due in 12 h and its overdue notice fires at 12 h', async () => {
    // The seed gateway tests urgency == "urgent" while the form's code table says "2": the
    // requester states it as a process variable.
    const id = await requested({ variables: { urgency: 'urgent' } });
    const triage = await openTask(county, id, 'UserTask_triage_urgent');
    expect(new Date(triage.dueAt!).getTime() - f.clock.now().getTime()).toBe(12 * HOUR);
    f.clock.advance(12 * HOUR + 1000);
    await f.t.engine.timerPoller!.poll();
    await signIn();
    expect(await firedTimers(id)).toEqual(['Boundary_triage_urgent_12h']);
    await openTask(county, id, 'UserTask_triage_urgent');
  });

  it('given a request the triage returns for more information, when the township amends and resubmits it, then it is back in triage', async () => {
    const id = await requested();
    await complete(county, await openTask(county, id, 'UserTask_triage'), {
      variables: { triage: 'return' },
    });
    const amend = await openTask(township, id, 'UserTask_amend');
    await complete(township, amend, { data: CONSULT_REQUEST, variables: { resubmit: true } });
    await openTask(county, id, 'UserTask_triage');
    // Rows made in the same instant (the test clock stands still) have no defined order.
    const tasks = (await view(id)).tasks.map((t) => `${t.elementId}:${t.status}`).sort();
    expect(tasks).toEqual([
      'UserTask_amend:completed',
      'UserTask_request:completed',
      'UserTask_triage:completed',
      'UserTask_triage:open',
    ]);
  });

  it('given a request waiting for triage, when the requester cancels it, then the triage task and its timer are cancelled and the consultation ends', async () => {
    const id = await requested();
    const triage = await openTask(county, id, 'UserTask_triage');
    const res = await f.request('POST', '/api/workflows/messages', township, {
      message: 'consultCancelled',
      instanceId: id,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.instances).toEqual([id]);
    const after = await view(id);
    expect(after.status).toBe('completed');
    expect(after.history.some((h) => h.elementId === 'ServiceTask_cancelled')).toBe(true);
    expect(after.tasks.find((t) => t.elementId === 'UserTask_triage')?.status).toBe('cancelled');
    const [timers] = await f.t.engine.database.sequelize.query(
      'SELECT status FROM workflow_timers WHERE instance_id = $1',
      { bind: [id] },
    );
    expect((timers as { status: string }[]).map((t) => t.status)).toEqual(['cancelled']);
    const late = await f.request('POST', `/api/tasks/${triage.id}/complete`, county, {
      variables: { triage: 'accept' },
    });
    expect(late.status).toBe(409);
  });
});
