import { readOverlay } from '@formwork/seed/lib/readSpec';
import type { Overlay, Trigger } from '@formwork/definitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityFixture } from '../testing/index.js';

/**
 * Triggers (which stored submissions start which workflow) are checked wherever spec content is
 * stored: a national version (422 `spec_invalid` naming the trigger's path) and a province's
 * overlay draft (its add-trigger / replace-trigger operations, and the base's triggers on what
 * the overlay made of the forms and workflows). So are the parameters timers run for
 * (`durationParameter`). Nothing invalid is stored.
 */
let f: IdentityFixture;
const token: Record<'national' | 'fujian', string> = { national: '', fujian: '' };

beforeAll(async () => {
  f = await IdentityFixture.start();
  token.national = await f.login(await f.user('province-configurator', '100000'));
  token.fujian = await f.login(await f.user('province-configurator', '350000'));
});
afterAll(() => f?.stop());

/** A province's own trigger: a prenatal visit with severe hypertension refers urgently. */
const prenatal: Trigger = {
  id: 'prenatal-severe-hypertension',
  title: { zh: '孕期重度高血压紧急转诊', en: 'Severe hypertension in pregnancy' },
  form: 'prenatal-followup',
  condition: { '>=': [{ var: 'sbp' }, 160] },
  workflow: 'two-way-referral',
  message: 'urgentReferral',
  variables: { urgency: '3', program: '3', sbp: { var: 'sbp' } },
};

const fujian = (version: string, operations: Overlay['operations']): Overlay => {
  const current = readOverlay('fujian', '1.2.0');
  return { ...current, version, operations: [...current.operations, ...operations] };
};

