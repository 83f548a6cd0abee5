import { describe, expect, it } from 'vitest';
import { readBaseSpec } from '../../../seed/lib/readSpec.js';
import type { BaseSpec } from '../overlays/BaseSpec.js';
import type { Trigger } from '../types/generated.js';
import { checkTrigger, checkTriggers, triggersOf } from './checkTriggers.js';
import { messageStartNames } from './messageStarts.js';

const printed = readBaseSpec('national-phs', '3.0.1');
const urgent = printed.triggers!['hypertension-urgent-referral']!;
/** The printed base with one more trigger (a province's, say). */
const withTrigger = (trigger: unknown): BaseSpec => ({
  ...printed,
  triggers: { ...printed.triggers, 'province-own': trigger as Trigger },
});
const codes = async (trigger: unknown) =>
  (await checkTrigger(printed, trigger)).map((p) => `${p.path} ${p.code}`);

describe('checkTriggers', () => {
  it('given the printed base 3.0.1, then both urgent-referral triggers hold against its forms and the two-way referral', async () => {
    expect(await checkTriggers(printed)).toEqual([]);
    expect(triggersOf(printed, 'diabetes-followup').map((t) => t.id)).toEqual([
      'diabetes-urgent-referral',
    ]);
    expect(await messageStartNames(printed.workflows['two-way-referral']!)).toEqual([
      'urgentReferral',
    ]);
  });

  it('given a trigger naming a form, workflow or message start the spec lacks, then each is named with its path', async () => {
    expect(await codes({ ...urgent, form: 'no-such-form' })).toEqual(['/form form-unknown']);
    expect(await codes({ ...urgent, workflow: 'no-such-workflow' })).toEqual([
      '/workflow workflow-unknown',
    ]);
    // The arrival message is received mid-process, not a start: it cannot start the referral.
    expect(await codes({ ...urgent, message: 'referralPatientArrived' })).toEqual([
      '/message message-unknown',
    ]);
    expect(await codes({ ...urgent, workflow: 'downward-referral' })).toEqual([
      '/message message-unknown',
    ]);
  });

  it('given a trigger whose rules use a forbidden operation, read a field the form lacks, a computed path or a personal field, then each rule is refused at its path', async () => {
    expect(await codes({ ...urgent, condition: { method: [{ var: 'sbp' }, 'toString'] } })).toEqual(
      ['/condition rule-invalid'],
    );
    expect(
      await codes({ ...urgent, condition: { '>=': [{ var: 'fastingGlucose' }, 16.7] } }),
    ).toEqual(['/condition field-unknown']);
    // A computed path cannot be checked: checkRule refuses it.
    expect(await codes({ ...urgent, variables: { who: { var: [{ cat: ['s', 'bp'] }] } } })).toEqual(
      ['/variables/who rule-invalid'],
    );
    // The referral slip's patient name is sealed where form data is stored: never a variable.
    const slip = { ...urgent, form: 'referral-out', condition: true };
    expect(await codes({ ...slip, variables: { name: { var: 'patientName' } } })).toEqual([
      '/variables/name field-personal',
    ]);
    const message = (
      await checkTrigger(printed, { ...slip, variables: { n: { var: 'phone' } } })
    )[0]!.message;
    expect(message.zh).toContain('个人信息');
    expect(message.en).toContain('personal data');
    // Nested fields and array items are fields too.
    expect(
      await codes({
        ...urgent,
        variables: { reason: { var: 'referral.reason' }, drug: { var: 'medications.0.drugName' } },
      }),
    ).toEqual([]);
  });

  it('given a trigger the meta-schema refuses, then only that is reported, at the trigger’s path in the spec', async () => {
    const problems = await checkTriggers(withTrigger({ ...urgent, id: 'province-own', extra: 1 }));
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      '/triggers/province-own/extra trigger-invalid',
    ]);
    expect(
      (await checkTriggers(withTrigger({ ...urgent, id: 'other-id' }))).map(
        (p) => `${p.path} ${p.code}`,
      ),
    ).toEqual(['/triggers/province-own/id trigger-id-mismatch']);
    expect(await checkTriggers(withTrigger({ ...urgent, id: 'province-own' }))).toEqual([]);
  });
});
