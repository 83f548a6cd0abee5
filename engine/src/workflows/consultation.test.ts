import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/index.js';
import { CONSULT_REPORT, CONSULT_REQUEST } from './fixtures/forms.js';
import {
  firedTimers,
  MINHOU_DOCTORS,
  notices,
  reached,
  WorkflowScenario,
} from './fixtures/workflowScenario.js';

/*
 * Every path of seed/national-phs/3.0.1/workflows/remote-consultation.bpmn (the Fujian release
 * the residents get, national-phs@3.0.1+fujian@1.2.0, is built on 3.0.1), end to end over HTTP.
 * The urgency is the request form's own consult-urgency code: "2" urgent, "1" normal.
 *
 * path                                                           → test ("given …")
 * StartEvent_consult → UserTask_request → Gateway_urgency        → every test
 * Gateway_urgency default Flow_routine (urgency = "1")
 *   → UserTask_triage                                            → "a routine request …"
 *   Boundary_triage_48h (PT48H, non-interrupting)
 *     → ServiceTask_triage_late → EndEvent_triage_late           → "a routine request …"
 *   Boundary_triage_cancel (consultCancelled, interrupting)
 *     → ServiceTask_cancelled → EndEvent_cancelled               → "a request waiting for triage …"
 * Gateway_urgency Flow_urgent (urgency = "2")
 *   → UserTask_triage_urgent                                     → "an urgent request, then …"
 *   Boundary_triage_urgent_12h (PT12H, non-interrupting)
 *     → ServiceTask_triage_urgent_late
 *     → EndEvent_triage_urgent_late                              → "an urgent request, then …"
 *   Boundary_triage_urgent_cancel (consultCancelled, interrupting)
 *     → ServiceTask_cancelled → EndEvent_cancelled               → "an urgent request waiting …"
 * Gateway_triage (from routine triage) Flow_triage_accept
 *   → UserTask_confirm                                           → "a routine request …"
 * Gateway_triage (from urgent triage) Flow_triage_accept         → "an urgent request, when …"
 * Gateway_triage (from routine triage) Flow_triage_return
 *   → UserTask_amend                                             → "a request the triage returns …"
 * Gateway_triage (from urgent triage) Flow_triage_return         → "an urgent request the triage …"
 * Gateway_triage, no branch matches (no default flow)            → "… a triage without an outcome"
 * Gateway_resubmit Flow_resubmit (resubmit = true)
 *   → Gateway_urgency → UserTask_triage                          → "a request the triage returns …"
 *   → Gateway_urgency → UserTask_triage_urgent                   → "an urgent request the triage …"
 * Gateway_resubmit default Flow_withdrawn → EndEvent_returned    → "… withdraws it …"
 * UserTask_confirm → UserTask_consult (no decline/return by the expert in the BPMN)
 *                                                                → "a routine request …"
 *   Boundary_confirm_cancel (consultCancelled, interrupting)
 *     → ServiceTask_cancelled → EndEvent_cancelled               → "… waiting for the expert …"
 * UserTask_consult → ServiceTask_sign (sign-report)
 *   → SendTask_report_back → EndEvent_done                       → "a routine request …"
 *   Boundary_consult_3d (P3D, non-interrupting)
 *     → ServiceTask_consult_late → EndEvent_consult_late         → "a confirmed consultation …"
 *   consultCancelled after the confirmation (no boundary there)  → "… cancels too late"
 */

const CLINIC = '350121101201-V01';
const HOUR = 3600_000;
const f = new WorkflowScenario();
const { openTask, complete, timerRows } = f;
let users: Record<keyof typeof MINHOU_DOCTORS, TestUser>;
let township: string;
let county: string;
/** A township doctor of another township and a clinician of another county (Lianjiang). */
let otherTownship: string;
let otherCounty: string;

/** Signs the doctors in again (sessions expire when a test moves the clock by days). */
async function signIn() {
  ({ township, county, otherTownship, otherCounty } = await f.signIn(users));
}

async function startConsultation(): Promise<string> {
  const subjectId = await f.resident(township, CLINIC, '1967-05-02', 700, '会诊对象');
  const started = await f.start('remote-consultation', township, {
    subjectId,
    businessKey: `consult-${subjectId}`,
  });
  return started.id;
}

/** Asserts who sees the instance's tasks: each worklist lists exactly these elements. */
const worklists = (instanceId: string, expected: { township?: string[]; county?: string[] }) =>
  f.worklists(instanceId, { township, county, otherTownship, otherCounty }, expected);

