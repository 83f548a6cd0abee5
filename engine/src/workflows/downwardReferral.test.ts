import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/index.js';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { DM_VISIT, REFERRAL_RETURN } from './fixtures/forms.js';
import {
  firedTimers,
  MINHOU_DOCTORS,
  notices,
  reached,
  WorkflowScenario,
} from './fixtures/workflowScenario.js';

/*
 * Every path of seed/national-phs/3.0.1/workflows/downward-referral.bpmn: the county refers down
 * (下转) a patient who was never referred up, end to end over HTTP.
 *
 * path                                                           → test ("given …")
 * StartEvent_downward (the county: POST …/instances)
 *   → UserTask_return (the downward slip, referral-return)
 *   → SendTask_notify_township → Gateway_program (program on the slip)
 *   → UserTask_followup_<programme>, due 14 days from the referral
 *   → EndEvent_followed_up_<programme>                           → "a patient of a township …"
 * Boundary_followup_*_due (P14D) → ServiceTask_escalate_*
 *   → EndEvent_escalated_*                                       → "… not followed up in 14 days …"
 * completeWhen (face to face) on the hypertension and diabetes follow-ups → "… by phone …"
 * (scope: a clinician of another county cannot start one for this patient)
 */

const CLINIC = '350121101201-V01';
const DAY = 24 * 3600_000;
const f = new WorkflowScenario();
const { openTask, complete, view } = f;
let township: string;
let county: string;
let otherTownship: string;
let otherCounty: string;
let users: Record<keyof typeof MINHOU_DOCTORS, TestUser>;

const worklists = (instanceId: string, expected: { township?: string[]; county?: string[] }) =>
  f.worklists(instanceId, { township, county, otherTownship, otherCounty }, expected);

async function signIn() {
  ({ township, county, otherTownship, otherCounty } = await f.signIn(users));
}

/** A resident of the township, registered there (never referred up). */
const resident = () => f.resident(township, CLINIC, '1955-07-02', 700, '下转对象');

/** The county starts a downward referral for the resident. */
async function referDown(subjectId: string) {
  const started = await f.start('downward-referral', county, {
    subjectId,
    businessKey: `down-${subjectId}`,
  });
  return started.id;
}

beforeAll(async () => {
  await f.startEngine();
  users = await f.users(MINHOU_DOCTORS);
}, 60_000);
beforeEach(signIn);
afterAll(() => f.stop());

describe('downward referral (下转)', () => {
  it('given a patient of a township never referred up, when the county refers her down with a downward slip naming type 2 diabetes, then the township is notified and follows her up on the diabetes form within 14 days of the referral, which closes the referral', async () => {
    const subjectId = await resident();
    const id = await referDown(subjectId);
    const started = await view(county, id);
    expect(started.releaseId).toBe('national-phs@3.0.1+fujian@1.2.0');
    await worklists(id, { county: ['UserTask_return'] });
    const slip = await openTask(county, id, 'UserTask_return');
    expect(slip.candidateOrgPath).toMatch(/\/350121\/$/);

    const referredAt = f.clock.now().getTime();
    await complete(county, slip, { data: { ...REFERRAL_RETURN, program: '2' } });
    await worklists(id, { township: ['UserTask_followup_diabetes'] });
    const followUp = await openTask(township, id, 'UserTask_followup_diabetes');
    expect(followUp.candidateOrgPath).toMatch(/\/350121101\/$/);
    expect(new Date(followUp.dueAt!).getTime() - referredAt).toBe(14 * DAY);
    expect(notices(await view(township, id))).toEqual(['SendTask_notify_township']);

    const done = await complete(township, followUp, { data: DM_VISIT });
    expect(done.instance.status).toBe('completed');
    const history = await view(township, id);
    expect(reached(history, 'EndEvent_followed_up_diabetes')).toBe(true);
    expect(history.tasks.map((t) => t.elementId).sort()).toEqual([
      'UserTask_followup_diabetes',
      'UserTask_return',
    ]);
    await worklists(id, {});
  });

  it('given a patient referred down for hypertension, when the township has not followed up in 14 days, then the overdue notice fires once and the follow-up stays open; a phone call does not complete it, a clinic visit does', async () => {
    const id = await referDown(await resident());
    await complete(county, await openTask(county, id, 'UserTask_return'), {
      data: REFERRAL_RETURN,
    });
    const poller = f.t.engine.timerPoller!;
    f.clock.advance(14 * DAY - 1000);
    await poller.poll();
    await signIn();
    expect(firedTimers(await view(township, id))).toEqual([]);
    f.clock.advance(2000);
    await poller.poll();
    await poller.poll();
    await signIn();
    const late = await view(township, id);
    expect(firedTimers(late)).toEqual(['Boundary_followup_hypertension_due']);
    expect(notices(late)).toContain('ServiceTask_escalate_hypertension');
    await worklists(id, { township: ['UserTask_followup_hypertension'] });

    const task = await openTask(township, id, 'UserTask_followup_hypertension');
    const phone = await f.attempt(township, task, { data: { ...HT_VISIT, visitMode: '3' } });
    expect(phone.status, JSON.stringify(phone.body)).toBe(422);
    expect(phone.body.error.code).toBe('completion_condition_unmet');
    const done = await complete(township, task, { data: HT_VISIT });
    expect(done.instance.status).toBe('completed');
  });

  it('given a downward slip without a programme, when the county sends it, then 422 names /program and the township gets nothing', async () => {
    const id = await referDown(await resident());
    const slip = await openTask(county, id, 'UserTask_return');
    const withoutProgram: Record<string, unknown> = { ...REFERRAL_RETURN };
    delete withoutProgram.program;
    const bad = await f.attempt(county, slip, { data: withoutProgram });
    expect(bad.status, JSON.stringify(bad.body)).toBe(422);
    expect(JSON.stringify(bad.body.error.details)).toContain('/program');
    await worklists(id, { county: ['UserTask_return'] });
  });

  it('given a clinician of another county, when she tries to refer this township’s patient down, then 404 and nothing starts', async () => {
    const subjectId = await resident();
    const res = await f.request('POST', '/api/workflows/downward-referral/instances', otherCounty, {
      subjectId,
      businessKey: `down-${subjectId}`,
    });
    expect(res.status).toBe(404);
    const [rows] = await f.t.engine.database.sequelize.query(
      'SELECT id FROM workflow_instances WHERE subject_id = $1',
      { bind: [subjectId] },
    );
    expect(rows).toEqual([]);
  });
});
