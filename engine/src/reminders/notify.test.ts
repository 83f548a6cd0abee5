/**
 * The built-in workflow service `notify` writes in-app notifications: through the seed's remote
 * consultation (national-phs 3.0.1), whose 48-hour triage deadline notifies with `notify` and
 * names no recipient — so the doctor who asked for the consultation and the resident's
 * responsible doctor are told, once each, and nobody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSULT_REQUEST } from '../workflows/fixtures/forms.js';
import { WorkflowScenario } from '../workflows/fixtures/workflowScenario.js';

const CLINIC = '350121101201-V01';
const HOUR = 3_600_000;
const f = new WorkflowScenario();

interface Listed {
  items: {
    kind: string;
    title: { zh: string; en: string };
    subjectId: string | null;
    workflowInstanceId: string | null;
  }[];
  unread: number;
}
const notificationsOf = async (token: string) => {
  const res = await f.request('GET', '/api/notifications', token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Listed;
};

beforeAll(() => f.startEngine(), 60_000);
afterAll(() => f.stop());

describe('the workflow service notify', () => {
  it('given a consultation request nobody triaged for 48 hours, when its deadline fires, then the requesting township doctor and the resident’s responsible village doctor each get one notification naming the resident and the instance; the county does not', async () => {
    const users = await f.users({
      township: { role: 'township-phc', org: '350121101' },
      village: { role: 'village-doctor', org: '350121101201' },
      county: { role: 'county-clinician', org: '350121' },
    });
    let tokens = await f.signIn(users);
    const subjectId = await f.resident(tokens.village, CLINIC, '1967-03-08', 610, '会诊对象');
    const enrolled = await f.request(
      'POST',
      `/api/subjects/${subjectId}/enrollments`,
      tokens.village,
      { program: 'hypertension', enrolledOn: '2026-10-01' },
    );
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    const { id } = await f.start('remote-consultation', tokens.township, {
      subjectId,
      businessKey: `consult-${subjectId}`,
    });
    const request = await f.openTask(tokens.township, id, 'UserTask_request');
    await f.complete(tokens.township, request, { data: CONSULT_REQUEST });
    for (const token of Object.values(tokens))
      expect((await notificationsOf(token)).items).toEqual([]);

    f.clock.advance(48 * HOUR + 1000);
    await f.t.engine.timerPoller!.poll();
    await f.t.engine.timerPoller!.poll();
    tokens = await f.signIn(users);

    const expected = {
      kind: 'workflow',
      title: { zh: '48 小时未分诊提醒', en: 'Triage overdue (48 h)' },
      subjectId,
      workflowInstanceId: id,
    };
    expect((await notificationsOf(tokens.township)).items).toEqual([
      expect.objectContaining(expected),
    ]);
    expect(await notificationsOf(tokens.village)).toMatchObject({
      items: [expected],
      unread: 1,
    });
    expect((await notificationsOf(tokens.county)).items).toEqual([]);
    const view = await f.view(tokens.township, id);
    expect(view.history.filter((h) => h.event === 'notified')).toEqual([
      expect.objectContaining({
        elementId: 'ServiceTask_triage_late',
        details: { recipients: 2 },
      }),
    ]);
  });
});
