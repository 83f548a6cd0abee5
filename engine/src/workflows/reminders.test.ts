import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/index.js';
import { noticeTemplates, WorkflowScenario } from './fixtures/workflowScenario.js';

/**
 * The seed's follow-up reminders (follow-up-reminders.bpmn), end to end over HTTP: one instance
 * per due follow-up, started with the resident and a business key; the scheduler's messages
 * (followUpOverdue, followUpRecorded) arrive through the messages route; the P30D escalation
 * timer is a row the TimerPoller fires once the test clock has moved past it.
 */
const CLINIC = '350121101201-V01';
const TOWNSHIP = '350121101';
const DAY = 24 * 3600_000;
const f = new WorkflowScenario();
const { rows } = f;
let users: { township: TestUser };
let township: string;

/** Signs the doctor in again (sessions expire when a test moves the clock by days). */
async function signIn() {
  township = await f.login(users.township);
}

const view = (id: string) => f.view(township, id);

/** The reminder of one resident's follow-up falling due: the scheduler's start, by HTTP. */
async function reminderFor(): Promise<{ id: string; businessKey: string }> {
  const subjectId = await f.resident(township, CLINIC, '1951-08-20', 900, '随访对象');
  const businessKey = `follow-up-${subjectId}-2026-12`;
  const started = await f.start('follow-up-reminders', township, {
    subjectId,
    businessKey,
    variables: { program: 'hypertension', dueDate: '2026-12-01' },
  });
  return { id: started.id, businessKey };
}

const send = (message: string, businessKey: string, variables?: object) =>
  f.message(township, { message, businessKey, ...(variables ? { variables } : {}) });

beforeAll(async () => {
  await f.startEngine();
  users = { township: await f.user('township-phc', TOWNSHIP) };
}, 60_000);
beforeEach(signIn);
afterAll(() => f.stop());

