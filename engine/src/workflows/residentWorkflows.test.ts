import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import type { TestUser } from '../testing/index.js';
import { REFERRAL_OUT } from './fixtures/forms.js';
import { MINHOU_DOCTORS, WorkflowScenario } from './fixtures/workflowScenario.js';

/**
 * The resident's page shows their open referrals and consultations (GET
 * /api/subjects/:id/workflows): which process, where it stands, its open tasks and whether the
 * reader may work them — to whoever may read the resident's record, and to nobody else.
 */
const CLINIC = '350121101201-V01';
const f = new WorkflowScenario();
let users: Record<keyof typeof MINHOU_DOCTORS | 'manager', TestUser>;
let token: Record<keyof typeof users, string>;

beforeAll(async () => {
  await f.startEngine();
  users = await f.users({
    ...MINHOU_DOCTORS,
    manager: { role: 'county-phc-manager', org: '350121' },
  });
}, 60_000);
beforeEach(async () => {
  token = await f.signIn(users);
});
afterAll(() => f.stop());

interface Listed {
  id: string;
  definitionKey: string;
  name: string;
  status: string;
  startedAt: string;
  tasks: {
    id: string;
    elementId: string;
    name: string;
    status: string;
    createdAt: string;
    mayWork: boolean;
  }[];
}

const openOf = async (who: string, subjectId: string): Promise<Listed[]> => {
  const res = await f.request('GET', `/api/subjects/${subjectId}/workflows`, who);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.workflows as Listed[];
};
/** Each open task as `elementId:mayWork` for the reader. */
const tasksAs = async (who: string, subjectId: string) =>
  (await openOf(who, subjectId)).flatMap((w) => w.tasks.map((t) => `${t.elementId}:${t.mayWork}`));

async function referral() {
  const subjectId = await f.resident(token.township, CLINIC, '1957-06-21', 600, '转诊居民');
  const { id } = await f.start('two-way-referral', token.township, {
    subjectId,
    businessKey: `resident-page-${subjectId}`,
  });
  return { subjectId, id };
}

describe('the resident’s open referrals and consultations', () => {
  it('given a resident with no workflow, then the list is empty', async () => {
    const subjectId = await f.resident(token.township, CLINIC, '1957-06-21', 600, '无流程');
    expect(await openOf(token.township, subjectId)).toEqual([]);
  });

  it('given the township doctor has started a referral, then the resident’s page lists it by its BPMN name, waiting for the township’s slip, which the township doctor may work and the county clinician and manager may not', async () => {
    const { subjectId, id } = await referral();
    const listed = await openOf(token.township, subjectId);
    expect(listed).toEqual([
      expect.objectContaining({
        id,
        definitionKey: 'two-way-referral',
        name: '双向转诊 Two-way referral',
        status: 'waiting',
        startedAt: f.clock.now().toISOString(),
        tasks: [
          expect.objectContaining({
            elementId: 'UserTask_fill',
            name: '填写转出单 Fill referral-out',
            status: 'open',
            createdAt: f.clock.now().toISOString(),
            mayWork: true,
          }),
        ],
      }),
    ]);
    expect(await tasksAs(token.county, subjectId)).toEqual(['UserTask_fill:false']);
    expect(await tasksAs(token.manager, subjectId)).toEqual(['UserTask_fill:false']);
  });

  it('given the slip is sent, then the county’s decision and the township’s follow-up are open, each workable by its own side; once one clinician claims the decision, it is no longer the other’s to work', async () => {
    const { subjectId, id } = await referral();
    await f.complete(token.township, await f.openTask(token.township, id, 'UserTask_fill'), {
      data: REFERRAL_OUT,
    });
    expect((await tasksAs(token.township, subjectId)).sort()).toEqual([
      'UserTask_decide:false',
      'UserTask_followup_hypertension:true',
    ]);
    expect((await tasksAs(token.county, subjectId)).sort()).toEqual([
      'UserTask_decide:true',
      'UserTask_followup_hypertension:false',
    ]);

    const other = await f.user('county-clinician', '350121');
    const otherToken = await f.login(other);
    const decide = await f.openTask(token.county, id, 'UserTask_decide');
    const claimed = await f.request(
      'POST',
      `/api/tasks/${decide.id}/claim`,
      token.county,
      {},
      {
        'if-match': `"${decide.version}"`,
      },
    );
    expect(claimed.status).toBe(200);
    const [listed] = await openOf(otherToken, subjectId);
    expect(listed!.tasks.find((t) => t.elementId === 'UserTask_decide')).toMatchObject({
      status: 'claimed',
      mayWork: false,
    });
    expect(await tasksAs(token.county, subjectId)).toContain('UserTask_decide:true');
  });

  it('given a referral the county declined and whose follow-up the township recorded, then it has ended and the resident’s page lists it no more', async () => {
    const { subjectId, id } = await referral();
    await f.complete(token.township, await f.openTask(token.township, id, 'UserTask_fill'), {
      data: REFERRAL_OUT,
    });
    await f.complete(token.county, await f.openTask(token.county, id, 'UserTask_decide'), {
      variables: { decision: 'decline', declineReason: '床位已满' },
    });
    expect(await tasksAs(token.township, subjectId)).toEqual([
      'UserTask_followup_hypertension:true',
    ]);
    const done = await f.complete(
      token.township,
      await f.openTask(token.township, id, 'UserTask_followup_hypertension'),
      { data: HT_VISIT },
    );
    expect(done.instance.status).toBe('completed');
    expect(await openOf(token.township, subjectId)).toEqual([]);
  });

  it('given a clinician of another county, when they ask for the resident’s workflows, then 404 as for any resident outside their area, and the refusal is audited; the resident’s access log shows who listed them', async () => {
    const { subjectId } = await referral();
    const refused = await f.request(
      'GET',
      `/api/subjects/${subjectId}/workflows`,
      token.otherCounty,
    );
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('not_found');
    expect(JSON.stringify(refused.body)).not.toContain('two-way-referral');
    expect((await f.auditActions()).at(-1)).toBe('access.denied');

    await openOf(token.county, subjectId);
    const log = await f.request('GET', `/api/subjects/${subjectId}/access-log`, token.township);
    expect(log.body.entries).toContainEqual(
      expect.objectContaining({ actorUsername: users.county.username, action: 'subject.view' }),
    );
    const [views] = await f.t.engine.database.sequelize.query(
      `SELECT actor_username, details FROM audit_events
       WHERE subject_id = $1 AND details->>'via' = 'workflow-list'`,
      { bind: [subjectId] },
    );
    expect(views).toEqual([
      { actor_username: users.county.username, details: { via: 'workflow-list', count: 1 } },
    ]);
  });
});
