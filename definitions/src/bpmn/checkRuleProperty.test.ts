import { describe, expect, it } from 'vitest';
import { readBaseSpec } from '../../../seed/lib/readSpec.js';
import { lintBpmn } from './lintBpmn.js';

/** The printed base's referral, whose follow-up tasks carry a `completeWhen` rule. */
const referral = readBaseSpec('national-phs', '3.0.1').workflows['two-way-referral']!;
const FACE_TO_FACE =
  '{&quot;in&quot;:[{&quot;var&quot;:&quot;visitMode&quot;},[&quot;1&quot;,&quot;2&quot;]]}';
const withCompleteWhen = (value: string) =>
  referral.replace(
    `name="completeWhen" value="${FACE_TO_FACE}"`,
    `name="completeWhen" value="${value}"`,
  );

describe('JsonLogic extension properties', () => {
  it('given the referral whose follow-up must be face to face, when linted, then its completeWhen rules pass', async () => {
    expect(referral).toContain(FACE_TO_FACE);
    const result = await lintBpmn(referral);
    expect(result.errors).toEqual([]);
  });

  it('given a completeWhen that is not JSON, or calls a method, when linted, then the task is named with the property and nothing runs', async () => {
    const broken = await lintBpmn(withCompleteWhen('visitMode in 1,2'));
    expect(broken.ok).toBe(false);
    expect(broken.errors).toEqual([
      expect.objectContaining({
        elementId: 'UserTask_followup_hypertension',
        code: 'condition-invalid-json',
      }),
    ]);
    expect(broken.errors[0]!.message.en).toContain('completeWhen');
    expect(broken.errors[0]!.message.zh).toContain('completeWhen');
    const method = await lintBpmn(
      withCompleteWhen(
        '{&quot;method&quot;:[{&quot;var&quot;:&quot;visitMode&quot;},&quot;toString&quot;]}',
      ),
    );
    expect(method.errors.map((e) => `${e.elementId} ${e.code}`)).toEqual([
      'UserTask_followup_hypertension condition-not-jsonlogic',
    ]);
  });

  it('given another property (a notice template), when linted, then its value is not read as JsonLogic', async () => {
    const result = await lintBpmn(
      referral.replace('value="referral-not-arrived"', 'value="not { json"'),
    );
    expect(result.errors).toEqual([]);
  });
});
