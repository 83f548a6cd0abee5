import { compileForm, createAjv, type CompiledForm } from '@formwork/definitions';
import { describe, expect, it } from 'vitest';
import { addFromPalette } from './commands/addField.js';
import { emptyDocument, type FormDocument } from './FormDocument.js';
import { fieldAt } from './fields.js';
import { lintDocument } from './lint.js';
import { sectionsOf } from './layout.js';
import { kindOf, PALETTE, type PaletteKind, type PaletteOptions } from './palette/index.js';
import { renderedHtml, seedCodeTables } from './testing/seedForms.js';

const clock = { today: () => '2026-12-07' };
const codeTables = seedCodeTables();
const fresh = () =>
  emptyDocument('designer-test', { zh: '设计器测试表', en: 'Designer test' }, { codeTables });

function compiled(document: FormDocument): CompiledForm {
  return compileForm(createAjv(), document.definition, { codeTables: document.codeTables });
}

interface KindCase {
  kind: Exclude<PaletteKind, 'section'>;
  options?: PaletteOptions;
  /** A record staff could enter, valid for the new field(s). */
  valid: Record<string, unknown>;
  /** Labels the rendered form shows, in zh and en. */
  zh: string[];
  en: string[];
}

const cases: KindCase[] = [
  { kind: 'text', valid: { text: '头晕' }, zh: ['文本'], en: ['Text'] },
  {
    kind: 'number',
    options: { unit: 'kg', label: { zh: '体重', en: 'Weight' } },
    valid: { number: 62.5 },
    zh: ['体重'],
    en: ['Weight'],
  },
  { kind: 'date', valid: { date: '2026-12-01' }, zh: ['日期'], en: ['Date'] },
  {
    kind: 'single-choice',
    options: { codeTable: 'visit-mode', label: { zh: '随访方式', en: 'Visit mode' } },
    valid: { choice: '1' },
    zh: ['随访方式', '门诊'],
    en: ['Visit mode', 'Clinic'],
  },
  {
    kind: 'multiple-choice',
    options: { codeTable: 'hypertension-symptom' },
    valid: { choices: ['2', '3'] },
    zh: ['多选', '头痛头晕'],
    en: ['Choices'],
  },
  { kind: 'yes-no', valid: { yesNo: true }, zh: ['是否'], en: ['Yes/no'] },
  {
    kind: 'blood-pressure',
    valid: { sbp: 128, dbp: 82 },
    zh: ['收缩压', '舒张压'],
    en: ['Systolic BP', 'Diastolic BP'],
  },
  {
    kind: 'repeating-group',
    options: {
      name: 'medications',
      label: { zh: '用药情况', en: 'Medication' },
      items: [
        { kind: 'text', options: { name: 'drugName', label: { zh: '药物名称', en: 'Drug name' } } },
        { kind: 'number', options: { name: 'dose', unit: 'mg' } },
      ],
    },
    valid: { medications: [{ drugName: '氨氯地平', dose: 5 }] },
    zh: ['用药情况', '药物名称'],
    en: ['Medication', 'Drug name'],
  },
  {
    kind: 'calculated',
    options: {
      name: 'doubled',
      expression: { '*': [{ var: 'base' }, 2] },
      label: { zh: '两倍', en: 'Doubled' },
    },
    valid: {},
    zh: ['两倍'],
    en: ['Doubled'],
  },
  {
    kind: 'signature',
    options: { name: 'doctorSignature', label: { zh: '随访医生签名', en: "Doctor's signature" } },
    valid: { doctorSignature: '李医生' },
    zh: ['随访医生签名'],
    en: ['Doctor&#x27;s signature'],
  },
  {
    kind: 'device-reading',
    options: { device: { kind: 'glucose', reading: 'fasting' } },
    valid: { fasting: 6.1 },
    zh: ['空腹血糖'],
    en: ['Fasting glucose'],
  },
  {
    kind: 'attachment',
    valid: { attachments: [{ name: '心电图报告' }] },
    zh: ['附件', '附件名称'],
    en: ['Attachments', 'Attachment name'],
  },
];

