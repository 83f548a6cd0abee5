import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/index.js';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { WorkflowScenario } from './fixtures/workflowScenario.js';

/**
 * Urgent referrals the outbox cannot start: one follow-up whose referral cannot start (here: the
 * release serving a Yunnan clinic lacks the workflow its trigger names) is recorded, with the
 * trigger, for Yunnan's workflow admin and never holds up the urgent referrals submitted after it.
 */
const FJ_CLINIC = '350121101201-V01';
const YN_CLINIC = '530902101201-V01';
const f = new WorkflowScenario();
let users: Record<'fjTownship' | 'ynTownship' | 'fjAdmin' | 'ynAdmin', TestUser>;
let token: Record<keyof typeof users, string>;

beforeAll(async () => {
  await f.startEngine();
  users = await f.users({
    fjTownship: { role: 'township-phc', org: '350121101' },
    ynTownship: { role: 'township-phc', org: '530902101' },
    fjAdmin: { role: 'province-configurator', org: '350000', withTotp: true },
    ynAdmin: { role: 'province-configurator', org: '530000', withTotp: true },
  });
  token = await f.signIn(users);
}, 60_000);
afterAll(() => f.stop({ quiet: true }));

/** A follow-up whose blood pressure crosses the urgent-referral rule; returns its submission id. */
async function urgentFollowUp(who: string, clinic: string, serial: number): Promise<string> {
  const subjectId = await f.resident(who, clinic, '1950-01-15', serial, '紧急转诊对象');
  const res = await f.request('POST', '/api/submissions', who, {
    formKey: 'hypertension-followup',
    subjectId,
    data: { ...HT_VISIT, sbp: 190, dbp: 115, classification: '2' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.data.urgentReferral).toBe(true);
  return res.body.id as string;
}

/** The referral the hypertension trigger started from a submission (its business key). */
const referralOf = async (submissionId: string) => {
  const [rows] = await f.t.engine.database.sequelize.query(
    'SELECT id FROM workflow_instances WHERE business_key = $1',
    { bind: [`${submissionId}:hypertension-urgent-referral`] },
  );
  return (rows as { id: string }[]).map((r) => r.id);
};

const failures = async (who: string) => {
  const res = await f.request('GET', '/api/workflows/start-failures', who);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.failures as {
    id: string;
    businessKey: string;
    triggerId: string;
    definitionKey: string;
    error: string;
  }[];
};

/** Takes the referral workflow out of the release serving Yunnan's clinic while `work` runs. */
async function withoutYunnanReferral(work: () => Promise<void>) {
  const { catalog, orgs } = f.t.engine.services;
  const release = catalog.forOrgPath((await orgs.get(YN_CLINIC))!.path);
  const workflows = release.spec.workflows as Record<string, string>;
  const bpmn = workflows['two-way-referral']!;
  delete workflows['two-way-referral'];
  try {
    await work();
  } finally {
    workflows['two-way-referral'] = bpmn;
  }
}

describe('urgent referrals the outbox cannot start', () => {
  it('given the release serving a Yunnan clinic lacks the referral, when a Yunnan and then a Fujian urgent follow-up are submitted, then the Fujian referral starts, the Yunnan one waits for Yunnan’s admin, whose retry starts it once the release has it', async () => {
    let yunnan = '';
    let fujian = '';
    await withoutYunnanReferral(async () => {
      yunnan = await urgentFollowUp(token.ynTownship, YN_CLINIC, 100);
      fujian = await urgentFollowUp(token.fjTownship, FJ_CLINIC, 100);
      await f.t.engine.outboxWorker!.poll();
    });
    expect(await referralOf(fujian)).toHaveLength(1);
    expect(await referralOf(yunnan)).toEqual([]);

    const [failure, ...more] = await failures(token.ynAdmin);
    expect(more).toEqual([]);
    expect(failure).toMatchObject({
      businessKey: `${yunnan}:hypertension-urgent-referral`,
      triggerId: 'hypertension-urgent-referral',
      definitionKey: 'two-way-referral',
    });
    expect(failure!.error).toContain('two-way-referral');
    expect(await failures(token.fjAdmin)).toEqual([]);
    const foreign = await f.request(
      'POST',
      `/api/workflows/start-failures/${failure!.id}/retry`,
      token.fjAdmin,
    );
    expect(foreign.status).toBe(404);

    const retried = await f.request(
      'POST',
      `/api/workflows/start-failures/${failure!.id}/retry`,
      token.ynAdmin,
    );
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({
      status: 'waiting',
      businessKey: `${yunnan}:hypertension-urgent-referral`,
    });
    expect(await referralOf(yunnan)).toEqual([retried.body.id]);
    expect((await f.auditActions()).at(-1)).toBe('workflow.start.retry');
    expect(await f.listed(token.ynTownship, retried.body.id)).toEqual(['UserTask_fill_urgent']);
    expect(await failures(token.ynAdmin)).toEqual([]);
    const again = await f.request(
      'POST',
      `/api/workflows/start-failures/${failure!.id}/retry`,
      token.ynAdmin,
    );
    expect(again.status).toBe(409);
  });

  it('given a recorded start failure, when the retry still cannot start it, then 409 names the cause and it stays listed; the admin may cancel it', async () => {
    await withoutYunnanReferral(async () => {
      await urgentFollowUp(token.ynTownship, YN_CLINIC, 200);
      await f.t.engine.outboxWorker!.poll();
      const [failure] = await failures(token.ynAdmin);
      const retried = await f.request(
        'POST',
        `/api/workflows/start-failures/${failure!.id}/retry`,
        token.ynAdmin,
      );
      expect(retried.status).toBe(409);
      expect(retried.body.error.code).toBe('start_failed_again');
      expect(retried.body.error.message).toContain('two-way-referral');
      expect(await failures(token.ynAdmin)).toHaveLength(1);

      const cancelled = await f.request(
        'POST',
        `/api/workflows/start-failures/${failure!.id}/cancel`,
        token.ynAdmin,
      );
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect(await failures(token.ynAdmin)).toEqual([]);
    });
  });
});
