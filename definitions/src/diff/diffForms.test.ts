import { describe, expect, it } from 'vitest';
import type { CodeTable, FormDefinition } from '../types/generated.js';
import { diffForms } from './diffForms.js';
import { FORM_CHANGE_KINDS, type FormChange } from './FormChange.js';

type Schema = Record<string, unknown>;
const text = (zh: string, en: string) => ({ zh, en });

function visitForm(): FormDefinition {
  return {
    key: 'visit',
    version: '1.0.0',
    title: text('随访', 'Visit'),
    schema: {
      type: 'object',
      required: ['visitDate', 'sbp'],
      properties: {
        visitDate: { type: 'string', format: 'date', title: '随访日期' },
        sbp: {
          type: 'integer',
          minimum: 50,
          maximum: 300,
          title: '收缩压',
          'x-title-en': 'Systolic BP',
          'x-unit': 'mmHg',
          'x-de': 'DE04.10.174.00',
        },
        glucose: { type: 'number', minimum: 1, maximum: 40, 'x-unit': 'mmol/L', title: '空腹血糖' },
        method: { type: 'string', title: '随访方式', 'x-code-table': 'visit-method' },
        band: { type: 'string', enum: ['low', 'normal', 'high'] },
        note: { type: 'string', maxLength: 200, title: '备注' },
        urgent: { type: 'boolean', 'x-calculated': { '>=': [{ var: 'sbp' }, 180] } },
        referral: {
          type: 'object',
          properties: { reason: { type: 'string' }, institution: { type: 'string' } },
        },
      },
    },
    rules: [
      {
        id: 'sbp-plausible',
        assert: { '>': [{ var: 'sbp' }, 60] },
        path: '/sbp',
        message: text('收缩压过低', 'Systolic pressure too low'),
      },
    ],
  };
}

const methodTable = (codes: [string, string][]): CodeTable => ({
  id: 'visit-method',
  version: '1.0.0',
  title: text('随访方式', 'Visit method'),
  codes: codes.map(([code, zh]) => ({ code, label: text(zh, zh) })) as CodeTable['codes'],
});
const METHODS = methodTable([
  ['1', '门诊'],
  ['2', '家庭'],
  ['3', '电话'],
]);

/** The new version: a copy of the old one changed by `change`. */
function changed(change: (schema: Schema, form: FormDefinition) => void): FormDefinition {
  const form = visitForm();
  form.version = '1.1.0';
  change(form.schema, form);
  return form;
}

const props = (schema: Schema) => schema.properties as Record<string, Schema>;

function diff(
  after: FormDefinition,
  tablesAfter: Record<string, CodeTable> = { 'visit-method': METHODS },
) {
  return diffForms(visitForm(), after, {
    codeTablesBefore: { 'visit-method': METHODS },
    codeTablesAfter: tablesAfter,
  });
}

function only(changes: FormChange[], kind: FormChange['kind']): FormChange {
  const found = changes.filter((c) => c.kind === kind);
  expect(found, JSON.stringify(changes)).toHaveLength(1);
  return found[0]!;
}