describe('the palette: every kind makes a form definitions compiles and the renderer draws', () => {
  it('offers each kind of the issue, and only those', () => {
    expect(PALETTE.map((p) => p.kind).sort()).toEqual(
      [...cases.map((c) => c.kind), 'section'].sort(),
    );
  });

  it.each(cases)(
    'given an empty form, when the configurator drops a $kind field, then it compiles, renders in zh and en and takes a record',
    ({ kind, options, valid, zh, en }) => {
      let document = fresh();
      if (kind === 'calculated') {
        document = addFromPalette(
          document,
          'number',
          { container: '', index: 0 },
          { name: 'base' },
        ).document;
      }
      const { document: next, fields } = addFromPalette(
        document,
        kind,
        { container: '', index: 9 },
        options,
      );
      expect(fields.length).toBeGreaterThan(0);
      expect(lintDocument(next).problems).toEqual([]);
      const form = compiled(next);
      for (const path of fields) expect(form.fields.map((f) => f.path)).toContain(path);

      const record = kind === 'calculated' ? { base: 21 } : valid;
      const zhHtml = renderedHtml(form, 'zh', record);
      const enHtml = renderedHtml(form, 'en', record);
      for (const text of zh) expect(zhHtml).toContain(text);
      for (const text of en) expect(enHtml).toContain(text);
      expect(zhHtml).not.toMatch(/Unsupported|不支持的字段/);

      const result = form.process(record, clock);
      expect(result.errors).toEqual([]);
      if (kind === 'calculated') expect(result.data.doubled).toBe(42);
      if (kind !== 'blood-pressure')
        expect(kindOf(fieldAt(next.definition, fields[0]!)!.schema, fields[0]!.slice(1))).toBe(
          kind,
        );
    },
  );

  it('given a blood-pressure pair, when diastolic is not below systolic, then its rule says so on the diastolic field', () => {
    const { document } = addFromPalette(fresh(), 'blood-pressure', { container: '', index: 0 });
    const errors = compiled(document).process({ sbp: 120, dbp: 130 }, clock).errors;
    expect(errors).toEqual([
      expect.objectContaining({
        path: '/dbp',
        message: { zh: '舒张压应低于收缩压', en: 'Diastolic pressure must be below systolic' },
      }),
    ]);
  });

  it('given no code table picked, when a single choice is dropped, then a starter table comes with it and compiles', () => {
    const { document, fields } = addFromPalette(fresh(), 'single-choice', {
      container: '',
      index: 0,
    });
    const id = (document.definition.schema.properties as Record<string, Record<string, unknown>>)
      .choice!['x-code-table'] as string;
    expect(fields).toEqual(['/choice']);
    expect(document.codeTables[id]!.codes.map((c) => c.code)).toEqual(['1', '2']);
    expect(lintDocument(document).ok).toBe(true);
  });

  it('given a form, when a section is dropped and a field dropped into it, then the renderer shows the card', () => {
    let document = addFromPalette(
      fresh(),
      'section',
      { container: '', index: 0 },
      {
        label: { zh: '体格检查', en: 'Examination' },
      },
    ).document;
    document = addFromPalette(document, 'text', { container: '', section: 0, index: 0 }).document;
    expect(sectionsOf(document.definition)).toEqual([
      { title: { zh: '体格检查', en: 'Examination' }, fields: ['text'] },
    ]);
    expect(document.definition.uiSchema).toMatchObject({ 'ui:order': ['text', '*'] });
    expect(lintDocument(document).ok).toBe(true);
  });

  it('given a repeating group, when a calculated value is dropped into it, then it is refused and the form is unchanged', () => {
    const { document } = addFromPalette(fresh(), 'repeating-group', { container: '', index: 0 });
    expect(() => addFromPalette(document, 'calculated', { container: '/group', index: 0 })).toThrow(
      /repeating group/,
    );
    const added = addFromPalette(document, 'date', { container: '/group', index: 0 });
    expect(added.fields).toEqual(['/group/-/date']);
    expect(lintDocument(added.document).ok).toBe(true);
  });

  it('never changes the document it was given (documents are frozen)', () => {
    const document = fresh();
    const before = JSON.stringify(document);
    addFromPalette(document, 'blood-pressure', { container: '', index: 0 });
    expect(JSON.stringify(document)).toBe(before);
    expect(Object.isFrozen(document.definition.schema)).toBe(true);
  });
});