const view = (id: string) => f.view(township, id);

/** The requester cancels (message consultCancelled); returns the instances it moved. */
const cancel = (id: string) => f.message(township, { message: 'consultCancelled', instanceId: id });

/** Moves the clock and fires what fell due; signs the doctors in again. */
async function after(ms: number) {
  f.clock.advance(ms);
  await f.t.engine.timerPoller!.poll();
  await f.t.engine.timerPoller!.poll();
  await signIn();
}

/** A routine request filled by the township: the county's triage is next. */
async function requested(extra: object = {}) {
  const id = await startConsultation();
  await complete(township, await openTask(township, id, 'UserTask_request'), {
    data: CONSULT_REQUEST,
    ...extra,
  });
  return id;
}

/** An urgent request: the form's consult-urgency code "2", whose data the gateway reads. */
const URGENT_REQUEST = { ...CONSULT_REQUEST, urgency: '2' };
const URGENT = { data: URGENT_REQUEST };

/** A routine request the triage accepted: the expert's confirmation is next. */
async function triaged() {
  const id = await requested();
  await complete(county, await openTask(county, id, 'UserTask_triage'), {
    variables: { triage: 'accept' },
  });
  return id;
}

beforeAll(async () => {
  // The CA: a test plugin whose sign-report signs the expert's report through api.signatures.
  await f.startEngine({
    plugins: [new URL('./fixtures/reportSigningPlugin.ts', import.meta.url).pathname],
  });
  users = await f.users(MINHOU_DOCTORS);
}, 60_000);
beforeEach(signIn);
afterAll(() => f.stop());

