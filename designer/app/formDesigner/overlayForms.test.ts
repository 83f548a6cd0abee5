import type { CodeTable, FormDefinition, Overlay } from '@formwork/definitions';
import { describe, expect, it } from 'vitest';
import { overlayForms, withOverlayForm } from './overlayForms.js';

const table = (id: string): CodeTable => ({
  id,
  version: '1.0.0',
  title: { zh: id, en: id },
  codes: [
    { code: '1', label: { zh: '一', en: 'One' } },
    { code: '2', label: { zh: '二', en: 'Two' } },
  ],
});
const form = (key: string, fields: string[]): FormDefinition => ({
  key,
  version: '1.0.0',
  title: { zh: key, en: key },
  schema: {
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [f, { type: 'string', title: f }])),
  },
});
const overlay = (operations: Overlay['operations']): Overlay => ({
  key: 'fujian',
  version: '1.4.0',
  base: { spec: 'national-phs', version: '3.0.1' },
  jurisdiction: { code: '350000', name: { zh: '福建省', en: 'Fujian' } },
  operations,
});

describe('the form designer on a province’s overlay draft', () => {
  const relabel = {
    op: 'relabel' as const,
    form: 'hypertension-followup',
    path: '/sbp',
    label: { zh: '收缩压', en: 'SBP' },
  };

  it('given an overlay adding a form, then that form is the one the designer edits (the base’s are not)', () => {
    const visit = form('fj-visit', ['visitDate']);
    expect(
      overlayForms(overlay([relabel, { op: 'add-form', definition: visit as never }])),
    ).toEqual({
      'fj-visit': visit,
    });
  });

  it('given the added form edited, when saved, then its add-form operation is replaced in place and the other operations are kept as they were', () => {
    const before = overlay([
      relabel,
      { op: 'add-form', definition: form('fj-visit', ['visitDate']) as never },
      { op: 'set-parameter', key: 'reminderDueSoonDays', value: 10 },
    ]);
    const edited = form('fj-visit', ['visitDate', 'selfCare']);
    const after = withOverlayForm(
      before,
      edited,
      { 'yes-no': table('yes-no') },
      {
        'yes-no': table('yes-no'),
      },
    );
    expect(after.operations.map((op) => op.op)).toEqual(['relabel', 'add-form', 'set-parameter']);
    expect(overlayForms(after)['fj-visit']).toEqual(edited);
    expect(before.operations[1]).toMatchObject({ definition: { key: 'fj-visit' } });
    expect(overlayForms(before)['fj-visit']!.schema.properties).not.toHaveProperty('selfCare');
  });

  it('given a new form picking a table the designer created, when saved, then the table is added before the form, and neither a base table nor one the overlay already adds is added again', () => {
    const before = overlay([{ op: 'add-code-table', codeTable: table('fj-levels') as never }]);
    const after = withOverlayForm(
      before,
      form('fj-new', ['grade']),
      {
        'yes-no': table('yes-no'),
        'fj-levels': table('fj-levels'),
        'fj-new-grades': table('fj-new-grades'),
      },
      { 'yes-no': table('yes-no'), 'fj-levels': table('fj-levels') },
    );
    expect(
      after.operations.map((op) => [
        op.op,
        op.op === 'add-code-table'
          ? op.codeTable.id
          : op.op === 'add-form'
            ? op.definition.key
            : '',
      ]),
    ).toEqual([
      ['add-code-table', 'fj-levels'],
      ['add-code-table', 'fj-new-grades'],
      ['add-form', 'fj-new'],
    ]);
  });
});
