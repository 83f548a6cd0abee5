import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Operation, Overlay } from '../types/generated.js';
import { applyOverlay } from './applyOverlay.js';
import type { BaseSpec } from './BaseSpec.js';
import { rebaseOverlay } from './rebaseOverlay.js';

type Schema = Record<string, unknown>;

const GOOD_BPMN = readFileSync(
  new URL('../bpmn/fixtures/good/two-way-referral.bpmn', import.meta.url),
  'utf8',
);
const OTHER_BPMN = readFileSync(
  new URL('../bpmn/fixtures/good/remote-consultation.bpmn', import.meta.url),
  'utf8',
);

const text = (zh: string, en: string) => ({ zh, en });

function oldBase(): BaseSpec {
  return {
    spec: 'test-phs',
    version: '1.0.0',
    forms: {
      visit: {
        key: 'visit',
        version: '1.0.0',
        title: text('随访', 'Visit'),
        schema: {
          type: 'object',
          required: ['visitDate'],
          properties: {
            visitDate: { type: 'string', format: 'date', title: '随访日期' },
            sbp: { type: 'integer', minimum: 40, maximum: 300, title: '收缩压' },
            weight: { type: 'number', minimum: 1, maximum: 300, title: '体重' },
            pulse: { type: 'integer', minimum: 20, maximum: 250, title: '心率' },
            method: { type: 'string', title: '随访方式', 'x-code-table': 'visit-method' },
            note: { type: 'string', maxLength: 200, title: '备注', 'x-title-en': 'Note' },
            smoking: { type: 'string', title: '吸烟', 'x-title-en': 'Smoking' },
            advice: { type: 'string', title: '建议' },
          },
        },
        uiSchema: { 'ui:order': ['visitDate', 'sbp', 'weight', '*'] },
      },
    },
    codeTables: {
      'visit-method': {
        id: 'visit-method',
        version: '1.0.0',
        title: text('随访方式', 'Visit method'),
        codes: [
          { code: '1', label: text('门诊', 'Clinic') },
          { code: '2', label: text('家庭', 'Home') },
        ],
      },
    },
    parameters: {
      id: 'test-parameters',
      version: '1.0.0',
      parameters: [
        {
          key: 'bpTarget',
          title: text('目标', 'Target'),
          type: 'integer',
          value: 140,
          minimum: 120,
          maximum: 160,
        },
        { key: 'window', title: text('时限', 'Window'), type: 'integer', value: 7, maximum: 28 },
        { key: 'reminder', title: text('提醒', 'Reminder'), type: 'integer', value: 7 },
      ],
    },
    workflows: { referral: GOOD_BPMN },
  };
}

const visitProps = (base: BaseSpec) =>
  base.forms.visit!.schema.properties as Record<string, Schema>;

/** The new base version with changes that touch none of CLEAN_OPS's targets. */
function unrelatedNewBase(): BaseSpec {
  const base = oldBase();
  base.version = '2.0.0';
  const props = visitProps(base);
  props.homeBp = { type: 'string', title: '家庭自测血压' };
  props.smoking!.title = '吸烟情况';
  props.pulse!.maximum = 220;
  base.codeTables['visit-method']!.codes.push({ code: '3', label: text('电话', 'Phone') });
  base.parameters.parameters.push({
    key: 'footInterval',
    title: text('足部检查间隔', 'Foot exam interval'),
    type: 'integer',
    value: 12,
  });
  return base;
}

const overlayOf = (...operations: Operation[]): Overlay => ({
  key: 'province',
  version: '1.0.0',
  base: { spec: 'test-phs', version: '1.0.0' },
  jurisdiction: { code: '350000', name: text('福建省', 'Fujian') },
  operations,
});

