import { applyOverlay, type FormDefinition, type Overlay } from '@formwork/definitions';
import { describe, expect, it } from 'vitest';
import {
  addFieldOperation,
  describeOperation,
  fieldChanges,
  hideFieldOperation,
  makeRequiredOperation,
  newestVersion,
  nextMinorVersion,
  relabelOperation,
  signFormOperation,
  tightenRangeOperation,
} from './overlayOperations.js';

const visit: FormDefinition = {
  key: 'visit',
  version: '1.0.0',
  title: { zh: '随访', en: 'Visit' },
  schema: {
    type: 'object',
    required: ['sbp'],
    properties: {
      sbp: {
        type: 'integer',
        title: '收缩压',
        'x-title-en': 'Systolic',
        minimum: 50,
        maximum: 300,
      },
      heartRate: {
        type: 'integer',
        title: '心率',
        'x-title-en': 'Heart rate',
        minimum: 20,
        maximum: 250,
      },
      note: { type: 'string', title: '备注', 'x-title-en': 'Note' },
      remark: { type: 'string', title: '说明', 'x-title-en': 'Remark' },
    },
  },
};

/** The overlay of `operations` on a base holding `visit`, applied as the engine does. */
async function applied(operations: Overlay['operations']) {
  const base = {
    spec: 'base',
    version: '1.0.0',
    forms: { visit },
    codeTables: {
      'yes-no': {
        id: 'yes-no',
        version: '1.0.0',
        title: { zh: '是否', en: 'Yes/no' },
        codes: [
          { code: '1', label: { zh: '是', en: 'Yes' } },
          { code: '2', label: { zh: '否', en: 'No' } },
        ],
      },
    },
    parameters: { version: '1.0.0', parameters: [] },
    workflows: {},
  };
  return applyOverlay(base as never, {
    key: 'province',
    version: '1.1.0',
    base: { spec: 'base', version: '1.0.0' },
    jurisdiction: { code: '350000', name: { zh: '福建省', en: 'Fujian' } },
    operations,
  });
}

describe('the overlay editor writes definitions’ own operations', () => {
  it('given a province adds a yes/no field after the systolic pressure and tightens the heart rate, when the overlay is applied, then the effective form has the field in place and the narrower range, and each field is marked as the editor shows it', async () => {
    const operations = [
      addFieldOperation({
        form: 'visit',
        name: 'homeBp',
        label: { zh: '家庭血压监测', en: 'Home BP monitoring' },
        kind: 'yes-no',
        after: 'sbp',
      }),
      tightenRangeOperation('visit', '/heartRate', { minimum: 30, maximum: 200 }),
      makeRequiredOperation('visit', '/note'),
      relabelOperation('visit', '/remark', { zh: '其他说明', en: 'Other remarks' }),
    ];
    const { spec, problems } = await applied(operations);
    expect(problems).toEqual([]);
    const effective = spec.forms.visit!;
    const properties = effective.schema.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(properties)).toEqual(['sbp', 'homeBp', 'heartRate', 'note', 'remark']);
    expect(properties.homeBp).toMatchObject({ type: 'string', 'x-code-table': 'yes-no' });
    expect(properties.heartRate).toMatchObject({ minimum: 30, maximum: 200 });

    const pointers = Object.keys(properties).map((name) => `/${name}`);
    expect(fieldChanges(visit, effective, pointers)).toEqual({
      '/homeBp': 'added',
      '/heartRate': 'changed',
      '/note': 'changed',
      '/remark': 'changed',
    });
  });

  it('given a hidden optional field, then it is marked hidden; given a range widened, then the engine’s refusal names the field and the rule', async () => {
    const hidden = await applied([hideFieldOperation('visit', '/note')]);
    expect(hidden.problems).toEqual([]);
    expect(fieldChanges(visit, hidden.spec.forms.visit!, ['/note', '/sbp'])).toEqual({
      '/note': 'hidden',
    });

    const widened = await applied([tightenRangeOperation('visit', '/heartRate', { maximum: 300 })]);
    expect(widened.problems).toHaveLength(1);
    expect(widened.problems[0]!.code).toBe('loosens-range');
    expect(widened.problems[0]!.message.zh).toContain('/heartRate');
  });

  it('given a province marks the visit form signed, when applied, then its submissions are signed (x-signable) and the operation reads so in both languages', async () => {
    const signed = await applied([signFormOperation('visit')]);
    expect(signed.problems).toEqual([]);
    expect(signed.spec.forms.visit!.schema['x-signable']).toBe(true);
    expect(describeOperation(signFormOperation('visit'), 'zh')).toBe(
      'visit 的提交须电子签名（SM2）',
    );
    expect(describeOperation(signFormOperation('visit'), 'en')).toBe(
      'Submissions of visit are signed (SM2)',
    );
  });

  it('given each operation, when described, then the configurator reads it in Chinese and in English', () => {
    const added = addFieldOperation({
      form: 'visit',
      name: 'homeBp',
      label: { zh: '家庭血压监测', en: 'Home BP monitoring' },
      kind: 'yes-no',
      after: 'sbp',
      required: true,
    });
    expect(describeOperation(added, 'zh')).toBe(
      '在 visit 中新增字段「家庭血压监测」(homeBp)，位于 sbp 之后，必填',
    );
    expect(describeOperation(added, 'en')).toBe(
      'Add field “Home BP monitoring” (homeBp) to visit, after sbp, required',
    );
    const tightened = tightenRangeOperation('visit', '/heartRate', { minimum: 30, maximum: 200 });
    expect(describeOperation(tightened, 'zh')).toBe('收紧 visit /heartRate 的范围为 30–200');
    expect(describeOperation(tightened, 'en')).toBe('Tighten visit /heartRate to 30–200');
  });

  it('given a number field with a unit and bounds, then the schema carries them; a text field is bounded', () => {
    const weight = addFieldOperation({
      form: 'visit',
      name: 'waist',
      label: { zh: '腰围', en: 'Waist' },
      kind: 'number',
      minimum: 40,
      maximum: 200,
      unit: 'cm',
    });
    expect(weight.field.schema).toEqual({
      title: '腰围',
      'x-title-en': 'Waist',
      type: 'number',
      minimum: 40,
      maximum: 200,
      'x-unit': 'cm',
    });
    const text = addFieldOperation({
      form: 'visit',
      name: 'memo',
      label: { zh: '备忘', en: 'Memo' },
      kind: 'text',
    });
    expect(text.field.schema).toMatchObject({ type: 'string', maxLength: 200 });
  });

  it('given the versions of an overlay, then the next draft is the next minor version', () => {
    expect(nextMinorVersion(['1.0.0', '1.2.0', '1.10.0', '0.9.3'])).toBe('1.11.0');
    expect(nextMinorVersion([])).toBe('1.0.0');
    expect(newestVersion(['1.9.0', '1.10.0', 'draft'])).toBe('1.10.0');
  });
});
