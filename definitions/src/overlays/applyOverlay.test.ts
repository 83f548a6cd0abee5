import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormCompiler } from '../forms/FormCompiler.js';
import type { Operation, Overlay } from '../types/generated.js';
import { applyOverlay } from './applyOverlay.js';
import type { BaseSpec } from './BaseSpec.js';
import { fieldPaths } from './schemaPointer.js';

type Schema = Record<string, unknown>;

const bpmn = (name: string) =>
  readFileSync(new URL(`../bpmn/fixtures/${name}`, import.meta.url), 'utf8');
const GOOD_BPMN = bpmn('good/two-way-referral.bpmn');

const text = (zh: string, en: string) => ({ zh, en });

function makeBase(): BaseSpec {
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
            sbp: { type: 'integer', minimum: 40, maximum: 300, title: '收缩压', 'x-locked': true },
            weight: { type: 'number', minimum: 1, maximum: 300, title: '体重' },
            method: { type: 'string', title: '随访方式', 'x-code-table': 'visit-method' },
            risk: { type: 'string', title: '风险', 'x-code-table': 'risk', 'x-locked': true },
            note: { type: 'string', maxLength: 200, title: '备注' },
            referral: {
              type: 'object',
              title: '转诊',
              properties: {
                reason: { type: 'string', title: '原因' },
                institution: { type: 'string', title: '机构' },
              },
            },
          },
        },
        uiSchema: { 'ui:order': ['visitDate', 'sbp', 'weight', '*'] },
      },
      other: {
        key: 'other',
        version: '1.0.0',
        title: text('其他', 'Other'),
        schema: { type: 'object', properties: { a: { type: 'string' } } },
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
      risk: {
        id: 'risk',
        version: '1.0.0',
        title: text('风险', 'Risk'),
        codes: [{ code: '1', label: text('低', 'Low') }],
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
        {
          key: 'fixed',
          title: text('固定', 'Fixed'),
          type: 'string',
          value: 'a',
          overridable: false,
        },
      ],
    },
    workflows: { referral: GOOD_BPMN },
  };
}

const overlayOf = (...operations: Operation[]): Overlay => ({
  key: 'province',
  version: '1.0.0',
  base: { spec: 'test-phs', version: '1.0.0' },
  jurisdiction: { code: '350000', name: text('福建省', 'Fujian') },
  operations,
});

const visitSchema = (spec: BaseSpec) => spec.forms.visit!.schema as Schema;
const prop = (spec: BaseSpec, ...names: string[]) =>
  names.reduce<Schema>((s, n) => (s.properties as Record<string, Schema>)[n]!, visitSchema(spec));

async function applyOk(...ops: Operation[]) {
  const base = makeBase();
  const result = await applyOverlay(base, overlayOf(...ops));
  expect(result.problems).toEqual([]);
  const compiler = new FormCompiler({ codeTables: result.spec.codeTables });
  for (const form of Object.values(result.spec.forms))
    expect(() => compiler.compile(form)).not.toThrow();
  return result.spec;
}

async function problemsOf(...ops: Operation[]) {
  const base = makeBase();
  const { spec, problems } = await applyOverlay(base, overlayOf(...ops));
  return { spec, problems, codes: problems.map((p) => `${p.path} ${p.code}`) };
}