const CLEAN_OPS: Operation[] = [
  {
    op: 'add-field',
    form: 'visit',
    path: '',
    field: { name: 'footExam', after: 'weight', schema: { type: 'string', title: '足部检查' } },
  },
  {
    op: 'add-field',
    form: 'visit',
    path: '',
    field: { name: 'footFindings', after: 'footExam', schema: { type: 'string', title: '所见' } },
  },
  { op: 'tighten-range', form: 'visit', path: '/sbp', minimum: 60 },
  { op: 'tighten-range', form: 'visit', path: '/pulse', minimum: 30 },
  { op: 'hide-field', form: 'visit', path: '/advice' },
  { op: 'relabel', form: 'visit', path: '/note', label: text('随访备注', 'Visit note') },
  { op: 'make-required', form: 'visit', path: '/weight' },
  {
    op: 'add-options',
    codeTable: 'visit-method',
    codes: [{ code: '9', label: text('微信', 'WeChat') }],
  },
  { op: 'set-parameter', key: 'bpTarget', value: 150 },
  {
    op: 'add-rule',
    form: 'visit',
    rule: {
      id: 'weight-needed',
      assert: { '!!': [{ var: 'weight' }] },
      path: '/weight',
      message: text('请填写体重', 'Weight is needed'),
    },
  },
  {
    op: 'add-form',
    definition: {
      key: 'extra',
      version: '1.0.0',
      title: text('附加', 'Extra'),
      schema: { type: 'object', properties: { b: { type: 'string' } } },
    },
  },
  { op: 'add-workflow', workflow: 'consult', bpmn: OTHER_BPMN },
  { op: 'replace-workflow', workflow: 'referral', bpmn: OTHER_BPMN },
  { op: 'set-form-signable', form: 'visit', signable: true },
];

describe('rebaseOverlay: without conflicts', () => {
  it('given base changes beside every target, when rebased, then every operation is carried', async () => {
    const before = oldBase();
    const after = unrelatedNewBase();
    const overlay = overlayOf(...CLEAN_OPS);
    const frozen = structuredClone([before, after, overlay]);

    const result = await rebaseOverlay(before, after, overlay);

    expect(result.problems).toEqual([]);
    expect(result.conflicts).toEqual([]);
    expect(result.carried).toEqual(CLEAN_OPS.map((_, i) => i));
    expect(result.overlay).toEqual({ ...overlay, base: { spec: 'test-phs', version: '2.0.0' } });
    expect([before, after, overlay]).toEqual(frozen);
  });

  it('given the rebased overlay, when applied to the new base, then there are no problems', async () => {
    const after = unrelatedNewBase();
    const { overlay } = await rebaseOverlay(oldBase(), after, overlayOf(...CLEAN_OPS));
    const { spec, problems } = await applyOverlay(after, overlay);
    expect(problems).toEqual([]);
    expect(Object.keys(spec.forms.visit!.schema.properties as Schema)).toContain('homeBp');
    expect(spec.parameters.parameters[0]!.value).toBe(150);
  });
});

/** One conflict per kind: the new base, the operation, and what the conflict must say. */
interface Case {
  name: string;
  change: (base: BaseSpec) => void;
  op: Operation;
  code: string;
  baseChange: Record<string, unknown>;
  reason: RegExp;
}