describe('trigger and timer checks where spec content is stored', () => {
  it('given a national draft whose trigger names a message the workflow does not start on, or reads a personal field, when saved, then 422 names each trigger path and nothing is stored; the sound draft is stored with its triggers', async () => {
    const current = (
      await f.request('GET', '/api/specs/national-phs/versions/3.0.1', token.national)
    ).body;
    expect(Object.keys(current.content.triggers).sort()).toEqual([
      'diabetes-urgent-referral',
      'hypertension-urgent-referral',
    ]);
    const urgent = current.content.triggers['hypertension-urgent-referral'] as Trigger;
    const broken = {
      ...current.content.triggers,
      'hypertension-urgent-referral': { ...urgent, message: 'referralPatientArrived' },
      'slip-name': {
        ...urgent,
        id: 'slip-name',
        form: 'referral-out',
        condition: true,
        variables: { name: { var: 'patientName' } },
      },
    };
    const res = await f.request('POST', '/api/specs/national-phs/versions', token.national, {
      version: '3.4.0',
      content: { ...current.content, version: '3.4.0', triggers: broken },
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(422);
    expect(res.body.error.code).toBe('spec_invalid');
    expect(res.body.error.message).toContain('触发规则');
    expect(
      (res.body.error.details.errors as { path: string; code: string }[]).map(
        (e) => `${e.path} ${e.code}`,
      ),
    ).toEqual([
      '/triggers/hypertension-urgent-referral/message message-unknown',
      '/triggers/slip-name/variables/name field-personal',
    ]);
    const stored = await f.request('GET', '/api/specs/national-phs/versions/3.4.0', token.national);
    expect(stored.status).toBe(404);

    const sound = await f.request('POST', '/api/specs/national-phs/versions', token.national, {
      version: '3.4.1',
      content: {
        ...current.content,
        version: '3.4.1',
        triggers: { ...current.content.triggers, [prenatal.id]: prenatal },
      },
    });
    expect(sound.status, JSON.stringify(sound.body).slice(0, 400)).toBe(201);
    const read = await f.request('GET', '/api/specs/national-phs/versions/3.4.1', token.national);
    expect(Object.keys(read.body.content.triggers)).toContain(prenatal.id);
  });

  it('given Fujian drafts, when one adds a trigger on a form it lacks and another replaces the referral with one that has no urgent start, then 422 names the operation or the national trigger it breaks; adding a sound trigger is stored', async () => {
    const unknownForm = await f.request(
      'POST',
      '/api/overlays/fujian/versions',
      token.fujian,
      fujian('1.5.0', [{ op: 'add-trigger', trigger: { ...prenatal, form: 'tb-followup' } }]),
    );
    expect(unknownForm.status, JSON.stringify(unknownForm.body).slice(0, 400)).toBe(422);
    expect(unknownForm.body.error.code).toBe('overlay_rejected');
    expect(unknownForm.body.error.details.problems).toEqual([
      expect.objectContaining({
        // The operation after Fujian 1.2.0's own.
        path: `/operations/${readOverlay('fujian', '1.2.0').operations.length}`,
        code: 'trigger-invalid',
      }),
    ]);
    expect(unknownForm.body.error.message).toContain('form "tb-followup" is not known');

    const current = (
      await f.request('GET', '/api/specs/national-phs/versions/3.0.1', token.national)
    ).body;
    const referral = current.content.workflows['two-way-referral'] as string;
    // The same process without its urgent start: what the national triggers send has no taker.
    const withoutUrgentStart = referral
      .replace(/<bpmn:startEvent id="StartEvent_urgent"[\s\S]*?<\/bpmn:startEvent>/, '')
      .replace(/<bpmn:userTask id="UserTask_fill_urgent"[\s\S]*?<\/bpmn:userTask>/, '')
      .replace(/<bpmn:sequenceFlow id="Flow_start_urgent"[^>]*\/>/, '')
      .replace(/<bpmn:sequenceFlow id="Flow_filled_urgent"[^>]*\/>/, '')
      .replace('<bpmn:incoming>Flow_filled_urgent</bpmn:incoming>', '')
      .replace(
        /<bpmndi:BPMNShape id="(StartEvent_urgent|UserTask_fill_urgent)_di"[\s\S]*?<\/bpmndi:BPMNShape>/g,
        '',
      )
      .replace(
        /<bpmndi:BPMNEdge id="(Flow_start_urgent|Flow_filled_urgent)_di"[\s\S]*?<\/bpmndi:BPMNEdge>/g,
        '',
      );
    expect(withoutUrgentStart).not.toContain('StartEvent_urgent');
    const replaced = await f.request(
      'POST',
      '/api/overlays/fujian/versions',
      token.fujian,
      fujian('1.5.1', [
        { op: 'replace-workflow', workflow: 'two-way-referral', bpmn: withoutUrgentStart },
      ]),
    );
    expect(replaced.status, JSON.stringify(replaced.body).slice(0, 600)).toBe(422);
    expect(replaced.body.error.code).toBe('triggers_invalid');
    expect(
      (replaced.body.error.details.errors as { path: string; code: string }[]).map(
        (e) => `${e.path} ${e.code}`,
      ),
    ).toEqual([
      '/triggers/diabetes-urgent-referral/message message-unknown',
      '/triggers/hypertension-urgent-referral/message message-unknown',
    ]);

    const added = await f.request(
      'POST',
      '/api/overlays/fujian/versions',
      token.fujian,
      fujian('1.5.2', [{ op: 'add-trigger', trigger: prenatal as never }]),
    );
    expect(added.status, JSON.stringify(added.body).slice(0, 400)).toBe(201);
  });

  it('given a national draft whose referral waits for the patient for a parameter the spec lacks (or one that is not a number of days), when saved, then 422 names the timer and nothing is stored; a Fujian draft doing so is refused too', async () => {
    const current = (
      await f.request('GET', '/api/specs/national-phs/versions/3.0.1', token.national)
    ).body;
    const referral = current.content.workflows['two-way-referral'] as string;
    const waitingFor = (parameter: string) =>
      referral.replace(
        'name="durationParameter" value="referralArrivalTimeoutDays"',
        `name="durationParameter" value="${parameter}"`,
      );
    expect(waitingFor('x')).not.toBe(referral);
    for (const [version, parameter] of [
      ['3.5.0', 'noSuchParameter'],
      ['3.5.1', 'chronicMinVisitsPerYear'],
    ] as const) {
      const res = await f.request('POST', '/api/specs/national-phs/versions', token.national, {
        version,
        content: {
          ...current.content,
          version,
          workflows: { ...current.content.workflows, 'two-way-referral': waitingFor(parameter) },
        },
      });
      expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(422);
      expect(res.body.error.details.errors).toEqual([
        expect.objectContaining({
          path: '/workflows/two-way-referral#Boundary_arrival_timeout',
          code: 'duration-parameter-invalid',
        }),
      ]);
      const stored = await f.request(
        'GET',
        `/api/specs/national-phs/versions/${version}`,
        token.national,
      );
      expect(stored.status).toBe(404);
    }
    const draft = await f.request(
      'POST',
      '/api/overlays/fujian/versions',
      token.fujian,
      fujian('1.5.3', [
        {
          op: 'replace-workflow',
          workflow: 'two-way-referral',
          bpmn: waitingFor('noSuchParameter'),
        },
      ]),
    );
    expect(draft.status, JSON.stringify(draft.body).slice(0, 400)).toBe(422);
    expect(draft.body.error.code).toBe('timers_invalid');
  });
});
