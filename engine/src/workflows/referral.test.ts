import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/index.js';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { DM_VISIT, REFERRAL_OUT, REFERRAL_RETURN } from './fixtures/forms.js';
import {
  firedTimers,
  MINHOU_DOCTORS,
  notices,
  reached,
  WorkflowScenario,
} from './fixtures/workflowScenario.js';

/*
 * Every path of seed/national-phs/3.0.1/workflows/two-way-referral.bpmn (the same process as
 * 3.0.0; the Fujian release the residents get, national-phs@3.0.1+fujian@1.2.0, is built on
 * 3.0.1), end to end over HTTP.
 *
 * path                                                           → test ("given …")
 * StartEvent_referral (POST …/instances) → UserTask_fill
 *   → SendTask_notify_county → UserTask_decide                   → "a township doctor refers …"
 * StartEvent_urgent (message urgentReferral; the outbox starts it from a follow-up)
 *   → UserTask_fill_urgent → SendTask_notify_county
 *   → UserTask_decide                                            → "a follow-up whose blood …"
 *   (POST …/instances takes no `message`: only the outbox starts the urgent path)
 * Gateway_decision Flow_accept → ReceiveTask_arrival
 *   (referralPatientArrived) → UserTask_return
 *   → SendTask_notify_return → Gateway_program                   → "a township doctor refers …"
 * ReceiveTask_arrival, the patient never arrives (no boundary)   → "an accepted referral …"
 * Gateway_decision Flow_decline → SendTask_notify_declined
 *   → EndEvent_declined                                          → "a referral, when the county …"
 * Gateway_decision, no branch matches (no default flow)          → "… without deciding …"
 * Gateway_program default Flow_program_hypertension
 *   → UserTask_followup_hypertension → EndEvent_done             → "a township doctor refers …"
 *   Boundary_followup_hypertension_due (P14D, non-interrupting)
 *     → ServiceTask_escalate_hypertension
 *     → EndEvent_escalated_hypertension                          → "a returned patient …"
 * Gateway_program Flow_program_diabetes (program = diabetes)
 *   → UserTask_followup_diabetes → EndEvent_done                 → "a diabetic patient …"
 *   Boundary_followup_diabetes_due (P14D, non-interrupting)
 *     → ServiceTask_escalate_diabetes
 *     → EndEvent_escalated_diabetes                              → "a returned diabetic patient …"
 * (task guards, on UserTask_fill: 422 on invalid data, 409 on a stale version)
 */

const CLINIC = '350121101201-V01';
const DAY = 24 * 3600_000;
const f = new WorkflowScenario();
const { openTask, complete, view, timerRows } = f;
let township: string;
let county: string;
/** A township doctor of another township and a clinician of another county (Lianjiang). */
let otherTownship: string;
let otherCounty: string;

const resident = () => f.resident(township, CLINIC, '1958-03-14', 500, '转诊对象');

/** Asserts who sees the instance's tasks: each worklist lists exactly these elements. */
const worklists = (instanceId: string, expected: { township?: string[]; county?: string[] }) =>
  f.worklists(instanceId, { township, county, otherTownship, otherCounty }, expected);

const instance = (id: string) => view(township, id);

async function startReferral(subjectId: string, variables?: Record<string, unknown>) {
  const started = await f.start('two-way-referral', township, {
    subjectId,
    businessKey: `ref-${subjectId}`,
    ...(variables ? { variables } : {}),
  });
  return started.id;
}

const arrive = (businessKey: string) =>
  f.message(county, { message: 'referralPatientArrived', businessKey });

/** A referral the county accepted: the county waits for the patient. */
async function accepted(variables?: Record<string, unknown>) {
  const subjectId = await resident();
  const id = await startReferral(subjectId, variables);
  await complete(township, await openTask(township, id, 'UserTask_fill'), { data: REFERRAL_OUT });
  await complete(county, await openTask(county, id, 'UserTask_decide'), {
    variables: { decision: 'accept' },
  });
  return { id, businessKey: `ref-${subjectId}` };
}

/** An accepted referral whose patient came and went home with a return slip. */
async function returned(variables?: Record<string, unknown>) {
  const { id, businessKey } = await accepted(variables);
  expect(await arrive(businessKey)).toEqual([id]);
  await complete(county, await openTask(county, id, 'UserTask_return'), { data: REFERRAL_RETURN });
  return id;
}

let users: Record<keyof typeof MINHOU_DOCTORS, TestUser>;
/** Signs the doctors in again (sessions expire when a test moves the clock by days). */
async function signIn() {
  ({ township, county, otherTownship, otherCounty } = await f.signIn(users));
}

beforeAll(async () => {
  await f.startEngine();
  users = await f.users(MINHOU_DOCTORS);
}, 60_000);
beforeEach(signIn);
afterAll(() => f.stop());

