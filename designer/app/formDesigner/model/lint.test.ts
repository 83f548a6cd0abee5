import type { FormDefinition } from '@formwork/definitions';
import { describe, expect, it } from 'vitest';
import { createDocument } from './FormDocument.js';
import { lintDocument, locate } from './lint.js';
import { fieldOfPointer } from './pointer.js';
import { seedCodeTables } from './testing/seedForms.js';

const broken: FormDefinition = {
  key: 'broken-form',
  version: '1.0.0',
  title: { zh: '有问题的表', en: 'Broken form' },
  schema: {
    type: 'object',
    properties: {
      method: { type: 'string', title: '方式', 'x-code-table': 'no-such-table' },
      a: { type: 'number', 'x-calculated': { '+': [{ var: 'b' }, 1] } },
      b: { type: 'number', 'x-calculated': { '+': [{ var: 'a' }, 1] } },
      medications: {
        type: 'array',
        items: {
          type: 'object',
          properties: { dose: { type: 'number', 'x-visible': { '==': [{ var: 'a' }, 1] } } },
        },
      },
    },
  },
  rules: [
    {
      id: 'points-nowhere',
      assert: { '==': [{ var: 'ghost' }, 1] },
      path: '/ghost',
      message: { zh: '无', en: 'None' },
    },
  ],
};

describe('lint problems shown on the field they concern', () => {
  const report = lintDocument(createDocument(broken, { codeTables: seedCodeTables() }));

  it('given a form with problems, when linted, then each compiler problem is on its field or rule', () => {
    expect(report.ok).toBe(false);
    expect(report.byField.get('/method')?.map((p) => p.code)).toEqual(['code-table-unknown']);
    expect(report.byField.get('/medications/-/dose')?.map((p) => p.code)).toEqual([
      'rule-in-array',
    ]);
    expect(report.byRule.get('visible:/medications/-/dose')).toHaveLength(1);
    expect(report.byRule.get('rule:points-nowhere')?.map((p) => p.code)).toEqual([
      'rule-path-unknown',
      'field-unknown',
    ]);
    expect(report.compiled).toBeUndefined();
  });

  it('maps a calculation cycle to the calculated field and its rule', () => {
    const cycle = report.problems.find((p) => p.code === 'calculation-cycle')!;
    expect(cycle.rule).toEqual({ kind: 'calculated', field: cycle.field });
    expect(['/a', '/b']).toContain(cycle.field);
  });

  it('gives every message in zh and en', () => {
    for (const p of report.problems) {
      expect(p.message.zh).toBeTruthy();
      expect(p.message.en).toBeTruthy();
    }
  });

  it('answers again from its cache for the same document', () => {
    const document = createDocument(broken, { codeTables: seedCodeTables() });
    expect(lintDocument(document)).toBe(lintDocument(document));
  });

  it('maps pointers into the definition to field paths', () => {
    expect(fieldOfPointer('/schema/properties/referral/properties/reason/maxLength')).toBe(
      '/referral/reason',
    );
    expect(fieldOfPointer('/schema/properties/medications/items/properties/dose')).toBe(
      '/medications/-/dose',
    );
    expect(fieldOfPointer('/uiSchema/medications/items/dose/ui:widget')).toBe(
      '/medications/-/dose',
    );
    expect(fieldOfPointer('/schema/type')).toBeUndefined();
    expect(locate(broken, '/rules/0/assert/==')).toEqual({
      rule: { kind: 'rule', id: 'points-nowhere', part: 'assert' },
    });
  });
});