describe('remote consultation', () => {
  it('given a routine request (urgency code "1"), when nobody triages it in 48 h, then the overdue notice fires once; when the county accepts, the expert confirms and reports, then the report is signed and the consultation closes', async () => {
    const id = await requested();
    expect((await view(id)).variables.urgency).toBe('1');
    await worklists(id, { county: ['UserTask_triage'] });
    const triage = await openTask(county, id, 'UserTask_triage');
    expect(triage.candidateOrgPath).toMatch(/\/350121\/$/);
    expect(new Date(triage.dueAt!).getTime() - f.clock.now().getTime()).toBe(48 * HOUR);

    const poller = f.t.engine.timerPoller!;
    f.clock.advance(47 * HOUR);
    await poller.poll();
    await signIn();
    expect(firedTimers(await view(id))).toEqual([]);
    f.clock.advance(HOUR + 1000);
    await poller.poll();
    await poller.poll();
    await signIn();
    expect(firedTimers(await view(id))).toEqual(['Boundary_triage_48h']);
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
    // The report is signed by the expert who wrote it, and its signature verifies
    const reportId = done.task.submissionId as string;
    expect(reportId).toEqual(expect.any(String));
    const verified = await f.request('GET', `/api/submissions/${reportId}/signature`, county);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({
      status: 'valid',
      signer: `CN=${users.county.username}, O=Formwork Test`,
      revision: 1,
      signedRevision: 1,
    });
    // The request (a form marked x-signable) was signed by the township doctor as it was stored
    const request = (await view(id)).tasks.find((t) => t.elementId === 'UserTask_request');
    const requestSignature = await f.request(
      'GET',
      `/api/submissions/${request!.submissionId}/signature`,
      township,
    );
    expect(requestSignature.body).toMatchObject({
      status: 'valid',
      signer: `CN=${users.township.username}, O=Formwork Test`,
    });
  });

  it('given an urgent request (urgency code "2" filled in the form, no variables), then triage is due in 12 h and its overdue notice fires at 12 h', async () => {
    const id = await requested(URGENT);
    expect((await view(id)).variables.urgency).toBe('2');
    await worklists(id, { county: ['UserTask_triage_urgent'] });
    const triage = await openTask(county, id, 'UserTask_triage_urgent');
    expect(new Date(triage.dueAt!).getTime() - f.clock.now().getTime()).toBe(12 * HOUR);
    f.clock.advance(12 * HOUR + 1000);
    await f.t.engine.timerPoller!.poll();
    await signIn();
    expect(firedTimers(await view(id))).toEqual(['Boundary_triage_urgent_12h']);
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

  it('given an urgent request, when the county triages it in time and accepts it, then the 12 h notice never fires, the expert confirms and reports and the consultation closes', async () => {
    const id = await requested(URGENT);
    await worklists(id, { county: ['UserTask_triage_urgent'] });
    const triage = await openTask(county, id, 'UserTask_triage_urgent');
    expect(triage.candidateOrgPath).toMatch(/\/350121\/$/);
    await after(11 * HOUR);
    await complete(county, await openTask(county, id, 'UserTask_triage_urgent'), {
      variables: { triage: 'accept' },
    });
    expect(await timerRows(id)).toEqual(['Boundary_triage_urgent_12h:cancelled']);

    const confirm = await openTask(county, id, 'UserTask_confirm');
    expect(confirm.dueAt).toBeNull();
    await worklists(id, { county: ['UserTask_confirm'] });
    await after(2 * HOUR);
    expect(firedTimers(await view(id))).toEqual([]);
    await complete(county, await openTask(county, id, 'UserTask_confirm'), { variables: {} });
    await worklists(id, { county: ['UserTask_consult'] });
    const done = await complete(county, await openTask(county, id, 'UserTask_consult'), {
      data: CONSULT_REPORT,
    });
    expect(done.instance.status).toBe('completed');
    expect(done.instance.variables).toMatchObject({ urgency: '2', reportSigned: true });
    expect(notices(await view(id))).toEqual(['SendTask_report_back']);
    expect(reached(await view(id), 'EndEvent_done')).toBe(true);
    const tasks = (await view(id)).tasks.map((t) => `${t.elementId}:${t.status}`);
    expect(tasks.sort()).toEqual([
      'UserTask_confirm:completed',
      'UserTask_consult:completed',
      'UserTask_request:completed',
      'UserTask_triage_urgent:completed',
    ]);
    await worklists(id, {});
  });

  it('given an urgent request waiting for triage, when the requester cancels it, then the urgent triage and its 12 h timer are cancelled, everyone is notified and the consultation ends', async () => {
    const id = await requested(URGENT);
    const triage = await openTask(county, id, 'UserTask_triage_urgent');
    expect(await cancel(id)).toEqual([id]);
    const v = await view(id);
    expect(v.status).toBe('completed');
    expect(notices(await view(id))).toEqual(['ServiceTask_cancelled']);
    expect(reached(await view(id), 'EndEvent_cancelled')).toBe(true);
    expect(v.tasks.find((t) => t.elementId === 'UserTask_triage_urgent')?.status).toBe('cancelled');
    expect(await timerRows(id)).toEqual(['Boundary_triage_urgent_12h:cancelled']);
    await worklists(id, {});
    // Nothing of it falls due later, and the county can no longer triage it.
    await after(12 * HOUR + 1000);
    expect(firedTimers(await view(id))).toEqual([]);
    const late = await f.attempt(county, triage, { variables: { triage: 'accept' } });
    expect(late.status).toBe(409);
    // A second cancellation finds nothing waiting.
    expect(await cancel(id)).toEqual([]);
  });

  it('given an urgent request the triage returns, when the township amends and resubmits it, then it is back in urgent triage, due again in 12 h', async () => {
    const id = await requested(URGENT);
    await complete(county, await openTask(county, id, 'UserTask_triage_urgent'), {
      variables: { triage: 'return' },
    });
    expect(await timerRows(id)).toEqual(['Boundary_triage_urgent_12h:cancelled']);
    await worklists(id, { township: ['UserTask_amend'] });
    expect((await openTask(township, id, 'UserTask_amend')).dueAt).toBeNull();
    await after(HOUR);
    // The amended form's data goes to the process again: still urgency "2".
    await complete(township, await openTask(township, id, 'UserTask_amend'), {
      data: URGENT_REQUEST,
      variables: { resubmit: true },
    });
    const again = await openTask(county, id, 'UserTask_triage_urgent');
    expect(new Date(again.dueAt!).getTime() - f.clock.now().getTime()).toBe(12 * HOUR);
    await worklists(id, { county: ['UserTask_triage_urgent'] });
    expect((await timerRows(id)).sort()).toEqual([
      'Boundary_triage_urgent_12h:cancelled',
      'Boundary_triage_urgent_12h:pending',
    ]);
  });

  it('given a request the triage returns, when the township withdraws it instead of resubmitting, then the consultation ends as returned and nobody has a task', async () => {
    const id = await requested();
    await complete(county, await openTask(county, id, 'UserTask_triage'), {
      variables: { triage: 'return' },
    });
    await worklists(id, { township: ['UserTask_amend'] });
    const done = await complete(township, await openTask(township, id, 'UserTask_amend'), {
      variables: {},
    });
    expect(done.instance.status).toBe('completed');
    expect(reached(await view(id), 'EndEvent_returned')).toBe(true);
    expect(reached(await view(id), 'UserTask_confirm')).toBe(false);
    expect(await timerRows(id)).toEqual(['Boundary_triage_48h:cancelled']);
    await worklists(id, {});
    expect(await cancel(id)).toEqual([]);
  });

  it('given the county completes a triage without an outcome, when no branch of the gateway matches, then 422 names the gateway and the triage task stays open', async () => {
    const id = await requested();
    const before = await view(id);
    const triage = await openTask(county, id, 'UserTask_triage');
    const refused = await f.attempt(county, triage, { variables: {} });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'no_branch_taken',
      details: { elementId: 'Gateway_triage' },
    });
    expect(await view(id)).toEqual(before);
    await worklists(id, { county: ['UserTask_triage'] });
  });

  it('given a request waiting for the expert to confirm, when the requester cancels it, then the confirmation is cancelled, everyone is notified and the consultation ends', async () => {
    const id = await triaged();
    const confirm = await openTask(county, id, 'UserTask_confirm');
    await worklists(id, { county: ['UserTask_confirm'] });
    expect(await cancel(id)).toEqual([id]);
    const v = await view(id);
    expect(v.status).toBe('completed');
    expect(notices(await view(id))).toEqual(['ServiceTask_cancelled']);
    expect(reached(await view(id), 'EndEvent_cancelled')).toBe(true);
    expect(v.tasks.find((t) => t.elementId === 'UserTask_confirm')?.status).toBe('cancelled');
    expect(v.tasks.some((t) => t.elementId === 'UserTask_consult')).toBe(false);
    expect(await timerRows(id)).toEqual(['Boundary_triage_48h:cancelled']);
    await worklists(id, {});
    const late = await f.attempt(county, confirm, { variables: {} });
    expect(late.status).toBe(409);
  });

  it('given an expert who confirmed, when the requester cancels too late, then nothing moves and the consultation goes on', async () => {
    const id = await triaged();
    await complete(county, await openTask(county, id, 'UserTask_confirm'), { variables: {} });
    expect(await cancel(id)).toEqual([]);
    const v = await view(id);
    expect(v.status).toBe('waiting');
    expect(v.history.some((h) => h.elementId === 'ServiceTask_cancelled')).toBe(false);
    await worklists(id, { county: ['UserTask_consult'] });
    const done = await complete(county, await openTask(county, id, 'UserTask_consult'), {
      data: CONSULT_REPORT,
    });
    expect(done.instance.status).toBe('completed');
  });

  it('given a confirmed consultation, when the expert has not reported in 3 days, then the overdue notice fires once, the report stays on the worklist and its late report still closes the consultation', async () => {
    const id = await triaged();
    await complete(county, await openTask(county, id, 'UserTask_confirm'), { variables: {} });
    const consult = await openTask(county, id, 'UserTask_consult');
    expect(new Date(consult.dueAt!).getTime() - f.clock.now().getTime()).toBe(72 * HOUR);
    await after(71 * HOUR);
    expect(firedTimers(await view(id))).toEqual([]);
    await after(HOUR + 1000);
    expect(firedTimers(await view(id))).toEqual(['Boundary_consult_3d']);
    expect(notices(await view(id))).toEqual(['ServiceTask_consult_late']);
    expect(reached(await view(id), 'EndEvent_consult_late')).toBe(true);
    expect((await view(id)).status).toBe('waiting');
    await worklists(id, { county: ['UserTask_consult'] });
    await after(3 * 24 * HOUR);
    expect(firedTimers(await view(id))).toEqual(['Boundary_consult_3d']);
    const done = await complete(county, await openTask(county, id, 'UserTask_consult'), {
      data: CONSULT_REPORT,
    });
    expect(done.instance.status).toBe('completed');
    expect(done.instance.variables.reportSigned).toBe(true);
    expect(notices(await view(id))).toEqual(['ServiceTask_consult_late', 'SendTask_report_back']);
    expect((await timerRows(id)).sort()).toEqual([
      'Boundary_consult_3d:fired',
      'Boundary_triage_48h:cancelled',
    ]);
  });
});