const CASES: Case[] = [
  {
    name: 'both relabel the same field',
    change: (b) => Object.assign(visitProps(b).note!, { title: '附注', 'x-title-en': 'Remarks' }),
    op: { op: 'relabel', form: 'visit', path: '/note', label: text('随访备注', 'Visit note') },
    code: 'base-relabelled',
    baseChange: { form: 'visit', path: '/note', en: /relabelled field \/note: "Note" → "Remarks"/ },
    reason: /both the overlay and the base relabel field \/note/,
  },
  {
    name: 'both add a field of the same name',
    change: (b) => (visitProps(b).footExam = { type: 'string', title: '足部检查' }),
    op: {
      op: 'add-field',
      form: 'visit',
      path: '',
      field: { name: 'footExam', schema: { type: 'string', title: '足部检查' } },
    },
    code: 'field-exists',
    baseChange: { form: 'visit', path: '/footExam', en: /the base added field "footExam"/ },
    reason: /already has a field "footExam"/,
  },
  {
    name: 'both add the same field under different names',
    change: (b) => (visitProps(b).footExamination = { type: 'string', title: '足部检查' }),
    op: {
      op: 'add-field',
      form: 'visit',
      path: '',
      field: { name: 'footExam', schema: { type: 'string', title: '足部检查' } },
    },
    code: 'base-added-similar-field',
    baseChange: { form: 'visit', path: '/footExam', en: /added field "footExamination"/ },
    reason: /use the national field/,
  },
  {
    name: 'the op tightens a bound the base already changed',
    change: (b) => (visitProps(b).sbp!.minimum = 50),
    op: { op: 'tighten-range', form: 'visit', path: '/sbp', minimum: 60 },
    code: 'base-changed-range',
    baseChange: { form: 'visit', path: '/sbp', en: /range of field \/sbp: minimum 40 → 50/ },
    reason: /the minimum the overlay tightens changed in the base/,
  },
  {
    name: 'the base tightened past the op (it would now widen)',
    change: (b) => (visitProps(b).sbp!.maximum = 200),
    op: { op: 'tighten-range', form: 'visit', path: '/sbp', maximum: 250 },
    code: 'loosens-range',
    baseChange: { form: 'visit', path: '/sbp', en: /maximum 300 → 200/ },
    reason: /widens the range/,
  },
  {
    name: "the op's after anchor disappeared",
    change: (b) => delete visitProps(b).smoking,
    op: {
      op: 'add-field',
      form: 'visit',
      path: '',
      field: { name: 'quitDate', after: 'smoking', schema: { type: 'string' } },
    },
    code: 'after-unknown',
    baseChange: { form: 'visit', path: '/quitDate', en: /removed field \/smoking/ },
    reason: /has no field "smoking"/,
  },
  {
    name: 'the op adds codes the table now holds',
    change: (b) =>
      b.codeTables['visit-method']!.codes.push({ code: '9', label: text('视频', 'Video') }),
    op: {
      op: 'add-options',
      codeTable: 'visit-method',
      codes: [{ code: '9', label: text('微信', 'WeChat') }],
    },
    code: 'code-exists',
    baseChange: { codeTable: 'visit-method', en: /added code\(s\) 9/ },
    reason: /already has code\(s\) 9/,
  },
  {
    name: 'the op adds an option the base added under another code',
    change: (b) =>
      b.codeTables['visit-method']!.codes.push({ code: '4', label: text('微信', 'WeChat') }),
    op: {
      op: 'add-options',
      codeTable: 'visit-method',
      codes: [{ code: '9', label: text('微信', 'WeChat') }],
    },
    code: 'base-added-similar-option',
    baseChange: { codeTable: 'visit-method', en: /overlay 9, base 4/ },
    reason: /under its own code/,
  },
  {
    name: 'set-parameter of a parameter the base removed',
    change: (b) => (b.parameters.parameters = b.parameters.parameters.slice(0, 1)),
    op: { op: 'set-parameter', key: 'window', value: 28 },
    code: 'parameter-unknown',
    baseChange: { parameter: 'window', en: /removed parameter "window"/ },
    reason: /parameter "window" is not known/,
  },
  {
    name: 'set-parameter of a parameter whose default the base changed',
    change: (b) => (b.parameters.parameters[0]!.value = 130),
    op: { op: 'set-parameter', key: 'bpTarget', value: 150 },
    code: 'base-changed-parameter',
    baseChange: { parameter: 'bpTarget', en: /value 140 → 130/ },
    reason: /the value 150 needs review/,
  },
  {
    name: 'hide-field of a field the base made required',
    change: (b) => (b.forms.visit!.schema.required as string[]).push('advice'),
    op: { op: 'hide-field', form: 'visit', path: '/advice' },
    code: 'hides-required-or-locked',
    baseChange: { form: 'visit', path: '/advice', en: /made field \/advice required/ },
    reason: /is required and may not be hidden/,
  },
  {
    name: 'replace-workflow of a workflow the base revised',
    change: (b) => (b.workflows.referral = GOOD_BPMN.replace('双向转诊（上转）', '上转')),
    op: { op: 'replace-workflow', workflow: 'referral', bpmn: OTHER_BPMN },
    code: 'base-changed-workflow',
    baseChange: { workflow: 'referral', en: /revised workflow "referral"/ },
    reason: /would drop the revision/,
  },
  {
    name: 'set-form-signable false on a form the base now signs',
    change: (b) => (b.forms.visit!.schema['x-signable'] = true),
    op: { op: 'set-form-signable', form: 'visit', signable: false },
    code: 'signable-locked',
    baseChange: { form: 'visit', en: /the base marked form "visit" signable/ },
    reason: /may not turn that off/,
  },
];

