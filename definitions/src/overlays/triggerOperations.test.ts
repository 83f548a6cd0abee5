import { describe, expect, it } from 'vitest';
import { readBaseSpec } from '../../../seed/lib/readSpec.js';
import type { Overlay, Trigger } from '../types/generated.js';
import { applyOverlay } from './applyOverlay.js';
import { rebaseOverlay } from './rebaseOverlay.js';

const printed = readBaseSpec('national-phs', '3.0.1');
const overlay = (operations: Overlay['operations']): Overlay => ({
  key: 'fujian',
  version: '9.0.0',
  base: { spec: 'national-phs', version: '3.0.1' },
  jurisdiction: { code: '350000', name: { zh: '福建省', en: 'Fujian' } },
  operations,
});
/** A province's own trigger: a prenatal visit with severe hypertension refers urgently. */
const prenatal: Trigger = {
  id: 'prenatal-severe-hypertension',
  title: { zh: '孕期重度高血压紧急转诊', en: 'Severe hypertension in pregnancy' },
  form: 'prenatal-followup',
  condition: { or: [{ '>=': [{ var: 'sbp' }, 160] }, { '>=': [{ var: 'dbp' }, 110] }] },
  workflow: 'two-way-referral',
  message: 'urgentReferral',
  variables: { urgency: '3', program: '3', sbp: { var: 'sbp' } },
};
const hypertension = printed.triggers!['hypertension-urgent-referral']!;

describe('overlay operations on triggers', () => {
  it('given a province adding its own trigger, when applied, then the effective spec has it beside the national ones and the base is unchanged', async () => {
    const { spec, problems } = await applyOverlay(
      printed,
      overlay([{ op: 'add-trigger', trigger: prenatal as unknown as Record<string, unknown> }]),
    );
    expect(problems).toEqual([]);
    expect(Object.keys(spec.triggers!).sort()).toEqual([
      'diabetes-urgent-referral',
      'hypertension-urgent-referral',
      'prenatal-severe-hypertension',
    ]);
    expect(printed.triggers).not.toHaveProperty(['prenatal-severe-hypertension']);
  });

  it('given a province replacing the national hypertension trigger (also carrying heart rate), when applied, then the effective trigger is the province’s', async () => {
    const replaced = {
      ...hypertension,
      variables: { ...hypertension.variables, heartRate: { var: 'heartRate' } },
    };
    const { spec, problems } = await applyOverlay(
      printed,
      overlay([{ op: 'replace-trigger', trigger: replaced }]),
    );
    expect(problems).toEqual([]);
    expect(spec.triggers!['hypertension-urgent-referral']!.variables).toHaveProperty('heartRate');
  });

  it('given trigger operations that cannot apply, then each is refused with its code and zh/en reason, and the others still apply', async () => {
    const { spec, problems } = await applyOverlay(
      printed,
      overlay([
        { op: 'add-trigger', trigger: hypertension as unknown as Record<string, unknown> },
        { op: 'replace-trigger', trigger: prenatal as unknown as Record<string, unknown> },
        { op: 'add-trigger', trigger: { ...prenatal, workflow: 'no-such-workflow' } },
        { op: 'add-trigger', trigger: { ...prenatal, condition: { log: 'x' } } },
        { op: 'add-trigger', trigger: prenatal as unknown as Record<string, unknown> },
      ]),
    );
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      '/operations/0 trigger-exists',
      '/operations/1 trigger-unknown',
      '/operations/2 trigger-invalid',
      '/operations/3 trigger-invalid',
    ]);
    expect(problems[2]!.message.zh).toContain('no-such-workflow');
    expect(problems[2]!.message.en).toContain('workflow "no-such-workflow" is not known');
    expect(problems[3]!.message.en).toContain('/condition');
    expect(spec.triggers).toHaveProperty(['prenatal-severe-hypertension']);
  });

  it('given a province trigger on a form the same overlay adds fields to, when applied in order, then the trigger may read the added field', async () => {
    const { problems } = await applyOverlay(
      printed,
      overlay([
        {
          op: 'add-field',
          form: 'prenatal-followup',
          path: '',
          field: { name: 'severeHeadache', schema: { type: 'boolean', title: '剧烈头痛' } },
        },
        {
          op: 'add-trigger',
          trigger: { ...prenatal, condition: { '==': [{ var: 'severeHeadache' }, true] } },
        },
      ]),
    );
    expect(problems).toEqual([]);
  });

  it('given an overlay replacing a trigger the base revised since, when rebased, then the replacement is a conflict naming the trigger', async () => {
    const revised = structuredClone(printed);
    revised.version = '3.0.2';
    revised.triggers!['hypertension-urgent-referral']!.variables!.heartRate = { var: 'heartRate' };
    const { conflicts, carried } = await rebaseOverlay(
      printed,
      revised,
      overlay([
        { op: 'replace-trigger', trigger: { ...hypertension, title: { zh: '省级', en: 'ours' } } },
        { op: 'add-trigger', trigger: prenatal as unknown as Record<string, unknown> },
      ]),
    );
    expect(carried).toEqual([1]);
    expect(conflicts).toEqual([
      expect.objectContaining({
        index: 0,
        code: 'base-changed-trigger',
        baseChange: expect.objectContaining({ trigger: 'hypertension-urgent-referral' }),
      }),
    ]);
  });
});
