import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/index.js';
import { REFERRAL_OUT } from './fixtures/forms.js';
import { historyOf, WorkflowScenario } from './fixtures/workflowScenario.js';

/**
 * Claiming and releasing tasks: a county hospital has several clinicians; the referral's decision
 * is on each of their worklists until one of them takes it.
 */
const CLINIC = '350121101201-V01';
const f = new WorkflowScenario();
let users: Record<'township' | 'doctorA' | 'doctorB', TestUser>;
let token: Record<keyof typeof users, string>;

beforeAll(async () => {
  await f.startEngine();
  users = await f.users({
    township: { role: 'township-phc', org: '350121101' },
    doctorA: { role: 'county-clinician', org: '350121' },
    doctorB: { role: 'county-clinician', org: '350121' },
  });
  token = await f.signIn(users);
}, 60_000);
afterAll(() => f.stop());

/** A referral the township has filled in: the county's decision is open. */
async function awaitingDecision() {
  const subjectId = await f.resident(token.township, CLINIC, '1955-04-12', 400, '认领对象');
  const { id } = await f.start('two-way-referral', token.township, {
    subjectId,
    businessKey: `claim-${subjectId}`,
  });
  await f.complete(token.township, await f.openTask(token.township, id, 'UserTask_fill'), {
    data: REFERRAL_OUT,
  });
  return { id, decide: await f.openTask(token.doctorA, id, 'UserTask_decide') };
}

const act = (who: string, action: 'claim' | 'release', task: { id: string; version: number }) =>
  f.request('POST', `/api/tasks/${task.id}/${action}`, who, undefined, {
    'if-match': `"${task.version}"`,
  });

