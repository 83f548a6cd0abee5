import { describe, expect, it } from 'vitest';
import {
  readCodeTables,
  readForms,
  readJsonFolder,
  readWorkflows,
} from '../../../seed/lib/readSpec.js';
import type { CodeTable, FormDefinition, ParameterSet } from '../types/generated.js';
import { diffSpecs, type DiffableSpec } from './diffSpecs.js';

interface MutableSpec extends DiffableSpec {
  forms: Record<string, FormDefinition>;
  codeTables: Record<string, CodeTable>;
  parameters: ParameterSet;
  workflows: Record<string, string>;
}

function national(): MutableSpec {
  return {
    forms: Object.fromEntries(readForms('national-phs', '3.0.0')),
    codeTables: readCodeTables('national-phs', '3.0.0'),
    parameters: readJsonFolder<ParameterSet>('national-phs', '3.0.0', '.').get('parameters')!,
    workflows: Object.fromEntries(readWorkflows('national-phs', '3.0.0')),
  };
}

describe('diffSpecs', () => {
  it('given the same spec twice, when diffed, then nothing changed and it is compatible', () => {
    const result = diffSpecs(national(), national());
    expect(result.forms).toEqual({ added: [], removed: [], changed: [], changes: {} });
    expect(result.parameters).toEqual([]);
    expect(result.compatible).toBe(true);
  });

  it('given a new release with form, code table, parameter and workflow changes, when diffed, then each is reported', () => {
    const before = national();
    const after = national();
    delete after.forms['referral-return'];
    const table = after.codeTables['visit-mode']!;
    const oldCodes = before.codeTables['visit-mode']!.codes.map((c) => c.code);
    table.codes.push({ code: '9', label: { zh: '视频', en: 'Video' } });
    const parameter = after.parameters.parameters[0]!;
    parameter.value = typeof parameter.value === 'number' ? parameter.value + 1 : parameter.value;
    after.workflows['two-way-referral'] += '\n<!-- edited -->';
    const result = diffSpecs(before, after);
    expect(result.forms.removed).toEqual(['referral-return']);
    expect(result.codeTables.changes).toEqual([
      { id: 'visit-mode', added: ['9'], removed: [], relabelled: [], deprecated: [], restored: [] },
    ]);
    // Forms offering the table's codes gain an option without changing their JSON.
    expect(result.forms.changed).toContain('hypertension-followup');
    expect(result.forms.changes['hypertension-followup']).toMatchObject([
      { path: '/visitMode', kind: 'option-added', codes: ['9'], compatible: true },
    ]);
    expect(oldCodes).not.toContain('9');
    expect(result.parameters).toMatchObject([{ key: parameter.key, kind: 'changed' }]);
    expect(result.workflows).toEqual({ added: [], removed: [], changed: ['two-way-referral'] });
    expect(result.compatible).toBe(false);
  });
});
