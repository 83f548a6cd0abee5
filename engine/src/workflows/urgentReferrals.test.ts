import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Trigger } from '@formwork/definitions';
import type { TestUser } from '../testing/index.js';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { DM_VISIT, PRENATAL_VISIT, REFERRAL_OUT } from './fixtures/forms.js';
import { MINHOU_DOCTORS, notices, WorkflowScenario } from './fixtures/workflowScenario.js';

/*
 * Urgent referrals start from the spec's triggers (seed/national-phs/3.0.1/triggers/), not from
 * engine code: a submission of a trigger's form whose condition holds starts the trigger's
 * workflow at its message start event with the variables the trigger computes, once per
 * submission and trigger (OutboxWorker).
 *
 * trigger                          → test ("given …")
 * hypertension-urgent-referral     → "a hypertension follow-up whose blood pressure …"
 * diabetes-urgent-referral         → "a diabetes follow-up whose glucose …"
 * (condition false)                → "… below the urgent criteria …"
 * a trigger the release declares   → "a release whose triggers …" (behaviour follows the metadata)
 */

const CLINIC = '350121101201-V01';
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

const resident = () => f.resident(township, CLINIC, '1952-09-30', 800, '紧急转诊对象');

/** Submits a follow-up for a new resident; returns its submission (201). */
async function submit(formKey: string, data: object) {
  const subjectId = await resident();
  const res = await f.request('POST', '/api/submissions', township, { formKey, subjectId, data });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, subjectId, data: res.body.data as Record<string, unknown> };
}

/** The instances a submission started, by business key (submission id : trigger id). */
async function startedBy(submissionId: string) {
  const [rows] = await f.t.engine.database.sequelize.query(
    `SELECT id, definition_key, business_key FROM workflow_instances
     WHERE business_key LIKE $1 ORDER BY business_key`,
    { bind: [`${submissionId}:%`] },
  );
  return rows as { id: string; definition_key: string; business_key: string }[];
}

/** Polls the outbox twice: an event read again starts nothing more. */
async function pollOutbox() {
  await f.t.engine.outboxWorker!.poll();
  await f.t.engine.outboxWorker!.poll();
}

beforeAll(async () => {
  await f.startEngine();
  users = await f.users(MINHOU_DOCTORS);
}, 60_000);
beforeEach(signIn);
afterAll(() => f.stop());