describe('applyOverlay: each operation', () => {
  it('given add-field with after, then the field follows that sibling, in order and ui:order', async () => {
    const spec = await applyOk(
      {
        op: 'add-field',
        form: 'visit',
        path: '',
        field: { name: 'pulse', after: 'sbp', required: true, schema: { type: 'integer' } },
      },
      {
        op: 'add-field',
        form: 'visit',
        path: '/referral',
        field: { name: 'contact', after: 'reason', schema: { type: 'string' }, ui: { a: 1 } },
      },
    );
    expect(Object.keys(prop(spec).properties as Schema).slice(0, 3)).toEqual([
      'visitDate',
      'sbp',
      'pulse',
    ]);
    expect(prop(spec).required).toEqual(['visitDate', 'pulse']);
    expect(spec.forms.visit!.uiSchema!['ui:order']).toEqual([
      'visitDate',
      'sbp',
      'pulse',
      'weight',
      '*',
    ]);
    expect(Object.keys(prop(spec, 'referral').properties as Schema)).toEqual([
      'reason',
      'contact',
      'institution',
    ]);
    expect(spec.forms.visit!.uiSchema!.referral).toEqual({ contact: { a: 1 } });
    expect(fieldPaths(visitSchema(spec))).toContain('/referral/contact');
  });

  it('given add-field without after, then the field goes last', async () => {
    const spec = await applyOk({
      op: 'add-field',
      form: 'visit',
      path: '',
      field: { name: 'last', schema: { type: 'string' } },
    });
    expect(Object.keys(prop(spec).properties as Schema).at(-1)).toBe('last');
  });

  it('given add-field problems, then each has its code', async () => {
    const { codes } = await problemsOf(
      { op: 'add-field', form: 'visit', path: '', field: { name: 'sbp', schema: {} } },
      { op: 'add-field', form: 'visit', path: '', field: { name: 'x', after: 'nope', schema: {} } },
      { op: 'add-field', form: 'visit', path: '/note', field: { name: 'x', schema: {} } },
      { op: 'add-field', form: 'nope', path: '', field: { name: 'x', schema: {} } },
    );
    expect(codes).toEqual([
      '/operations/0 field-exists',
      '/operations/1 after-unknown',
      '/operations/2 parent-not-object',
      '/operations/3 form-unknown',
    ]);
  });

  it('given tighten-range that narrows, then the bounds change (locked fields too)', async () => {
    const spec = await applyOk(
      { op: 'tighten-range', form: 'visit', path: '/sbp', minimum: 60, maximum: 250 },
      { op: 'tighten-range', form: 'visit', path: '/note', minLength: 2, maxLength: 100 },
    );
    expect(prop(spec, 'sbp')).toMatchObject({ minimum: 60, maximum: 250 });
    expect(prop(spec, 'note')).toMatchObject({ minLength: 2, maxLength: 100 });
  });

  it('given tighten-range that widens, empties or misapplies, then it is refused', async () => {
    const { spec, problems, codes } = await problemsOf(
      { op: 'tighten-range', form: 'visit', path: '/sbp', minimum: 30 },
      { op: 'tighten-range', form: 'visit', path: '/note', maxLength: 300 },
      { op: 'tighten-range', form: 'visit', path: '/weight', minimum: 200, maximum: 100 },
      { op: 'tighten-range', form: 'visit', path: '/note', minimum: 1 },
      { op: 'tighten-range', form: 'visit', path: '/nope', minimum: 1 },
    );
    expect(codes).toEqual([
      '/operations/0 loosens-range',
      '/operations/1 loosens-range',
      '/operations/2 empty-range',
      '/operations/3 range-not-applicable',
      '/operations/4 field-unknown',
    ]);
    expect(problems[0]!.message.en).toMatch(/minimum of field \/sbp from 40 to 30 widens/);
    expect(problems[0]!.message.zh).toMatch(/放宽/);
    expect(prop(spec, 'sbp').minimum).toBe(40);
  });

  it('given add-options, then codes are appended to the table', async () => {
    const spec = await applyOk({
      op: 'add-options',
      codeTable: 'visit-method',
      codes: [{ code: '9', label: text('微信', 'WeChat') }],
    });
    expect(spec.codeTables['visit-method']!.codes.map((c) => c.code)).toEqual(['1', '2', '9']);
  });

  it('given add-options on an existing code, a locked table or no table, then it is refused', async () => {
    const { codes } = await problemsOf(
      {
        op: 'add-options',
        codeTable: 'visit-method',
        codes: [{ code: '2', label: text('a', 'a') }],
      },
      { op: 'add-options', codeTable: 'risk', codes: [{ code: '9', label: text('a', 'a') }] },
      { op: 'add-options', codeTable: 'nope', codes: [{ code: '9', label: text('a', 'a') }] },
    );
    expect(codes).toEqual([
      '/operations/0 code-exists',
      '/operations/1 locked',
      '/operations/2 code-table-unknown',
    ]);
  });

  it('given hide-field on an optional field, then it is marked x-visible false, not removed', async () => {
    const spec = await applyOk({ op: 'hide-field', form: 'visit', path: '/note' });
    expect(prop(spec, 'note')['x-visible']).toBe(false);
    const compiled = new FormCompiler({ codeTables: spec.codeTables }).compile(spec.forms.visit!);
    const result = compiled.process(
      { visitDate: '2026-11-23', note: 'x' },
      {
        today: () => '2026-11-23',
      },
    );
    expect(result.data.note).toBeUndefined();
  });

  it('given hide-field on a required or locked field, then hides-required-or-locked', async () => {
    const { codes } = await problemsOf(
      { op: 'hide-field', form: 'visit', path: '/visitDate' },
      { op: 'hide-field', form: 'visit', path: '/sbp' },
    );
    expect(codes).toEqual([
      '/operations/0 hides-required-or-locked',
      '/operations/1 hides-required-or-locked',
    ]);
  });

  it('given relabel, then title and x-title-en change; on a locked field, locked', async () => {
    const spec = await applyOk({
      op: 'relabel',
      form: 'visit',
      path: '/referral/reason',
      label: text('转诊原因', 'Referral reason'),
    });
    expect(prop(spec, 'referral', 'reason')).toMatchObject({
      title: '转诊原因',
      'x-title-en': 'Referral reason',
    });
    const { codes } = await problemsOf({
      op: 'relabel',
      form: 'visit',
      path: '/sbp',
      label: text('a', 'a'),
    });
    expect(codes).toEqual(['/operations/0 locked']);
  });

  it('given make-required, then the parent lists the field once (locked fields too)', async () => {
    const spec = await applyOk(
      { op: 'make-required', form: 'visit', path: '/referral/reason' },
      { op: 'make-required', form: 'visit', path: '/sbp' },
      { op: 'make-required', form: 'visit', path: '/sbp' },
    );
    expect(prop(spec, 'referral').required).toEqual(['reason']);
    expect(prop(spec).required).toEqual(['visitDate', 'sbp']);
  });

  it('given add-rule, then it is appended; a forbidden operator or a duplicate id is refused', async () => {
    const rule = {
      id: 'weight-with-sbp',
      assert: { '!!': [{ var: 'weight' }] },
      path: '/weight',
      message: text('请填写体重', 'Weight is needed'),
    };
    const spec = await applyOk({ op: 'add-rule', form: 'visit', rule });
    expect(spec.forms.visit!.rules).toEqual([rule]);
    const { codes } = await problemsOf(
      { op: 'add-rule', form: 'visit', rule },
      { op: 'add-rule', form: 'visit', rule },
      {
        op: 'add-rule',
        form: 'visit',
        rule: { ...rule, id: 'bad', assert: { method: ['x', 'toString'] } },
      },
      { op: 'add-rule', form: 'visit', rule: { id: 'no-message', assert: true } },
    );
    expect(codes).toEqual([
      '/operations/1 rule-exists',
      '/operations/2 rule-invalid',
      '/operations/3 rule-invalid',
    ]);
  });

  it('given set-parameter, then the value changes; wrong key, type, range or lock are refused', async () => {
    const spec = await applyOk({ op: 'set-parameter', key: 'bpTarget', value: 150 });
    expect(spec.parameters.parameters[0]!.value).toBe(150);
    const { codes } = await problemsOf(
      { op: 'set-parameter', key: 'nope', value: 1 },
      { op: 'set-parameter', key: 'fixed', value: 'b' },
      { op: 'set-parameter', key: 'bpTarget', value: 150.5 },
      { op: 'set-parameter', key: 'bpTarget', value: '150' },
      { op: 'set-parameter', key: 'bpTarget', value: 170 },
    );
    expect(codes).toEqual([
      '/operations/0 parameter-unknown',
      '/operations/1 parameter-not-overridable',
      '/operations/2 parameter-wrong-type',
      '/operations/3 parameter-wrong-type',
      '/operations/4 parameter-out-of-range',
    ]);
  });

  it('given set-form-signable, then the form is marked x-signable at its root (and compiles); a form the base signs stays signed; an unknown form is refused', async () => {
    const spec = await applyOk({ op: 'set-form-signable', form: 'visit', signable: true });
    expect(visitSchema(spec)['x-signable']).toBe(true);
    const unmarked = await applyOk(
      { op: 'set-form-signable', form: 'other', signable: true },
      { op: 'set-form-signable', form: 'other', signable: false },
    );
    expect('x-signable' in unmarked.forms.other!.schema).toBe(false);

    const base = makeBase();
    base.forms.visit!.schema['x-signable'] = true;
    const { spec: kept, problems } = await applyOverlay(
      base,
      overlayOf(
        { op: 'set-form-signable', form: 'visit', signable: false },
        { op: 'set-form-signable', form: 'nope', signable: true },
      ),
    );
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      '/operations/0 signable-locked',
      '/operations/1 form-unknown',
    ]);
    expect(problems[0]!.message.en).toBe(
      'the base has form "visit" signed; an overlay may not turn that off',
    );
    expect(visitSchema(kept)['x-signable']).toBe(true);
  });

  it('given add-form, then a new form is added; an existing key or invalid form is refused', async () => {
    const definition = {
      key: 'extra',
      version: '1.0.0',
      title: text('附加', 'Extra'),
      schema: { type: 'object', properties: { b: { type: 'string' } } },
    };
    const spec = await applyOk({ op: 'add-form', definition });
    expect(spec.forms.extra).toEqual(definition);
    const { codes } = await problemsOf(
      { op: 'add-form', definition: { ...definition, key: 'visit' } },
      { op: 'add-form', definition: { key: 'bad' } },
    );
    expect(codes).toEqual(['/operations/0 form-exists', '/operations/1 form-invalid']);
  });

  it('given add-workflow and replace-workflow, then keys and BPMN lint are enforced', async () => {
    const spec = await applyOk(
      { op: 'add-workflow', workflow: 'copy', bpmn: GOOD_BPMN },
      { op: 'replace-workflow', workflow: 'referral', bpmn: GOOD_BPMN },
    );
    expect(Object.keys(spec.workflows)).toEqual(['referral', 'copy']);
    const { codes, problems } = await problemsOf(
      { op: 'add-workflow', workflow: 'referral', bpmn: GOOD_BPMN },
      { op: 'replace-workflow', workflow: 'nope', bpmn: GOOD_BPMN },
      { op: 'add-workflow', workflow: 'broken', bpmn: '<not-bpmn/>' },
    );
    expect(codes).toEqual([
      '/operations/0 workflow-exists',
      '/operations/1 workflow-unknown',
      '/operations/2 bpmn-invalid',
    ]);
    expect(problems[2]!.message.en).toMatch(/fails the lint/);
  });
});

