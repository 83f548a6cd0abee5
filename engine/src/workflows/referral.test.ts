import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/index.js';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import {
  DM_VISIT,
  POSTPARTUM_VISIT,
  PRENATAL_VISIT,
  REFERRAL_OUT,
  REFERRAL_RETURN,
} from './fixtures/forms.js';
import {
  firedTimers,
  MINHOU_DOCTORS,
  notices,
  noticeTemplates,
  reached,
  WorkflowScenario,
  type Completed,
} from './fixtures/workflowScenario.js';

/*
 * Every path of seed/national-phs/3.0.1/workflows/two-way-referral.bpmn (served to Fujian's
 * clinics as national-phs@3.0.1+fujian@1.2.0, which leaves it as 3.0.1 has it), end to end over
 * HTTP. The township follows the referral up within 2 weeks of the referral, whether or not the
 * county admits the patient or returns a slip (规范：两周内随访转诊结果).
 *
 * path                                                           → test ("given …")
 * StartEvent_referral (POST …/instances) → UserTask_fill
 *   → SendTask_notify_county → Gateway_referred (parallel)
 *   ├ → UserTask_decide (county)                                 → "a township doctor refers …"
 *   └ → Gateway_program (program on the slip, referral-program)
 *       Flow_program_hypertension ("1")
 *         → UserTask_followup_hypertension, due 14 days from the
 *           referral → EndEvent_followed_up_hypertension         → "a township doctor refers …"
 *       Flow_program_diabetes ("2") → UserTask_followup_diabetes
 *       Flow_program_prenatal ("3") → UserTask_followup_prenatal
 *       Flow_program_postpartum ("4")
 *         → UserTask_followup_postpartum                         → "a referral whose slip names …"
 *       Boundary_followup_*_due (P14D, non-interrupting)
 *         → ServiceTask_escalate_* → EndEvent_escalated_*        → "a referral the county accepted …"
 *       completeWhen (visitMode 1 or 2) on the hypertension and
 *         diabetes follow-ups                                    → "… by phone …"
 * StartEvent_urgent (message urgentReferral; started by the spec's triggers, urgentReferrals.test.ts)
 *   → UserTask_fill_urgent → SendTask_notify_county → …
 * Gateway_decision Flow_accept → ReceiveTask_arrival
 *   (referralPatientArrived) → UserTask_return
 *   → SendTask_notify_return → EndEvent_returned                 → "a township doctor refers …"
 * ReceiveTask_arrival Boundary_arrival_timeout
 *   (referralArrivalTimeoutDays, national 7; interrupting)
 *   → SendTask_notify_not_arrived → EndEvent_not_arrived         → "an accepted referral whose patient …"
 * Gateway_decision Flow_decline → SendTask_notify_declined
 *   → EndEvent_declined                                          → "a referral the county declines …"
 * Gateway_decision, no branch matches (no default flow)          → "… without deciding …"
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

async function startReferral(subjectId: string) {
  const started = await f.start('two-way-referral', township, {
    subjectId,
    businessKey: `ref-${subjectId}`,
  });
  return started.id;
}

const arrive = (businessKey: string) =>
  f.message(county, { message: 'referralPatientArrived', businessKey });

/** Milliseconds from now until a task falls due. */
const dueIn = (task: { dueAt: string | null }) =>
  new Date(task.dueAt!).getTime() - f.clock.now().getTime();

/** A referral whose slip the township has sent (programme as given): the county decides. */
async function referred(slip: Record<string, unknown> = {}) {
  const subjectId = await resident();
  const id = await startReferral(subjectId);
  const sent = await complete(township, await openTask(township, id, 'UserTask_fill'), {
    data: { ...REFERRAL_OUT, ...slip },
  });
  return { id, businessKey: `ref-${subjectId}`, subjectId, sent };
}

/** A referral the county accepted: the county waits for the patient. */
async function accepted(slip: Record<string, unknown> = {}) {
  const referral = await referred(slip);
  await complete(county, await openTask(county, referral.id, 'UserTask_decide'), {
    variables: { decision: 'accept' },
  });
  return referral;
}