describe('claiming and releasing tasks', () => {
  it('given a decision on two clinicians’ worklists, when one claims it, then it leaves the other’s worklist, the other can neither claim nor complete it, and the claimer completes it', async () => {
    const { id, decide } = await awaitingDecision();
    expect(await f.listed(token.doctorB, id)).toEqual(['UserTask_decide']);

    const claimed = await act(token.doctorA, 'claim', decide);
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'claimed', assigneeId: users.doctorA.id });
    expect(claimed.headers.get('etag')).toBe(`"${decide.version + 1}"`);
    expect(await f.listed(token.doctorA, id)).toEqual(['UserTask_decide']);
    expect(await f.listed(token.doctorB, id)).toEqual([]);

    const taken = { id: decide.id, version: claimed.body.version as number };
    const grab = await act(token.doctorB, 'claim', taken);
    expect(grab.status).toBe(409);
    expect(grab.body.error.code).toBe('task_claimed');
    const overrule = await f.attempt(token.doctorB, taken, { variables: { decision: 'decline' } });
    expect(overrule.status).toBe(409);

    await f.complete(token.doctorA, taken, { variables: { decision: 'accept' } });
    const view = await f.view(token.township, id);
    expect(historyOf(view, 'task.claimed')).toEqual([
      expect.objectContaining({ actor: users.doctorA.id, elementId: 'UserTask_decide' }),
    ]);
    expect(view.variables.decision).toBe('accept');
  });

  it('given the county’s decision on a clinician’s worklist, then it names the resident, the release and the BPMN properties that make it a decision (decisionVariable, declineReasonVariable), and the township’s slip to fill carries none', async () => {
    const subjectId = await f.resident(token.township, CLINIC, '1955-04-12', 400, '列表对象');
    const { id, releaseId } = await f.start('two-way-referral', token.township, {
      subjectId,
      businessKey: `listed-${subjectId}`,
    });
    const fill = await f.openTask(token.township, id, 'UserTask_fill');
    expect(fill).toMatchObject({ subjectId, releaseId, formKey: 'referral-out', properties: {} });
    await f.complete(token.township, fill, { data: REFERRAL_OUT });
    const decide = await f.openTask(token.doctorA, id, 'UserTask_decide');
    expect(decide).toMatchObject({
      subjectId,
      releaseId,
      properties: { decisionVariable: 'decision', declineReasonVariable: 'declineReason' },
    });
  });

  it('given a claimed task, when its holder releases it, then it is back on both worklists and the other clinician may take it', async () => {
    const { id, decide } = await awaitingDecision();
    const claimed = await act(token.doctorA, 'claim', decide);
    const held = { id: decide.id, version: claimed.body.version as number };
    // Only the holder may release it.
    expect((await act(token.doctorB, 'release', held)).status).toBe(409);

    const released = await act(token.doctorA, 'release', held);
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body).toMatchObject({ status: 'open', assigneeId: null });
    expect(await f.listed(token.doctorB, id)).toEqual(['UserTask_decide']);

    const again = await act(token.doctorB, 'claim', released.body);
    expect(again.status).toBe(200);
    expect(historyOf(await f.view(token.township, id), 'task.released')).toHaveLength(1);
  });

  it('given a task read before someone else claimed it, when it is claimed with the old version, then 409 and it stays with the first', async () => {
    const { id, decide } = await awaitingDecision();
    expect((await act(token.doctorA, 'claim', decide)).status).toBe(200);
    const stale = await act(token.doctorA, 'claim', decide);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(await f.listed(token.doctorB, id)).toEqual([]);
  });

  it('given the county’s decision, when the township doctor tries to claim it, then 404: it is not theirs to see', async () => {
    const { id, decide } = await awaitingDecision();
    const res = await act(token.township, 'claim', decide);
    expect(res.status).toBe(404);
    expect((await f.auditActions()).at(-1)).toBe('access.denied');
    expect(await f.listed(token.doctorA, id)).toEqual(['UserTask_decide']);
  });

  it('given the township doctor’s referral slip to fill, when they complete the task without If-Match, then 428 and the referral waits for its slip', async () => {
    const subjectId = await f.resident(token.township, CLINIC, '1955-04-12', 400, '无版本');
    const { id } = await f.start('two-way-referral', token.township, {
      subjectId,
      businessKey: `no-if-match-${subjectId}`,
    });
    const fill = await f.openTask(token.township, id, 'UserTask_fill');

    const bare = await f.request('POST', `/api/tasks/${fill.id}/complete`, token.township, {});
    expect(bare.status, JSON.stringify(bare.body)).toBe(428);
    expect(bare.body.error.code).toBe('precondition_required');
    const withSlip = await f.request('POST', `/api/tasks/${fill.id}/complete`, token.township, {
      data: REFERRAL_OUT,
    });
    expect(withSlip.status).toBe(428);

    expect(await f.listed(token.township, id)).toEqual(['UserTask_fill']);
    expect(await f.listed(token.doctorA, id)).toEqual([]);
  });

  it('given the township doctor’s referral slip to fill, when they complete the task with If-Match but without the slip, then 422 naming the form and nothing moves', async () => {
    const subjectId = await f.resident(token.township, CLINIC, '1955-04-12', 400, '无转诊单');
    const { id } = await f.start('two-way-referral', token.township, {
      subjectId,
      businessKey: `no-slip-${subjectId}`,
    });
    const fill = await f.openTask(token.township, id, 'UserTask_fill');

    for (const body of [{}, { variables: { decision: 'accept' } }]) {
      const res = await f.attempt(token.township, fill, body);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error).toMatchObject({
        code: 'form_data_required',
        details: { errors: [{ path: '/data', keyword: 'required' }] },
      });
      expect(res.body.error.message).toContain(fill.formKey);
    }
    const [stored] = await f.t.engine.database.sequelize.query(
      'SELECT count(*)::int AS n FROM submissions WHERE subject_id = $1',
      { bind: [subjectId] },
    );
    expect(stored).toEqual([{ n: 0 }]);
    expect(await f.listed(token.township, id)).toEqual(['UserTask_fill']);
    expect(await f.listed(token.doctorA, id)).toEqual([]);

    // With its slip the same task completes and the county's decision opens.
    await f.complete(token.township, fill, { data: REFERRAL_OUT });
    expect(await f.listed(token.doctorA, id)).toEqual(['UserTask_decide']);
  });
});