describe('diffForms', () => {
  it('given the same form, when diffed, then there are no changes', () => {
    expect(diff(visitForm())).toEqual([]);
  });

  it('given a relabelled field, when diffed, then it is label-changed and compatible', () => {
    const changes = diff(changed((s) => (props(s).sbp!.title = '收缩压（mmHg）')));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ path: '/sbp', kind: 'label-changed', compatible: true });
    expect(changes[0]!.message.zh).toContain('/sbp');
  });

  it('given a code table with a new code, when diffed, then it is option-added and compatible', () => {
    const tables = {
      'visit-method': methodTable([
        ...METHODS.codes.map((c) => [c.code, c.label.zh] as [string, string]),
        ['4', '网络'],
      ]),
    };
    const change = only(diff(visitForm(), tables), 'option-added');
    expect(change).toMatchObject({ path: '/method', compatible: true, codes: ['4'] });
  });

  it('given an enum losing a value, when diffed, then it is option-removed and breaking', () => {
    const change = only(
      diff(changed((s) => (props(s).band!.enum = ['low', 'normal']))),
      'option-removed',
    );
    expect(change).toMatchObject({ path: '/band', compatible: false, codes: ['high'] });
  });

  it('given a label moved to another code, when diffed, then it is option-recoded with its map and breaking', () => {
    const tables = {
      'visit-method': methodTable([
        ['1', '门诊'],
        ['2', '家庭'],
        ['9', '电话'],
      ]),
    };
    const changes = diff(visitForm(), tables);
    const change = only(changes, 'option-recoded');
    expect(change).toMatchObject({ path: '/method', compatible: false, map: { '3': '9' } });
    expect(changes.some((c) => c.kind === 'option-removed' || c.kind === 'option-added')).toBe(
      false,
    );
  });

  it('given integer to number and a raised maximum, when diffed, then it is type-widened and compatible', () => {
    const change = only(
      diff(
        changed((s) => {
          props(s).sbp!.type = 'number';
          props(s).sbp!.maximum = 350;
        }),
      ),
      'type-widened',
    );
    expect(change).toMatchObject({
      path: '/sbp',
      compatible: true,
      before: { type: 'integer', maximum: 300 },
      after: { type: 'number', maximum: 350 },
    });
  });

  it('given string to string-or-null and a dropped maxLength, when diffed, then it is type-widened', () => {
    const change = only(
      diff(
        changed((s) => {
          props(s).note!.type = ['string', 'null'];
          delete props(s).note!.maxLength;
        }),
      ),
      'type-widened',
    );
    expect(change).toMatchObject({ path: '/note', compatible: true });
  });

  it('given number to integer and a raised minimum, when diffed, then it is type-narrowed and breaking', () => {
    const change = only(
      diff(
        changed((s) => {
          props(s).glucose!.type = 'integer';
          props(s).glucose!.minimum = 2;
        }),
      ),
      'type-narrowed',
    );
    expect(change).toMatchObject({
      path: '/glucose',
      compatible: false,
      before: { type: 'number', minimum: 1 },
      after: { type: 'integer', minimum: 2 },
    });
  });

  it('given a lowered maxLength and an added pattern, when diffed, then it is type-narrowed', () => {
    const change = only(
      diff(
        changed((s) => {
          props(s).note!.maxLength = 50;
          props(s).note!.pattern = '^[^<>]*$';
        }),
      ),
      'type-narrowed',
    );
    expect(change.after).toEqual({ maxLength: 50, pattern: '^[^<>]*$' });
  });

  it('given an optional field made required, when diffed, then it is required-added and breaking', () => {
    const change = only(
      diff(changed((s) => (s.required = ['visitDate', 'sbp', 'method']))),
      'required-added',
    );
    expect(change).toMatchObject({ path: '/method', compatible: false });
  });

  it('given a required field made optional, when diffed, then it is required-removed and compatible', () => {
    const change = only(diff(changed((s) => (s.required = ['visitDate']))), 'required-removed');
    expect(change).toMatchObject({ path: '/sbp', compatible: true });
  });

  it('given a new optional field, when diffed, then it is field-added and compatible', () => {
    const change = only(
      diff(changed((s) => (props(s).pulse = { type: 'integer' }))),
      'field-added',
    );
    expect(change).toMatchObject({ path: '/pulse', compatible: true });
  });

  it('given a new required field, when diffed, then it is field-added but breaking', () => {
    const change = only(
      diff(
        changed((s) => {
          props(s).pulse = { type: 'integer' };
          s.required = ['visitDate', 'sbp', 'pulse'];
        }),
      ),
      'field-added',
    );
    expect(change).toMatchObject({ path: '/pulse', compatible: false });
  });

  it('given a new nested object, when diffed, then only its top field is reported added', () => {
    const changes = diff(
      changed(
        (s) => (props(s).lab = { type: 'object', properties: { hba1c: { type: 'number' } } }),
      ),
    );
    expect(changes.map((c) => [c.path, c.kind])).toEqual([['/lab', 'field-added']]);
  });

  it('given a removed field, when diffed, then it is field-removed and breaking', () => {
    const change = only(diff(changed((s) => delete props(s).note)), 'field-removed');
    expect(change).toMatchObject({ path: '/note', compatible: false });
  });

  it('given a field moved under a new name with the same data element, when diffed, then it is field-renamed with from/to and breaking', () => {
    const changes = diff(
      changed((s) => {
        const properties = props(s);
        properties.systolic = properties.sbp!;
        delete properties.sbp;
        s.required = ['visitDate', 'systolic'];
      }),
    );
    const change = only(changes, 'field-renamed');
    expect(change).toMatchObject({
      path: '/systolic',
      compatible: false,
      from: '/sbp',
      to: '/systolic',
    });
    expect(changes.some((c) => c.kind === 'field-added' || c.kind === 'field-removed')).toBe(false);
  });

  it('given a renamed object, when diffed, then the fields inside follow it without changes of their own', () => {
    const before = visitForm();
    props(before.schema).referral!['x-de'] = 'DE06.00.123.00';
    const after = changed((s) => {
      const properties = props(s);
      properties.referralOut = { ...properties.referral!, 'x-de': 'DE06.00.123.00' };
      delete properties.referral;
    });
    const changes = diffForms(before, after, { codeTablesBefore: { 'visit-method': METHODS } });
    expect(changes.map((c) => [c.path, c.kind, c.from])).toEqual([
      ['/referralOut', 'field-renamed', '/referral'],
    ]);
  });

  it('given a changed unit, when diffed, then it is unit-changed with both units and breaking', () => {
    const change = only(
      diff(changed((s) => (props(s).glucose!['x-unit'] = 'mg/dL'))),
      'unit-changed',
    );
    expect(change).toMatchObject({
      path: '/glucose',
      compatible: false,
      before: 'mmol/L',
      after: 'mg/dL',
    });
  });

  it('given a changed calculation, when diffed, then it is rule-changed at the field and breaking', () => {
    const change = only(
      diff(changed((s) => (props(s).urgent!['x-calculated'] = { '>=': [{ var: 'sbp' }, 170] }))),
      'rule-changed',
    );
    expect(change).toMatchObject({ path: '/urgent', compatible: false });
  });

  it('given a form rule added, tightened, reworded or removed, when diffed, then rule-changed is breaking only for the first two', () => {
    const rule = (assert: unknown, en = 'Systolic pressure too low') => ({
      id: 'sbp-plausible',
      assert,
      path: '/sbp',
      message: text('收缩压过低', en),
    });
    const extra = {
      id: 'dbp-set',
      assert: { '!!': [{ var: 'sbp' }] },
      path: '/sbp',
      message: text('必填', 'Required'),
    };
    const added = only(diff(changed((_, f) => f.rules!.push(extra))), 'rule-changed');
    expect(added).toMatchObject({ path: '/rules/dbp-set', compatible: false });
    const tightened = only(
      diff(changed((_, f) => (f.rules = [rule({ '>': [{ var: 'sbp' }, 70] })]))),
      'rule-changed',
    );
    expect(tightened).toMatchObject({ path: '/rules/sbp-plausible', compatible: false });
    const reworded = only(
      diff(changed((_, f) => (f.rules = [rule({ '>': [{ var: 'sbp' }, 60] }, 'SBP too low')]))),
      'rule-changed',
    );
    expect(reworded.compatible).toBe(true);
    const removed = only(diff(changed((_, f) => (f.rules = []))), 'rule-changed');
    expect(removed.compatible).toBe(true);
  });

  it('given several changes, when diffed, then they are sorted by path and then by kind', () => {
    const changes = diff(
      changed((s) => {
        props(s).sbp!['x-unit'] = 'kPa';
        props(s).sbp!.title = '收缩压（kPa）';
        delete props(s).band;
      }),
    );
    expect(changes.map((c) => [c.path, c.kind])).toEqual([
      ['/band', 'field-removed'],
      ['/sbp', 'label-changed'],
      ['/sbp', 'unit-changed'],
    ]);
  });

  it('covers every kind it declares', () => {
    expect(FORM_CHANGE_KINDS).toHaveLength(13);
  });
});