/** A referral the county declined: only the township's follow-up is left. */
async function declined(slip: Record<string, unknown> = {}) {
  const referral = await referred(slip);
  await complete(county, await openTask(county, referral.id, 'UserTask_decide'), {
    variables: { decision: 'decline', declineReason: '床位已满' },
  });
  return referral;
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
  it('given a township doctor refers a patient up, when the slip is sent, then the county decides and the township’s follow-up is due 14 days from the referral; when the patient is admitted and returned 5 days later, it is still due then, and the clinic visit closes the referral', async () => {
    const subjectId = await resident();
    const id = await startReferral(subjectId);
    const first = await f.request('GET', `/api/workflows/instances/${id}`, township);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.releaseId).toBe('national-phs@3.0.1+fujian@1.2.0');
    await worklists(id, { township: ['UserTask_fill'] });

    const referredAt = f.clock.now().getTime();
    const filled = await complete(township, await openTask(township, id, 'UserTask_fill'), {
      data: REFERRAL_OUT,
    });
    expect(filled.task.submissionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(filled.instance.variables).toMatchObject({ program: '1', urgency: '1' });

    // The county decides; the township already has the follow-up of the referral, due in 14 days.
    const decide = await openTask(county, id, 'UserTask_decide');
    expect(decide.candidateOrgPath).toMatch(/\/350121\/$/);
    await worklists(id, {
      township: ['UserTask_followup_hypertension'],
      county: ['UserTask_decide'],
    });
    const followUp = await openTask(township, id, 'UserTask_followup_hypertension');
    expect(new Date(followUp.dueAt!).getTime() - referredAt).toBe(14 * DAY);
    expect(notices(await instance(id))).toEqual(['SendTask_notify_county']);

    f.clock.advance(2 * DAY);
    await signIn();
    await complete(county, decide, { variables: { decision: 'accept' } });
    f.clock.advance(1 * DAY);
    await signIn();
    expect(await arrive(`ref-${subjectId}`)).toEqual([id]);
    await worklists(id, {
      township: ['UserTask_followup_hypertension'],
      county: ['UserTask_return'],
    });
    f.clock.advance(2 * DAY);
    await signIn();
    await complete(county, await openTask(county, id, 'UserTask_return'), {
      data: REFERRAL_RETURN,
    });

    // Returned on day 5: the follow-up is still due on day 14 of the referral, not day 19.
    const still = await openTask(township, id, 'UserTask_followup_hypertension');
    expect(still.dueAt).toBe(followUp.dueAt);
    expect(dueIn(still)).toBe(9 * DAY);
    await worklists(id, { township: ['UserTask_followup_hypertension'] });
    const done = await complete(township, still, { data: HT_VISIT });
    expect(done.instance.status).toBe('completed');

    const view = await instance(id);
    const events = view.history.map((h: { event: string }) => h.event);
    expect(events[0]).toBe('instance.started');
    expect(notices(view)).toEqual(['SendTask_notify_county', 'SendTask_notify_return']);
    expect(reached(view, 'EndEvent_returned')).toBe(true);
    expect(reached(view, 'EndEvent_followed_up_hypertension')).toBe(true);
    expect(events.at(-1)).toBe('instance.completed');
    expect(view.tasks.every((t: { status: string }) => t.status === 'completed')).toBe(true);
    expect(await timerRows(id)).toEqual([
      'Boundary_arrival_timeout:cancelled',
      'Boundary_followup_hypertension_due:cancelled',
    ]);
    await worklists(id, {});
  });

  it('given a referral the county declines with a reason, then the township is notified, nobody waits for the patient and the township’s follow-up is still due 14 days from the referral; the clinic visit closes the referral', async () => {
    const referredAt = f.clock.now().getTime();
    const { id, businessKey } = await referred();
    f.clock.advance(1 * DAY);
    await signIn();
    const result = await complete(county, await openTask(county, id, 'UserTask_decide'), {
      variables: { decision: 'decline', declineReason: '床位已满' },
    });
    expect(result.instance.status).toBe('waiting');
    expect(result.instance.variables.declineReason).toBe('床位已满');
    const view = await instance(id);
    expect(notices(view)).toEqual(['SendTask_notify_county', 'SendTask_notify_declined']);
    expect(reached(view, 'EndEvent_declined')).toBe(true);
    expect(reached(view, 'ReceiveTask_arrival')).toBe(false);
    // Nobody waits for the patient: an arrival message moves nothing.
    expect(await arrive(businessKey)).toEqual([]);

    await worklists(id, { township: ['UserTask_followup_hypertension'] });
    const followUp = await openTask(township, id, 'UserTask_followup_hypertension');
    expect(new Date(followUp.dueAt!).getTime() - referredAt).toBe(14 * DAY);
    const done = await complete(township, followUp, { data: HT_VISIT });
    expect(done.instance.status).toBe('completed');
    expect(reached(await instance(id), 'EndEvent_followed_up_hypertension')).toBe(true);
  });

  it('given the county completes its decision without deciding, when no branch of the gateway matches, then 422 names the gateway, the task stays open and nothing moves; with a decision it goes through', async () => {
    const { id } = await referred();
    const before = await instance(id);
    const decide = await openTask(county, id, 'UserTask_decide');
    const refused = await f.attempt(county, decide, { variables: {} });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'no_branch_taken',
      details: { elementId: 'Gateway_decision' },
    });
    expect(await instance(id)).toEqual(before);
    await worklists(id, {
      township: ['UserTask_followup_hypertension'],
      county: ['UserTask_decide'],
    });
    await complete(county, decide, { variables: { decision: 'accept' } });
    await worklists(id, { township: ['UserTask_followup_hypertension'] });
    expect((await instance(id)).status).toBe('waiting');
  });

  it('given an accepted referral whose patient never arrives, when referralArrivalTimeoutDays (7 nationally) pass, then the non-arrival (不到位) is recorded and notified, the county stops waiting and the township still has the follow-up; a late arrival moves nothing', async () => {
    const { id, businessKey } = await accepted();
    await worklists(id, { township: ['UserTask_followup_hypertension'] });
    const [subscriptions] = await f.t.engine.database.sequelize.query(
      'SELECT element_id, status FROM workflow_subscriptions WHERE instance_id = $1',
      { bind: [id] },
    );
    expect(subscriptions).toEqual([{ element_id: 'ReceiveTask_arrival', status: 'waiting' }]);
    expect(await timerRows(id)).toEqual([
      'Boundary_arrival_timeout:pending',
      'Boundary_followup_hypertension_due:pending',
    ]);

    const poller = f.t.engine.timerPoller!;
    f.clock.advance(7 * DAY - 1000);
    await poller.poll();
    await signIn();
    expect(firedTimers(await instance(id))).toEqual([]);
    f.clock.advance(2000);
    await poller.poll();
    await poller.poll();
    await signIn();
    const view = await instance(id);
    expect(firedTimers(view)).toEqual(['Boundary_arrival_timeout']);
    expect(noticeTemplates(view)).toContain('referral-not-arrived');
    expect(notices(view)).toEqual(['SendTask_notify_county', 'SendTask_notify_not_arrived']);
    expect(reached(view, 'EndEvent_not_arrived')).toBe(true);
    expect(reached(view, 'ReceiveTask_arrival')).toBe(false);
    expect(view.status).toBe('waiting');
    expect(await f.rows('workflow_subscriptions', id)).toEqual(['ReceiveTask_arrival:cancelled']);
    expect(await arrive(businessKey)).toEqual([]);
    await worklists(id, { township: ['UserTask_followup_hypertension'] });
    const done = await complete(
      township,
      await openTask(township, id, 'UserTask_followup_hypertension'),
      { data: HT_VISIT },
    );
    expect(done.instance.status).toBe('completed');
  });

  it('given a province that waits 3 days for a referred patient (referralArrivalTimeoutDays = 3), when the county accepts, then the non-arrival falls due 3 days later', async () => {
    const { catalog, orgs } = f.t.engine.services;
    const release = catalog.forOrgPath((await orgs.get(CLINIC))!.path);
    const parameter = release.spec.parameters.parameters.find(
      (p) => p.key === 'referralArrivalTimeoutDays',
    )!;
    expect(parameter.value).toBe(7);
    parameter.value = 3;
    try {
      const { id } = await accepted();
      const [timers] = await f.t.engine.database.sequelize.query(
        `SELECT due_at FROM workflow_timers WHERE instance_id = $1
           AND element_id = 'Boundary_arrival_timeout'`,
        { bind: [id] },
      );
      const [timer] = timers as { due_at: Date }[];
      expect(new Date(timer!.due_at).getTime() - f.clock.now().getTime()).toBe(3 * DAY);
    } finally {
      parameter.value = 7;
    }
  });

  it('given a referral the county accepted but never returned (no return slip), when the township has not followed up 14 days after the referral, then the overdue notice fires once and the follow-up stays open; the late visit still closes the township’s part', async () => {
    const { id, businessKey } = await accepted();
    expect(await arrive(businessKey)).toEqual([id]);
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
    expect(firedTimers(view)).toEqual(['Boundary_followup_hypertension_due']);
    expect(notices(view)).toContain('ServiceTask_escalate_hypertension');
    expect(reached(view, 'EndEvent_escalated_hypertension')).toBe(true);
    await worklists(id, {
      township: ['UserTask_followup_hypertension'],
      county: ['UserTask_return'],
    });
    const done = await complete(
      township,
      await openTask(township, id, 'UserTask_followup_hypertension'),
      { data: HT_VISIT },
    );
    // The county still owes the return slip: the referral stays open for it.
    expect(done.instance.status).toBe('waiting');
    expect(await timerRows(id)).toEqual([
      'Boundary_arrival_timeout:cancelled',
      'Boundary_followup_hypertension_due:fired',
    ]);
    await worklists(id, { county: ['UserTask_return'] });
  });

  it.each([
    ['2', '2型糖尿病 type 2 diabetes', 'UserTask_followup_diabetes', DM_VISIT],
    ['3', '孕期 pregnancy', 'UserTask_followup_prenatal', PRENATAL_VISIT],
    ['4', '产后 after delivery', 'UserTask_followup_postpartum', POSTPARTUM_VISIT],
    ['1', '高血压 hypertension', 'UserTask_followup_hypertension', HT_VISIT],
  ] as const)(
    'given a referral whose slip names programme %s (%s), then the township follows it up on that programme’s form, due 14 days from the referral, and that form closes the referral',
    async (program, _name, element, visit) => {
      const { id } = await declined({ program });
      await worklists(id, { township: [element] });
      const followUp = await openTask(township, id, element);
      expect(dueIn(followUp)).toBe(14 * DAY);
      const done: Completed = await complete(township, followUp, { data: visit });
      expect(done.instance.status).toBe('completed');
      expect(done.task.submissionId).toMatch(/^[0-9a-f-]{36}$/);
      const view = await instance(id);
      // No other programme's follow-up, and never hypertension's by default.
      expect(view.tasks.map((t) => t.elementId).sort()).toEqual(
        ['UserTask_fill', 'UserTask_decide', element].sort(),
      );
      expect(await timerRows(id)).toEqual([
        `${element.replace('UserTask_', 'Boundary_')}_due:cancelled`,
      ]);
    },
  );

  it('given the township’s follow-up of a referral, when it is completed with a visit by phone (visit mode 3), then 422 names the visit mode and the face-to-face rule, nothing is stored and the task stays open; a home visit completes it', async () => {
    for (const [program, element, visit] of [
      ['1', 'UserTask_followup_hypertension', HT_VISIT],
      ['2', 'UserTask_followup_diabetes', DM_VISIT],
    ] as const) {
      const { id, subjectId } = await declined({ program });
      const followUp = await openTask(township, id, element);
      const stored = async () => {
        const [rows] = await f.t.engine.database.sequelize.query(
          'SELECT count(*)::int AS n FROM submissions WHERE subject_id = $1',
          { bind: [subjectId] },
        );
        return (rows as { n: number }[])[0]!.n;
      };
      const before = await stored();
      const phone = await f.attempt(township, followUp, { data: { ...visit, visitMode: '3' } });
      expect(phone.status, JSON.stringify(phone.body)).toBe(422);
      expect(phone.body.error.code).toBe('completion_condition_unmet');
      expect(phone.body.error.message).toContain('电话');
      expect(phone.body.error.message).toContain('face to face');
      expect(phone.body.error.details).toMatchObject({
        elementId: element,
        errors: [{ path: '/visitMode', keyword: 'completeWhen' }],
      });
      expect(await stored()).toBe(before);
      const still = await openTask(township, id, element);
      expect(still.version).toBe(followUp.version);
      const done = await complete(township, still, { data: { ...visit, visitMode: '2' } });
      expect(done.instance.status).toBe('completed');
      expect(await stored()).toBe(before + 1);
    }
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

  it('given a referral-out without a programme or with an unknown one, when the township sends it, then 422 names /program and nothing moves', async () => {
    const id = await startReferral(await resident());
    const fill = await openTask(township, id, 'UserTask_fill');
    const withoutProgram: Record<string, unknown> = { ...REFERRAL_OUT };
    delete withoutProgram.program;
    for (const data of [withoutProgram, { ...REFERRAL_OUT, program: '9' }]) {
      const bad = await f.attempt(township, fill, { data });
      expect(bad.status, JSON.stringify(bad.body)).toBe(422);
      expect(JSON.stringify(bad.body.error.details)).toContain('/program');
    }
    await worklists(id, { township: ['UserTask_fill'] });
  });

  it('given a task completed by one doctor, when another completes it with the old version, then 409 and nothing moves', async () => {
    const id = await startReferral(await resident());
    const fill = await openTask(township, id, 'UserTask_fill');
    await complete(township, fill, { data: REFERRAL_OUT });
    const again = await f.attempt(township, fill, { data: REFERRAL_OUT });
    expect(again.status).toBe(409);
  });
});
