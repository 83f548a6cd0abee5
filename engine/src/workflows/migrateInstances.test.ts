import { readOverlay, readBaseSpec } from '@formwork/seed/lib/readSpec';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/index.js';
import { HT_VISIT } from '../submissions/fixtures/hypertensionVisit.js';
import { REFERRAL_OUT, REFERRAL_RETURN } from './fixtures/forms.js';
import { WorkflowScenario } from './fixtures/workflowScenario.js';

/**
 * Instance migration v1 → v2 over HTTP. v1 is the release Fujian runs on from the seed
 * (national 3.0.1 + Fujian 1.2.0); v2 is a Fujian 1.3.0 overlay, drafted, reviewed, published
 * and released through the API, whose two-way referral renames the county's decision task and
 * adds a notice after acceptance. The referrals started in beforeAll (on v1, before v2 is
 * current) wait at four different places (the township's follow-up of the referral, with its
 * 14-day timer, waits beside the county's part from the moment the slip is sent); the refused
 * migrations come first and each checks that nothing moved, the last scenario migrates them and
 * runs each to its end under v2.
 */
const V1 = 'national-phs@3.0.1+fujian@1.2.0';
const V2 = 'national-phs@3.0.1+fujian@1.3.0';
const CLINIC = '350121101201-V01';
const KEY = 'two-way-referral';
const DAY = 24 * 3600_000;

