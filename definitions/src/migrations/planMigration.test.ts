import { describe, expect, it } from 'vitest';
import { diffForms } from '../diff/diffForms.js';
import type { FormDefinition } from '../types/generated.js';
import { checkMigrationPlan } from './checkMigrationPlan.js';
import { completePlan } from './completePlan.js';
import {
  after,
  before,
  complete,
  draft,
  tablesAfter,
  tablesBefore,
} from './fixtures/glucoseVisit.js';
import { knownConversion } from './knownConversion.js';
import { planMigration } from './planMigration.js';

describe('planMigration', () => {
  it('given a diff, when planned, then renames, recodes, known unit conversions, defaults and drops become steps in order', () => {
    expect(draft).toMatchObject({
      form: 'glucose-visit',
      fromVersion: '1.0.0',
      toVersion: '2.0.0',
    });
    expect(draft.steps).toEqual([
      { op: 'rename', from: '/sbp', to: '/systolic' },
      { op: 'recode', path: '/method', map: { '3': '9' } },
      { op: 'convert-unit', path: '/glucose', fromUnit: 'mg/dL', toUnit: 'mmol/L', factor: 1 / 18 },
      { op: 'set-default', path: '/consent', value: true },
      { op: 'set-default', path: '/smoker' },
      { op: 'drop', path: '/oldNote' },
    ]);
  });

  it('given a new required field without default and a narrowed field, when planned, then a required decision asks for the value and an optional one offers a transform', () => {
    expect(draft.decisions.map((d) => [d.id, d.required])).toEqual([
      ['default-value:/smoker', true],
      ['rename-or-drop:/oldNote', false],
      ['transform:/glucose', false],
    ]);
    expect(draft.decisions[1]!.choices).toEqual(['/consent', '/smoker']);
    expect(draft.decisions[0]!.message.en).toContain('/smoker');
  });

  it('given a draft, when checked, then it conforms to its meta-schema and lists what is still open', () => {
    expect(checkMigrationPlan(draft).map((p) => [p.code, p.path])).toEqual([
      ['step-incomplete', '/steps/4'],
      ['decision-open', '/decisions/0'],
    ]);
    expect(checkMigrationPlan(complete())).toEqual([]);
  });

  it('given an unknown unit pair, when planned, then the conversion waits for a decision', () => {
    const kPa: FormDefinition = structuredClone(before);
    (kPa.schema.properties as Record<string, Record<string, unknown>>).glucose!['x-unit'] = 'mg%';
    const plan = planMigration(
      diffForms(kPa, after, { codeTablesBefore: tablesBefore, codeTablesAfter: tablesAfter }),
      {
        before: kPa,
        after,
      },
    );
    expect(plan.decisions.map((d) => d.id)).toContain('unit-conversion:/glucose');
    const done = completePlan(plan, {
      'unit-conversion:/glucose': { factor: 1 / 18, decimals: 1 },
    });
    expect(done.problems).toEqual([]);
    expect(done.plan.steps.find((s) => s.op === 'convert-unit')).toMatchObject({
      factor: 1 / 18,
      decimals: 1,
    });
  });
});

describe('knownConversion', () => {
  it('given common unit pairs, when looked up, then only sure conversions are known', () => {
    expect(knownConversion('cm', 'm')).toEqual({ factor: 0.01 });
    expect(knownConversion('kg', 'g')).toEqual({ factor: 1000 });
    expect(knownConversion('mmHg', 'kPa')).toEqual({ factor: 0.1333 });
    expect(knownConversion('mmol/L', 'mg/dL', { path: '/fastingGlucose' })).toEqual({ factor: 18 });
    expect(knownConversion('mmol/L', 'mg/dL', { path: '/cholesterol' })).toBeUndefined();
    expect(knownConversion('mmHg', undefined)).toBeUndefined();
  });
});