describe('urgent referrals declared as triggers', () => {
  it('given a hypertension follow-up whose blood pressure meets the urgent-referral criteria, when it is submitted, then the trigger hypertension-urgent-referral starts an urgent referral by itself, once, as programme 1 urgency 2', async () => {
    const visit = await submit('hypertension-followup', {
      ...HT_VISIT,
      sbp: 186,
      dbp: 112,
      classification: '2',
    });
    expect(visit.data.urgentReferral).toBe(true);
    await pollOutbox();
    const [started, ...more] = await startedBy(visit.id);
    expect(more).toEqual([]);
    expect(started).toMatchObject({
      definition_key: 'two-way-referral',
      business_key: `${visit.id}:hypertension-urgent-referral`,
    });
    const instance = await view(township, started!.id);
    expect(instance.variables).toMatchObject({
      subjectId: visit.subjectId,
      urgency: '2',
      program: '1',
      sbp: 186,
      dbp: 112,
    });
    expect(instance.history[0]).toMatchObject({
      event: 'instance.started',
      actorName: '随访提交触发 Started by a submission',
      details: { message: 'urgentReferral', trigger: 'hypertension-urgent-referral' },
    });
    await worklists(started!.id, { township: ['UserTask_fill_urgent'] });
    const confirm = await openTask(township, started!.id, 'UserTask_fill_urgent');
    await complete(township, confirm, { data: { ...REFERRAL_OUT, urgency: '2' } });
    await worklists(started!.id, {
      township: ['UserTask_followup_hypertension'],
      county: ['UserTask_decide'],
    });
    expect(notices(await view(township, started!.id))).toEqual(['SendTask_notify_county']);
  });

  it('given a diabetes follow-up whose fasting glucose meets the urgent-referral criteria (18.2 mmol/L), when it is submitted, then the trigger diabetes-urgent-referral starts an urgent referral as programme 2, and the township’s follow-up of it is the diabetes form', async () => {
    const visit = await submit('diabetes-followup', {
      ...DM_VISIT,
      fastingGlucose: 18.2,
      classification: '2',
    });
    expect(visit.data.urgentReferral).toBe(true);
    await pollOutbox();
    const [started, ...more] = await startedBy(visit.id);
    expect(more).toEqual([]);
    expect(started).toMatchObject({
      definition_key: 'two-way-referral',
      business_key: `${visit.id}:diabetes-urgent-referral`,
    });
    const instance = await view(township, started!.id);
    expect(instance.variables).toMatchObject({
      urgency: '2',
      program: '2',
      fastingGlucose: 18.2,
      sbp: DM_VISIT.sbp,
      dbp: DM_VISIT.dbp,
    });
    expect(instance.history[0]!.details).toMatchObject({ trigger: 'diabetes-urgent-referral' });
    const confirm = await openTask(township, started!.id, 'UserTask_fill_urgent');
    await complete(township, confirm, {
      data: { ...REFERRAL_OUT, urgency: '2', program: instance.variables.program },
    });
    await worklists(started!.id, {
      township: ['UserTask_followup_diabetes'],
      county: ['UserTask_decide'],
    });
  });

  it('given hypertension and diabetes follow-ups below the urgent criteria, when they are submitted, then no referral starts', async () => {
    const calm = [
      await submit('hypertension-followup', HT_VISIT),
      await submit('diabetes-followup', DM_VISIT),
    ];
    for (const visit of calm) expect(visit.data.urgentReferral).toBe(false);
    await pollOutbox();
    for (const visit of calm) expect(await startedBy(visit.id)).toEqual([]);
  });

  it('given a release whose triggers declare that a prenatal visit with severe hypertension starts an urgent referral as programme 3, when such a visit is submitted, then it starts (and without that trigger nothing would): the engine follows the metadata', async () => {
    const { catalog, orgs } = f.t.engine.services;
    const spec = catalog.forOrgPath((await orgs.get(CLINIC))!.path).spec;
    const before = spec.triggers;
    const trigger: Trigger = {
      id: 'prenatal-severe-hypertension',
      title: { zh: '孕期重度高血压紧急转诊', en: 'Severe hypertension in pregnancy' },
      form: 'prenatal-followup',
      condition: { or: [{ '>=': [{ var: 'sbp' }, 160] }, { '>=': [{ var: 'dbp' }, 110] }] },
      workflow: 'two-way-referral',
      message: 'urgentReferral',
      variables: { urgency: '3', program: '3', sbp: { var: 'sbp' } },
    };
    try {
      const plain = await submit('prenatal-followup', { ...PRENATAL_VISIT, sbp: 164, dbp: 100 });
      await pollOutbox();
      expect(await startedBy(plain.id)).toEqual([]);

      spec.triggers = { ...before, [trigger.id]: trigger };
      const severe = await submit('prenatal-followup', { ...PRENATAL_VISIT, sbp: 164, dbp: 100 });
      const mild = await submit('prenatal-followup', { ...PRENATAL_VISIT, sbp: 150, dbp: 96 });
      await pollOutbox();
      expect(await startedBy(mild.id)).toEqual([]);
      const [started] = await startedBy(severe.id);
      expect(started).toMatchObject({ business_key: `${severe.id}:${trigger.id}` });
      expect((await view(township, started!.id)).variables).toMatchObject({
        urgency: '3',
        program: '3',
        sbp: 164,
      });
    } finally {
      spec.triggers = before;
    }
  });
});