describe('follow-up reminders', () => {
  it('given a follow-up falling due, when the due-soon reminder has gone out and the follow-up is recorded on time, then the reminder ends on time with no overdue warning', async () => {
    const { id, businessKey } = await reminderFor();
    const started = await view(id);
    expect(started.status).toBe('waiting');
    expect(started.businessKey).toBe(businessKey);
    expect(noticeTemplates(started)).toEqual(['follow-up-due-soon']);
    expect(await rows('workflow_subscriptions', id)).toEqual([
      'Catch_overdue:waiting',
      'Catch_recorded_on_time:waiting',
    ]);

    expect(await send('followUpRecorded', businessKey, { visitDate: '2026-11-28' })).toEqual([id]);

    const done = await view(id);
    expect(done.status).toBe('completed');
    expect(done.variables.visitDate).toBe('2026-11-28');
    expect(done.history.some((h) => h.elementId === 'EndEvent_on_time')).toBe(true);
    expect(done.history.at(-1)!.event).toBe('instance.completed');
    expect(noticeTemplates(done)).toEqual(['follow-up-due-soon']);
    // The overdue branch of the event gateway is gone with it.
    expect(await rows('workflow_subscriptions', id)).toEqual([
      'Catch_overdue:cancelled',
      'Catch_recorded_on_time:consumed',
    ]);
  });

  it('given a follow-up that went overdue, when it is recorded late, then the overdue warning went out once, the escalation timer is cancelled and the reminder ends late', async () => {
    const { id, businessKey } = await reminderFor();
    expect(await send('followUpOverdue', businessKey)).toEqual([id]);

    const overdue = await view(id);
    expect(overdue.status).toBe('waiting');
    expect(noticeTemplates(overdue)).toEqual(['follow-up-due-soon', 'follow-up-overdue']);
    const scheduled = overdue.history.find((h) => h.event === 'timer.scheduled');
    expect(scheduled?.elementId).toBe('Catch_long_overdue');
    expect(new Date(scheduled!.details.dueAt as string).getTime() - f.clock.now().getTime()).toBe(
      30 * DAY,
    );
    expect(await rows('workflow_timers', id)).toEqual(['Catch_long_overdue:pending']);

    // The overdue message is the scheduler's: a second one finds nobody waiting for it.
    expect(await send('followUpOverdue', businessKey)).toEqual([]);
    expect(await send('followUpRecorded', businessKey)).toEqual([id]);

    const done = await view(id);
    expect(done.status).toBe('completed');
    expect(done.history.some((h) => h.elementId === 'EndEvent_late')).toBe(true);
    expect(done.history.some((h) => h.event === 'escalated')).toBe(false);
    expect(noticeTemplates(done)).toEqual(['follow-up-due-soon', 'follow-up-overdue']);
    expect(await rows('workflow_timers', id)).toEqual(['Catch_long_overdue:cancelled']);
  });

  it('given an overdue follow-up, when 30 days pass without a record, then it is escalated once and waits for the record; when the record arrives, then the reminder ends', async () => {
    const { id, businessKey } = await reminderFor();
    await send('followUpOverdue', businessKey);
    const poller = f.t.engine.timerPoller!;

    f.clock.advance(29 * DAY);
    await poller.poll();
    await signIn();
    expect((await view(id)).history.some((h) => h.event === 'timer.fired')).toBe(false);

    f.clock.advance(1 * DAY + 1000);
    await poller.poll();
    await poller.poll();
    await signIn();
    const escalated = await view(id);
    expect(escalated.status).toBe('waiting');
    const fired = escalated.history.filter((h) => h.event === 'timer.fired');
    expect(fired.map((h) => h.elementId)).toEqual(['Catch_long_overdue']);
    // What the escalate service did: one escalation line naming the parameter it enforces.
    const escalations = escalated.history.filter((h) => h.event === 'escalated');
    expect(escalations).toEqual([
      expect.objectContaining({
        elementId: 'ServiceTask_escalate',
        details: { parameter: 'reminderEscalationDays' },
      }),
    ]);
    expect(await rows('workflow_timers', id)).toEqual(['Catch_long_overdue:fired']);
    // Each gateway's other branch was dropped; the receive task after escalation now waits.
    expect(await rows('workflow_subscriptions', id)).toEqual([
      'Catch_overdue:consumed',
      'Catch_recorded_late:cancelled',
      'Catch_recorded_on_time:cancelled',
      'ReceiveTask_recorded_after_escalation:waiting',
    ]);

    expect(await send('followUpRecorded', businessKey)).toEqual([id]);
    const done = await view(id);
    expect(done.status).toBe('completed');
    expect(done.history.some((h) => h.elementId === 'EndEvent_after_escalation')).toBe(true);
    expect(done.history.filter((h) => h.event === 'escalated')).toHaveLength(1);
    expect(done.history.at(-1)!.event).toBe('instance.completed');
    expect(await rows('workflow_subscriptions', id)).toContain(
      'ReceiveTask_recorded_after_escalation:consumed',
    );
  });

  it("given two residents' reminders, when one resident's follow-up is recorded, then only that resident's reminder moves and the other still waits for its own", async () => {
    const first = await reminderFor();
    const second = await reminderFor();

    expect(await send('followUpRecorded', first.businessKey)).toEqual([first.id]);

    expect((await view(first.id)).status).toBe('completed');
    const other = await view(second.id);
    expect(other.status).toBe('waiting');
    expect(other.history.some((h) => h.event === 'message.received')).toBe(false);
    expect(await rows('workflow_subscriptions', second.id)).toEqual([
      'Catch_overdue:waiting',
      'Catch_recorded_on_time:waiting',
    ]);
    // An unknown business key moves nobody.
    expect(await send('followUpRecorded', `${second.businessKey}-x`)).toEqual([]);
    expect(await send('followUpOverdue', second.businessKey)).toEqual([second.id]);
    expect((await view(first.id)).status).toBe('completed');
    expect(noticeTemplates(await view(second.id))).toEqual([
      'follow-up-due-soon',
      'follow-up-overdue',
    ]);
  });
});