describe('two-way referral', () => {
  it('given a township doctor refers a patient up, when the county accepts, the patient arrives and is returned, then the township follows up within 2 weeks and the referral closes', async () => {
    const subjectId = await resident();
    const id = await startReferral(subjectId);
    const first = await f.request('GET', `/api/workflows/instances/${id}`, township);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.releaseId).toBe('national-phs@3.0.1+fujian@1.2.0');
    await worklists(id, { township: ['UserTask_fill'] });

    const fill = await openTask(township, id, 'UserTask_fill');
    const filled = await complete(township, fill, { data: REFERRAL_OUT });
    expect(filled.task.submissionId).toMatch(/^[0-9a-f-]{36}$/);

    // The county hospital sees the decision on its worklist (the township does not).
    const decide = await openTask(county, id, 'UserTask_decide');
    expect(decide.candidateOrgPath).toMatch(/\/350121\/$/);
    await worklists(id, { county: ['UserTask_decide'] });
    expect(notices(await instance(id))).toEqual(['SendTask_notify_county']);
    await complete(county, decide, { variables: { decision: 'accept' } });

    const arrived = await f.request('POST', '/api/workflows/messages', county, {
      message: 'referralPatientArrived',
      businessKey: `ref-${subjectId}`,
    });
    expect(arrived.body.instances).toEqual([id]);

    const ret = await openTask(county, id, 'UserTask_return');
    await worklists(id, { county: ['UserTask_return'] });
    await complete(county, ret, { data: REFERRAL_RETURN });

    // No programme given: the default flow, hypertension.
    const followUp = await openTask(township, id, 'UserTask_followup_hypertension');
    await worklists(id, { township: ['UserTask_followup_hypertension'] });
    expect(new Date(followUp.dueAt!).getTime() - f.clock.now().getTime()).toBe(14 * DAY);
    const done = await complete(township, followUp, { data: HT_VISIT });
    expect(done.instance.status).toBe('completed');

    const view = await instance(id);
    const events = view.history.map((h: { event: string }) => h.event);
    expect(events[0]).toBe('instance.started');
    expect(events).toContain('notified');
    expect(notices(view)).toEqual(['SendTask_notify_county', 'SendTask_notify_return']);
    expect(reached(view, 'EndEvent_done')).toBe(true);
    expect(events.at(-1)).toBe('instance.completed');
    expect(view.tasks.every((t: { status: string }) => t.status === 'completed')).toBe(true);
    expect(await timerRows(id)).toEqual(['Boundary_followup_hypertension_due:cancelled']);
    await worklists(id, {});
  });

  it('given a referral, when the county declines with a reason, then the township is notified and the referral ends', async () => {
    const subjectId = await resident();
    const id = await startReferral(subjectId);
    await complete(township, await openTask(township, id, 'UserTask_fill'), { data: REFERRAL_OUT });
    const result = await complete(county, await openTask(county, id, 'UserTask_decide'), {
      variables: { decision: 'decline', declineReason: '床位已满' },
    });
    expect(result.instance.status).toBe('completed');
    expect(result.instance.variables.declineReason).toBe('床位已满');
    const view = await instance(id);
    expect(
      view.history.some(
        (h: { elementId: string | null }) => h.elementId === 'SendTask_notify_declined',
      ),
    ).toBe(true);
    expect(notices(view)).toEqual(['SendTask_notify_county', 'SendTask_notify_declined']);
    expect(reached(view, 'EndEvent_declined')).toBe(true);
    expect(reached(view, 'ReceiveTask_arrival')).toBe(false);
    await worklists(id, {});
    // Nobody waits for the patient: an arrival message moves nothing.
    expect(await arrive(`ref-${subjectId}`)).toEqual([]);
    expect((await instance(id)).status).toBe('completed');
  });

  it('given the county completes its decision without deciding, when no branch of the gateway matches, then 422 names the gateway, the task stays open and nothing moves; with a decision it goes through', async () => {
    const id = await startReferral(await resident());
    await complete(township, await openTask(township, id, 'UserTask_fill'), { data: REFERRAL_OUT });
    const before = await instance(id);
    const decide = await openTask(county, id, 'UserTask_decide');
    const refused = await f.attempt(county, decide, { variables: {} });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'no_branch_taken',
      details: { elementId: 'Gateway_decision' },
    });
    expect(await instance(id)).toEqual(before);
    await worklists(id, { county: ['UserTask_decide'] });
    await complete(county, decide, { variables: { decision: 'accept' } });
    await worklists(id, {});
    expect((await instance(id)).status).toBe('waiting');
  });

  it('given an accepted referral, when the patient never arrives, then nothing falls due, nobody has a task and the county still waits for the patient', async () => {
    const { id, businessKey } = await accepted();
    await worklists(id, {});
    const [subscriptions] = await f.t.engine.database.sequelize.query(
      'SELECT element_id, status FROM workflow_subscriptions WHERE instance_id = $1',
      { bind: [id] },
    );
    expect(subscriptions).toEqual([{ element_id: 'ReceiveTask_arrival', status: 'waiting' }]);
    expect(await timerRows(id)).toEqual([]);

    f.clock.advance(60 * DAY);
    await f.t.engine.timerPoller!.poll();
    await signIn();
    const view = await instance(id);
    expect(view.status).toBe('waiting');
    expect(firedTimers(view)).toEqual([]);
    await worklists(id, {});
    // Another patient's arrival does not move it; its own does, even two months late.
    expect(await arrive(`${businessKey}-other`)).toEqual([]);
    expect(await arrive(businessKey)).toEqual([id]);
    await worklists(id, { county: ['UserTask_return'] });
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
        (h: { elementId: string | null }) => h.elementId === 'ServiceTask_escalate_hypertension',
      ),
    ).toBe(true);
    expect(notices(view)).toContain('ServiceTask_escalate_hypertension');
    expect(reached(view, 'EndEvent_escalated_hypertension')).toBe(true);
    expect(view.status).toBe('waiting');
    const late = await openTask(township, id, 'UserTask_followup_hypertension');
    await worklists(id, { township: ['UserTask_followup_hypertension'] });
    // The late follow-up still closes the referral.
    const done = await complete(township, late, { data: HT_VISIT });
    expect(done.instance.status).toBe('completed');
    expect(await timerRows(id)).toEqual(['Boundary_followup_hypertension_due:fired']);
  });

  it('given a diabetic patient referred up (program = diabetes), when the patient is returned, then the township gets the diabetes follow-up due in 14 days and completing it closes the referral', async () => {
    const id = await returned({ program: 'diabetes' });
    const followUp = await openTask(township, id, 'UserTask_followup_diabetes');
    await worklists(id, { township: ['UserTask_followup_diabetes'] });
    expect(new Date(followUp.dueAt!).getTime() - f.clock.now().getTime()).toBe(14 * DAY);
    const done = await complete(township, followUp, { data: DM_VISIT });
    expect(done.instance.status).toBe('completed');
    expect(done.task.submissionId).toMatch(/^[0-9a-f-]{36}$/);
    const view = await instance(id);
    expect(reached(view, 'EndEvent_done')).toBe(true);
    expect(view.tasks.map((t) => t.elementId)).not.toContain('UserTask_followup_hypertension');
    expect(await timerRows(id)).toEqual(['Boundary_followup_diabetes_due:cancelled']);
  });

  it('given a returned diabetic patient, when the township has not followed up in 14 days, then the diabetes overdue notice fires once, the follow-up stays open and completing it closes the referral', async () => {
    const id = await returned({ program: 'diabetes' });
    const poller = f.t.engine.timerPoller!;
    f.clock.advance(14 * DAY - 1000);
    await poller.poll();
    await signIn();
    expect(firedTimers(await instance(id))).toEqual([]);
    f.clock.advance(2000);
    await poller.poll();
    await poller.poll();
    await signIn();
    const view = await instance(id);
    expect(firedTimers(view)).toEqual(['Boundary_followup_diabetes_due']);
    expect(notices(view)).toContain('ServiceTask_escalate_diabetes');
    expect(reached(view, 'EndEvent_escalated_diabetes')).toBe(true);
    expect(view.status).toBe('waiting');
    const late = await openTask(township, id, 'UserTask_followup_diabetes');
    await worklists(id, { township: ['UserTask_followup_diabetes'] });
    const done = await complete(township, late, { data: DM_VISIT });
    expect(done.instance.status).toBe('completed');
    expect(await timerRows(id)).toEqual(['Boundary_followup_diabetes_due:fired']);
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
    await worklists(id, { township: ['UserTask_fill_urgent'] });
    const started = await instance(id);
    expect(started.variables).toMatchObject({
      subjectId,
      urgency: '2',
      program: 'hypertension',
      sbp: 186,
      dbp: 112,
    });
    expect(started.history[0]).toMatchObject({
      event: 'instance.started',
      details: { message: 'urgentReferral' },
    });
    await complete(township, confirm, { data: { ...REFERRAL_OUT, urgency: '1' } });
    await openTask(county, id, 'UserTask_decide');
    await worklists(id, { county: ['UserTask_decide'] });
    expect(notices(await instance(id))).toEqual(['SendTask_notify_county']);
  });

  it('given a referral-out with a date in the future, when the township completes the task, then 422, nothing moves and the corrected slip goes through', async () => {
    const id = await startReferral(await resident());
    const fill = await openTask(township, id, 'UserTask_fill');
    const bad = await f.attempt(township, fill, {
      data: { ...REFERRAL_OUT, referralDate: '2099-01-01' },
    });
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
    const again = await f.attempt(township, fill, { data: REFERRAL_OUT });
    expect(again.status).toBe(409);
  });
});