/** v2 of the referral: UserTask_decide renamed, a notice added between acceptance and arrival. */
function referralV2(): string {
  const v1 = readBaseSpec('national-phs', '3.0.1').workflows[KEY]!;
  const v2 = v1
    .replace(/\bUserTask_decide\b/g, 'UserTask_decide_v2')
    .replace(
      /(<bpmn:sequenceFlow id="Flow_accept"[^>]*targetRef=")ReceiveTask_arrival"/,
      '$1SendTask_notify_accepted"',
    )
    .replace(
      '<bpmn:incoming>Flow_accept</bpmn:incoming>',
      '<bpmn:incoming>Flow_accept_notified</bpmn:incoming>',
    )
    .replace(
      '<bpmn:receiveTask id="ReceiveTask_arrival"',
      `<bpmn:sendTask id="SendTask_notify_accepted" name="通知乡镇已接收 Notify township of acceptance" camunda:type="external" camunda:topic="notify">
      <bpmn:extensionElements>
        <camunda:properties>
          <camunda:property name="template" value="referral-accepted" />
        </camunda:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_accept</bpmn:incoming>
      <bpmn:outgoing>Flow_accept_notified</bpmn:outgoing>
    </bpmn:sendTask>
    <bpmn:sequenceFlow id="Flow_accept_notified" sourceRef="SendTask_notify_accepted" targetRef="ReceiveTask_arrival" />
    <bpmn:receiveTask id="ReceiveTask_arrival"`,
    );
  expect(v2).not.toBe(v1);
  return v2;
}

const f = new WorkflowScenario();
const { openTask, complete } = f;
let users: Record<'township' | 'county' | 'fujian' | 'yunnan' | 'reviewer' | 'publisher', TestUser>;
const token = {} as Record<keyof typeof users, string>;
/** The v1 referrals, by the element they wait at. */
const at = { fill: '', decide: '', arrival: '', followUp: '' };

/** Signs everyone in (the publisher once: a TOTP code is not accepted twice). */
async function signIn() {
  for (const [name, user] of Object.entries(users)) {
    if (name === 'publisher' && token.publisher) continue;
    token[name as keyof typeof users] = await f.login(user);
  }
}

const view = (id: string) => f.view(token.township, id);

async function arrived(instanceId: string) {
  const moved = await f.message(token.county, { message: 'referralPatientArrived', instanceId });
  expect(moved).toEqual([instanceId]);
}

async function startReferral(): Promise<string> {
  const subjectId = await f.resident(token.township, CLINIC, '1960-06-01', 300, '迁移对象');
  const started = await f.start(KEY, token.township, {
    subjectId,
    businessKey: `migrate-${subjectId}`,
  });
  expect(started.releaseId).toBe(V1);
  return started.id;
}

/** Fujian 1.3.0 = Fujian 1.2.0 + the v2 referral, through draft, review, publish and release. */
async function releaseV2() {
  const fujian = readOverlay('fujian', '1.2.0');
  const draft = await f.request('POST', '/api/overlays/fujian/versions', token.fujian, {
    ...fujian,
    version: '1.3.0',
    operations: [
      ...fujian.operations,
      { op: 'replace-workflow', workflow: KEY, bpmn: referralV2() },
    ],
  });
  expect(draft.status, JSON.stringify(draft.body).slice(0, 500)).toBe(201);
  const step = (action: string, who: keyof typeof users) =>
    f.request('POST', `/api/overlays/fujian/versions/1.3.0/${action}`, token[who], {});
  expect((await step('submit', 'fujian')).status).toBe(200);
  expect((await step('approve', 'reviewer')).status).toBe(200);
  expect((await step('publish', 'publisher')).status).toBe(200);
  const released = await f.request('POST', '/api/releases', token.publisher, {
    overlay: { key: 'fujian', version: '1.3.0' },
  });
  expect(released.status, JSON.stringify(released.body).slice(0, 500)).toBe(201);
  expect(released.body).toMatchObject({ id: V2, current: true });
}

const migrate = (who: keyof typeof users, mapping: Record<string, string>, batchSize?: number) =>
  f.request('POST', '/api/workflows/migrations', token[who], {
    definitionKey: KEY,
    fromReleaseId: V1,
    toReleaseId: V2,
    mapping,
    ...(batchSize ? { batchSize } : {}),
  });

const COMPLETE = {
  UserTask_fill: 'UserTask_fill',
  UserTask_decide: 'UserTask_decide_v2',
  ReceiveTask_arrival: 'ReceiveTask_arrival',
  Boundary_arrival_timeout: 'Boundary_arrival_timeout',
  UserTask_followup_hypertension: 'UserTask_followup_hypertension',
  Boundary_followup_hypertension_due: 'Boundary_followup_hypertension_due',
};

/** Release pin, open tasks and versions of the v1 referrals: what a refused migration keeps. */
async function snapshot() {
  const out: Record<string, unknown> = {};
  for (const [where, id] of Object.entries(at)) {
    const v = await view(id);
    out[where] = {
      releaseId: v.releaseId,
      tasks: v.tasks.map((t) => `${t.elementId}:${t.status}:${t.version}`).sort(),
      migrated: v.history.some((h) => h.event === 'instance.migrated'),
    };
  }
  return out;
}
let before: Record<string, unknown>;

beforeAll(async () => {
  await f.startEngine();
  users = {
    township: await f.user('township-phc', '350121101'),
    county: await f.user('county-clinician', '350121'),
    fujian: await f.user('province-configurator', '350000'),
    yunnan: await f.user('province-configurator', '530000'),
    reviewer: await f.user('province-reviewer', '350000'),
    publisher: await f.user('province-publisher', '350000', { withTotp: true }),
  };
  await signIn();
  // Given referrals running on v1, waiting at four different elements
  at.fill = await startReferral();
  at.decide = await startReferral();
  await complete(token.township, await openTask(token.township, at.decide, 'UserTask_fill'), {
    data: REFERRAL_OUT,
  });
  at.arrival = await startReferral();
  await complete(token.township, await openTask(token.township, at.arrival, 'UserTask_fill'), {
    data: REFERRAL_OUT,
  });
  await complete(token.county, await openTask(token.county, at.arrival, 'UserTask_decide'), {
    variables: { decision: 'accept' },
  });
  at.followUp = await startReferral();
  await complete(token.township, await openTask(token.township, at.followUp, 'UserTask_fill'), {
    data: REFERRAL_OUT,
  });
  await complete(token.county, await openTask(token.county, at.followUp, 'UserTask_decide'), {
    variables: { decision: 'accept' },
  });
  await arrived(at.followUp);
  await complete(token.county, await openTask(token.county, at.followUp, 'UserTask_return'), {
    data: REFERRAL_RETURN,
  });
  // and a v2 released for Fujian after they started
  await releaseV2();
  before = await snapshot();
}, 120_000);
beforeEach(signIn);
afterAll(() => f.stop());

describe('instance migration v1 → v2', () => {
  it('given running v1 referrals, when a township doctor (no workflows.edit) asks to migrate them, then 403 and nothing moves', async () => {
    const res = await migrate('township', COMPLETE);
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("given running v1 referrals in Fujian, when Yunnan's configurator migrates with a complete mapping, then none of them moves", async () => {
    const res = await migrate('yunnan', COMPLETE);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.migrated).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('given v1 referrals waiting at the renamed decision task and at a follow-up with its timer, when the mapping leaves that task and that timer out, then 422 names each with the number of instances there and nothing moves', async () => {
    const incomplete: Record<string, string> = { ...COMPLETE };
    delete incomplete.UserTask_decide;
    delete incomplete.Boundary_followup_hypertension_due;
    const res = await migrate('fujian', incomplete);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe('incomplete_mapping');
    // A waiting boundary timer is an active element too: it must be mapped like its task.
    const problems = res.body.error.details.problems as object[];
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        { elementId: 'UserTask_decide', problem: 'unmapped', instances: 1 },
        // Every referral past its slip waits for the township's follow-up, with its timer.
        { elementId: 'Boundary_followup_hypertension_due', problem: 'unmapped', instances: 3 },
      ]),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('given v1 referrals, when the mapping sends a user task to a receive task or to an element v2 lacks, then 422 and nothing moves', async () => {
    const wrongType = await migrate('fujian', {
      ...COMPLETE,
      UserTask_decide: 'ReceiveTask_arrival',
    });
    expect(wrongType.status, JSON.stringify(wrongType.body)).toBe(422);
    expect(wrongType.body.error.details.problems).toEqual([
      {
        elementId: 'UserTask_decide',
        problem: 'no bpmn:UserTask ReceiveTask_arrival in target',
        instances: 1,
      },
    ]);
    // The old id is gone from v2: mapping an element to itself is no way around the rename.
    const vanished = await migrate('fujian', { ...COMPLETE, UserTask_decide: 'UserTask_decide' });
    expect(vanished.status, JSON.stringify(vanished.body)).toBe(422);
    expect(vanished.body.error.details.problems).toEqual([
      expect.objectContaining({ elementId: 'UserTask_decide', instances: 1 }),
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('given v1 referrals waiting at four elements, when the Fujian configurator migrates with a complete mapping, then each is pinned to v2, its open task carries the new id, the history records the migration, and each runs to its end under v2', async () => {
    // Three per transaction: the four instances move in two batches.
    const res = await migrate('fujian', COMPLETE, 3);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect([...res.body.migrated].sort()).toEqual(Object.values(at).sort());
    expect(res.body.skipped).toEqual([]);
    expect((await f.auditActions()).at(-1)).toBe('workflow.migrate');

    for (const id of Object.values(at)) {
      const v = await view(id);
      expect(v.releaseId).toBe(V2);
      expect(v.status).toBe('waiting');
      const migrated = v.history.filter((h) => h.event === 'instance.migrated');
      expect(migrated).toEqual([
        expect.objectContaining({ details: { from: V1, to: V2, mapping: COMPLETE } }),
      ]);
    }
    const open = async (id: string) =>
      (await view(id)).tasks
        .filter((t) => t.status === 'open')
        .map((t) => t.elementId)
        .sort();
    expect(await open(at.fill)).toEqual(['UserTask_fill']);
    expect(await open(at.decide)).toEqual(['UserTask_decide_v2', 'UserTask_followup_hypertension']);
    expect(await open(at.arrival)).toEqual(['UserTask_followup_hypertension']);
    expect(await open(at.followUp)).toEqual(['UserTask_followup_hypertension']);
    // Migrating again finds nothing left on v1.
    expect((await migrate('fujian', COMPLETE)).body.migrated).toEqual([]);

    // The task row kept its identity: the county completes the very task it had on v1.
    const decideBefore = (await view(at.decide)).tasks.find(
      (t) => t.status === 'open' && t.elementId === 'UserTask_decide_v2',
    )!;
    const decide = await openTask(token.county, at.decide, 'UserTask_decide_v2');
    expect(decide.id).toBe(decideBefore.id);

    // The timers scheduled on v1 still fire under v2: the follow-up's 14 days, and the 7 days
    // the county waited for the accepted patient who never came.
    f.clock.advance(14 * DAY + 1000);
    await f.t.engine.timerPoller!.poll();
    await signIn();
    const sinceMigration = async (id: string) => {
      const history = (await view(id)).history;
      return history.slice(history.findIndex((h) => h.event === 'instance.migrated'));
    };
    const fired = async (id: string) =>
      (await sinceMigration(id))
        .filter((h) => h.event === 'timer.fired')
        .map((h) => h.elementId)
        .sort();
    expect(await fired(at.followUp)).toEqual(['Boundary_followup_hypertension_due']);
    expect(await fired(at.arrival)).toEqual([
      'Boundary_arrival_timeout',
      'Boundary_followup_hypertension_due',
    ]);
    expect(
      (await sinceMigration(at.followUp)).some(
        (h) => h.elementId === 'ServiceTask_escalate_hypertension',
      ),
    ).toBe(true);
    expect(
      (await sinceMigration(at.arrival)).some(
        (h) => h.event === 'element.completed' && h.elementId === 'EndEvent_not_arrived',
      ),
    ).toBe(true);
    for (const id of [at.followUp, at.arrival]) {
      const followUp = await openTask(token.township, id, 'UserTask_followup_hypertension');
      const closed = await complete(token.township, followUp, { data: HT_VISIT });
      expect(closed.instance).toMatchObject({ status: 'completed', releaseId: V2 });
    }

    await complete(token.township, await openTask(token.township, at.fill, 'UserTask_fill'), {
      data: REFERRAL_OUT,
    });
    await complete(token.county, await openTask(token.county, at.fill, 'UserTask_decide_v2'), {
      variables: { decision: 'accept' },
    });
    await complete(token.county, decide, { variables: { decision: 'accept' } });

    for (const id of [at.fill, at.decide]) {
      await arrived(id);
      await complete(token.county, await openTask(token.county, id, 'UserTask_return'), {
        data: REFERRAL_RETURN,
      });
      const done = await complete(
        token.township,
        await openTask(token.township, id, 'UserTask_followup_hypertension'),
        { data: HT_VISIT },
      );
      expect(done.instance).toMatchObject({ status: 'completed', releaseId: V2 });
    }
    // Those accepted after the migration went through v2's new notice; the one accepted on v1
    // had passed that point already.
    const accepted = async (id: string) =>
      (await view(id)).history.some((h) => h.elementId === 'SendTask_notify_accepted');
    expect(await accepted(at.fill)).toBe(true);
    expect(await accepted(at.decide)).toBe(true);
    expect(await accepted(at.arrival)).toBe(false);
    const last = await view(at.decide);
    expect(last.tasks.map((t) => `${t.elementId}:${t.status}`).sort()).toEqual([
      'UserTask_decide_v2:completed',
      'UserTask_fill:completed',
      'UserTask_followup_hypertension:completed',
      'UserTask_return:completed',
    ]);
    expect(last.history.at(-1)!.event).toBe('instance.completed');
  });
});