describe('applyOverlay: the base and the overlay', () => {
  it('given any overlay, then the base is not changed', async () => {
    const base = makeBase();
    const before = structuredClone(base);
    const { spec } = await applyOverlay(
      base,
      overlayOf(
        { op: 'add-field', form: 'visit', path: '', field: { name: 'x', schema: {} } },
        { op: 'tighten-range', form: 'visit', path: '/sbp', maximum: 200 },
        {
          op: 'add-options',
          codeTable: 'visit-method',
          codes: [{ code: '9', label: text('a', 'a') }],
        },
        { op: 'set-parameter', key: 'bpTarget', value: 130 },
        { op: 'make-required', form: 'visit', path: '/note' },
        { op: 'add-workflow', workflow: 'copy', bpmn: GOOD_BPMN },
      ),
    );
    expect(base).toEqual(before);
    expect(spec).not.toEqual(before);
  });

  it('given an overlay for another base, then wrong-base and nothing applied', async () => {
    const base = makeBase();
    const overlay = {
      ...overlayOf({ op: 'set-parameter', key: 'bpTarget', value: 130 }),
      base: { spec: 'test-phs', version: '2.0.0' },
    };
    const { spec, problems } = await applyOverlay(base, overlay);
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual(['/base wrong-base']);
    expect(problems[0]!.message.en).toMatch(/test-phs 2\.0\.0.*test-phs 1\.0\.0/);
    expect(spec).toEqual(base);
  });

  it('given an overlay the meta-schema refuses, then overlay-invalid at the bad operation', async () => {
    const overlay = overlayOf({ op: 'explode' } as unknown as Operation);
    const { problems } = await applyOverlay(makeBase(), overlay);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === 'overlay-invalid')).toBe(true);
    expect(problems[0]!.path).toMatch(/^\/operations\/0/);
  });

  it('given a refused operation, then later ones still apply', async () => {
    const { spec, codes } = await problemsOf(
      { op: 'relabel', form: 'visit', path: '/sbp', label: text('a', 'a') },
      { op: 'set-parameter', key: 'bpTarget', value: 130 },
    );
    expect(codes).toEqual(['/operations/0 locked']);
    expect(spec.parameters.parameters[0]!.value).toBe(130);
  });
});
