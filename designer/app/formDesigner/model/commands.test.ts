import { describe, expect, it } from 'vitest';
import { addFromPalette } from './commands/addField.js';
import { createCodeTable, codeTableUsage, updateCodeTable } from './commands/codeTables.js';
import { moveField } from './commands/moveField.js';
import { removeField } from './commands/removeField.js';
import { removeSection, renameSection } from './commands/sections.js';
import { updateField } from './commands/updateField.js';
import { DesignError } from './DesignProblem.js';
import { describeField, outline } from './fieldView.js';
import { fieldAt } from './fields.js';
import { createDocument, emptyDocument, type FormDocument } from './FormDocument.js';
import { sectionsOf, shownOrder, formContainer } from './layout.js';
import { lintDocument } from './lint.js';
import { seedCodeTables, seedForm } from './testing/seedForms.js';

const codeTables = seedCodeTables();
const national = seedForm('hypertension-followup');

/** A province's form derived from the national hypertension follow-up (its locks apply). */
const provincial = () =>
  createDocument(national, {
    codeTables,
    base: { name: 'national-phs@3.0.1', definition: national },
  });

function refusal(run: () => unknown): DesignError {
  try {
    run();
  } catch (error) {
    if (error instanceof DesignError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}

/** A form with three fields and a group: visitDate, sbp/dbp, notes, referral { reason }. */
function clinicForm(): FormDocument {
  let d = emptyDocument('clinic-visit', { zh: '门诊记录', en: 'Clinic visit' }, { codeTables });
  d = addFromPalette(d, 'date', { container: '', index: 0 }, { name: 'visitDate' }).document;
  d = addFromPalette(d, 'blood-pressure', { container: '', index: 1 }).document;
  d = addFromPalette(d, 'text', { container: '', index: 3 }, { name: 'notes' }).document;
  return d;
}

const order = (d: FormDocument) => shownOrder(d.definition, formContainer);

describe('moving fields', () => {
  it('given the clinic form, when the doctor drags notes to the top, then only the order changes', () => {
    const before = clinicForm();
    const after = moveField(before, '/notes', { container: '', index: 0 });
    expect(order(after)).toEqual(['notes', 'visitDate', 'sbp', 'dbp']);
    expect(after.definition.schema).toBe(before.definition.schema); // shared, untouched
    expect(lintDocument(after).ok).toBe(true);
  });

  it('given a repeating group, when a field is moved into it, then its data path, required flag and rules follow', () => {
    let d = clinicForm();
    d = addFromPalette(
      d,
      'repeating-group',
      { container: '', index: 9 },
      { name: 'readings' },
    ).document;
    d = updateField(d, '/notes', { required: true });
    const moved = moveField(d, '/notes', { container: '/readings', index: 0 });
    expect(fieldAt(moved.definition, '/notes')).toBeUndefined();
    expect(fieldAt(moved.definition, '/readings/-/notes')).toMatchObject({ required: true });
    expect(lintDocument(moved).ok).toBe(true);
    // and back out, between sections
    const back = moveField(moved, '/readings/-/notes', { container: '', index: 1 });
    expect(order(back)).toEqual(['visitDate', 'notes', 'sbp', 'dbp', 'readings']);
  });

  it('given sections, when a field is moved to another section, then the cards and ui:order agree', () => {
    let d = clinicForm();
    d = addFromPalette(
      d,
      'section',
      { container: '', index: 0 },
      { label: { zh: '基本', en: 'Basics' } },
    ).document;
    d = addFromPalette(
      d,
      'section',
      { container: '', index: 1 },
      { label: { zh: '血压', en: 'BP' } },
    ).document;
    d = moveField(d, '/visitDate', { container: '', section: 0, index: 0 });
    d = moveField(d, '/dbp', { container: '', section: 1, index: 0 });
    d = moveField(d, '/sbp', { container: '', section: 1, index: 0 });
    expect(sectionsOf(d.definition).map((s) => s.fields)).toEqual([['visitDate'], ['sbp', 'dbp']]);
    expect(order(d)).toEqual(['visitDate', 'sbp', 'dbp', 'notes']);
    expect(outline(d).loose.map((f) => f.name)).toEqual(['notes']);
    d = renameSection(d, 1, { en: 'Blood pressure' });
    expect(sectionsOf(d.definition)[1]!.title).toEqual({ zh: '血压', en: 'Blood pressure' });
    d = removeSection(d, 0);
    expect(outline(d).loose.map((f) => f.name)).toEqual(['visitDate', 'notes']);
  });

  it('refuses a move that would put a field with a visibility rule into a repeating group', () => {
    let d = clinicForm();
    d = addFromPalette(
      d,
      'repeating-group',
      { container: '', index: 9 },
      { name: 'rows' },
    ).document;
    d = addFromPalette(
      d,
      'calculated',
      { container: '', index: 9 },
      { name: 'total', expression: 1 },
    ).document;
    const error = refusal(() => moveField(d, '/total', { container: '/rows', index: 0 }));
    expect(error.code).toBe('placement-invalid');
  });
});

describe('removing fields', () => {
  it('given the blood-pressure pair, when the diastolic field is removed, then its rule goes with it', () => {
    const d = removeField(clinicForm(), '/dbp');
    expect(fieldAt(d.definition, '/dbp')).toBeUndefined();
    expect(d.definition.rules).toEqual([]);
    expect(order(d)).toEqual(['visitDate', 'sbp', 'notes']);
    expect(lintDocument(d).ok).toBe(true);
  });

  it('given the systolic field is removed, then lint warns on the rule that still reads it', () => {
    const d = removeField(clinicForm(), '/sbp');
    const report = lintDocument(d);
    expect(report.ok).toBe(true); // a warning, not an error
    expect(report.byRule.get('rule:dbp-below-sbp')?.map((p) => p.code)).toContain('field-unknown');
    expect(report.byField.get('/dbp')?.[0]?.severity).toBe('warning');
  });
});

describe('the property panel', () => {
  it('given a number field, when the configurator sets labels, help, range, unit, data element and required, then the schema says so and compiles', () => {
    let d = addFromPalette(
      clinicForm(),
      'number',
      { container: '', index: 9 },
      { name: 'weight' },
    ).document;
    d = updateField(d, '/weight', {
      label: { zh: '体重', en: 'Weight' },
      help: { zh: '空腹，脱鞋', en: 'Fasting, shoes off' },
      minimum: 10,
      maximum: 300,
      unit: 'kg',
      dataElement: 'DE04.10.188.00',
      required: true,
      locked: true,
    });
    expect(describeField(d, '/weight')).toMatchObject({
      kind: 'number',
      label: { zh: '体重', en: 'Weight' },
      help: { zh: '空腹，脱鞋', en: 'Fasting, shoes off' },
      minimum: 10,
      maximum: 300,
      unit: 'kg',
      dataElement: 'DE04.10.188.00',
      required: true,
      lockedForDerived: true,
    });
    expect(lintDocument(d).ok).toBe(true);
    expect(lintDocument(d).compiled!.render('en').schema).toMatchObject({
      properties: { weight: { title: 'Weight', description: 'Fasting, shoes off' } },
    });
  });

  it('maps minimum and maximum of a text to its length, and refuses a range upside down', () => {
    const d = updateField(clinicForm(), '/notes', { minimum: 2, maximum: 20 });
    expect(fieldAt(d.definition, '/notes')!.schema).toMatchObject({ minLength: 2, maxLength: 20 });
    expect(refusal(() => updateField(d, '/notes', { minimum: 30 })).code).toBe('empty-range');
    expect(refusal(() => updateField(d, '/visitDate', { maximum: 3 })).code).toBe(
      'range-not-applicable',
    );
  });

  it('refuses a pattern the linear-time engine cannot run, naming why, and takes a safe one', () => {
    const d = clinicForm();
    const error = refusal(() => updateField(d, '/notes', { pattern: '^(\\d+)*\\1$' }));
    expect(error.problems[0]).toMatchObject({ code: 'pattern-unsupported', field: '/notes' });
    expect(error.problems[0]!.message.zh).toBeTruthy();
    const ok = updateField(d, '/notes', { pattern: '^[0-9+\\- ]{5,20}$' });
    expect(lintDocument(ok).ok).toBe(true);
  });

  it('refuses a malformed data element id', () => {
    expect(refusal(() => updateField(clinicForm(), '/notes', { dataElement: 'DE4.1' })).code).toBe(
      'data-element-invalid',
    );
  });

  it('given a choice, when the configurator creates a code table and picks it, then the form uses it and the table lists where', () => {
    let d = addFromPalette(
      clinicForm(),
      'single-choice',
      { container: '', index: 9 },
      {
        name: 'smoking',
        codeTable: 'visit-mode',
      },
    ).document;
    d = createCodeTable(d, {
      id: 'smoking-status',
      version: '1.0.0',
      title: { zh: '吸烟状况', en: 'Smoking status' },
      codes: [
        { code: '1', label: { zh: '从不吸烟', en: 'Never' } },
        { code: '2', label: { zh: '已戒烟', en: 'Former' } },
        { code: '3', label: { zh: '吸烟', en: 'Current' } },
      ],
    });
    d = updateField(d, '/smoking', { codeTable: 'smoking-status' });
    expect(codeTableUsage(d, 'smoking-status')).toEqual(['/smoking']);
    expect(lintDocument(d).compiled!.render('zh').schema).toMatchObject({
      properties: {
        smoking: { oneOf: [{ const: '1', title: '从不吸烟' }, { const: '2' }, { const: '3' }] },
      },
    });
    expect(refusal(() => updateField(d, '/smoking', { codeTable: 'no-such-table' })).code).toBe(
      'code-table-unknown',
    );
  });
});

describe('locks of the national base', () => {
  it('given the national systolic BP is locked, when a province relabels it, then the edit is refused naming the field and the lock', () => {
    const d = provincial();
    const error = refusal(() => updateField(d, '/sbp', { label: { zh: '高压' } }));
    expect(error.kind).toBe('forbidden');
    expect(error.problems[0]).toMatchObject({
      code: 'locked',
      field: '/sbp',
      path: '/schema/properties/sbp',
    });
    expect(error.problems[0]!.message.zh).toBe(
      '字段 收缩压（/sbp） 由 national-phs@3.0.1 锁定（x-locked），不能修改（只能收紧范围或设为必填）',
    );
    expect(error.problems[0]!.message.en).toContain(
      'Systolic BP (/sbp) is locked by national-phs@3.0.1',
    );
  });

  it('lets a province tighten a locked range or keep it required, but not loosen it', () => {
    const d = provincial();
    const tightened = updateField(d, '/sbp', { minimum: 60, maximum: 280 });
    expect(fieldAt(tightened.definition, '/sbp')!.schema).toMatchObject({
      minimum: 60,
      maximum: 280,
    });
    expect(lintDocument(tightened).ok).toBe(true);
    expect(refusal(() => updateField(d, '/sbp', { maximum: 320 })).code).toBe('locked');
    expect(refusal(() => updateField(d, '/sbp', { minimum: null })).code).toBe('locked');
  });

  it.each([
    ['removed', (d: FormDocument) => removeField(d, '/visitDate')],
    [
      'moved into another group',
      (d: FormDocument) => moveField(d, '/sbp', { container: '/referral', index: 0 }),
    ],
    ['given another unit', (d: FormDocument) => updateField(d, '/sbp', { unit: 'kPa' })],
    ['unlocked', (d: FormDocument) => updateField(d, '/sbp', { locked: false })],
    [
      'given another code table',
      (d: FormDocument) => updateField(d, '/followupStatus', { codeTable: 'visit-mode' }),
    ],
    [
      'given a change to the code table it uses',
      (d: FormDocument) =>
        updateCodeTable(d, {
          ...codeTables['followup-status']!,
          title: { zh: '改', en: 'Changed' },
        }),
    ],
  ])('refuses a locked field being %s', (_what, edit) => {
    const d = provincial();
    const error = refusal(() => edit(d));
    expect(error.code).toBe('locked');
    expect(error.kind).toBe('forbidden');
  });

  it('lets a province reorder a locked field where it is, and edit fields the base does not lock', () => {
    const d = provincial();
    const moved = moveField(d, '/sbp', { container: '', index: 0 });
    expect(order(moved)[0]).toBe('sbp');
    const relabelled = updateField(d, '/weight', { label: { zh: '体重（空腹）' } });
    expect(describeField(relabelled, '/weight').label.zh).toBe('体重（空腹）');
    expect(describeField(d, '/sbp').lock).toEqual({ field: '/sbp', by: 'national-phs@3.0.1' });
    expect(lintDocument(relabelled).ok).toBe(true);
  });

  it('without a base, the author may change x-locked fields (the lock binds those deriving from the form)', () => {
    const own = createDocument(national, { codeTables });
    const d = updateField(own, '/sbp', { label: { zh: '收缩压（mmHg）' } });
    expect(describeField(d, '/sbp')).toMatchObject({
      label: { zh: '收缩压（mmHg）' },
      lockedForDerived: true,
    });
  });
});