describe('rebaseOverlay: conflicts', () => {
  it.each(CASES)(
    'given $name, when rebased, then the operation is a conflict with its base change and reason',
    async ({ change, op, code, baseChange, reason }) => {
      const after = oldBase();
      after.version = '2.0.0';
      change(after);
      const keep: Operation = { op: 'make-required', form: 'visit', path: '/weight' };

      const result = await rebaseOverlay(oldBase(), after, overlayOf(keep, op));

      expect(result.carried).toEqual([0]);
      expect(result.conflicts).toHaveLength(1);
      const [conflict] = result.conflicts;
      const { en, ...where } = baseChange;
      expect(conflict).toMatchObject({ index: 1, op, code, baseChange: where });
      expect(conflict!.baseChange.description.en).toMatch(en as RegExp);
      expect(conflict!.baseChange.description.zh).toMatch(/\p{Script=Han}/u);
      expect(conflict!.reason.en).toMatch(reason);
      expect(conflict!.reason.zh).toMatch(/\p{Script=Han}/u);
      expect(result.overlay.operations).toEqual([keep]);
      expect((await applyOverlay(after, result.overlay)).problems).toEqual([]);
    },
  );

  it('given an op anchored on a conflicting add-field the base now provides, then it is carried', async () => {
    const after = oldBase();
    after.version = '2.0.0';
    visitProps(after).footExam = { type: 'string', title: '足检' };
    visitProps(after).ulcer = { type: 'string', title: '溃疡' };
    const ops: Operation[] = [
      {
        op: 'add-field',
        form: 'visit',
        path: '',
        field: { name: 'ulcer', after: 'weight', schema: { type: 'string' } },
      },
      {
        op: 'add-field',
        form: 'visit',
        path: '',
        field: { name: 'ulcerSize', after: 'ulcer', schema: { type: 'number' } },
      },
      {
        op: 'add-field',
        form: 'visit',
        path: '',
        field: { name: 'grade', after: 'ulcerSize', schema: { type: 'string' } },
      },
      { op: 'set-parameter', key: 'reminder', value: 3 },
    ];

    const result = await rebaseOverlay(oldBase(), after, overlayOf(...ops));

    // ulcerSize now follows the base's own "ulcer" field; only the clash itself conflicts.
    expect(result.conflicts.map((c) => [c.index, c.code])).toEqual([[0, 'field-exists']]);
    expect(result.carried).toEqual([1, 2, 3]);
  });

  it('given a dropped op that a later one anchors on, when rebased, then both conflict and the later names the former', async () => {
    const after = oldBase();
    after.version = '2.0.0';
    delete visitProps(after).smoking;
    const ops: Operation[] = [
      {
        op: 'add-field',
        form: 'visit',
        path: '',
        field: { name: 'quitDate', after: 'smoking', schema: { type: 'string' } },
      },
      {
        op: 'add-field',
        form: 'visit',
        path: '',
        field: { name: 'quitReason', after: 'quitDate', schema: { type: 'string' } },
      },
      { op: 'set-parameter', key: 'reminder', value: 3 },
    ];

    const result = await rebaseOverlay(oldBase(), after, overlayOf(...ops));

    expect(result.conflicts.map((c) => [c.index, c.code])).toEqual([
      [0, 'after-unknown'],
      [1, 'after-unknown'],
    ]);
    expect(result.conflicts[1]!.baseChange.description.en).toMatch(
      /the base did not change here; it may rely on operations not carried over: #0/,
    );
    expect(result.carried).toEqual([2]);
    expect((await applyOverlay(after, result.overlay)).problems).toEqual([]);
  });
});

describe('rebaseOverlay: the overlay as a whole', () => {
  it('given an overlay for another base version, when rebased, then wrong-base and nothing carried', async () => {
    const overlay = { ...overlayOf(...CLEAN_OPS), base: { spec: 'test-phs', version: '0.9.0' } };
    const result = await rebaseOverlay(oldBase(), unrelatedNewBase(), overlay);
    expect(result.problems.map((p) => `${p.path} ${p.code}`)).toEqual(['/base wrong-base']);
    expect(result.carried).toEqual([]);
    expect(result.overlay).toEqual(overlay);
  });
});
