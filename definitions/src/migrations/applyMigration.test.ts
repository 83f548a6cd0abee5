import { describe, expect, it } from 'vitest';
import { diffForms } from '../diff/diffForms.js';
import { compileForm } from '../forms/compileForm.js';
import type { FormDefinition, MigrationPlan } from '../types/generated.js';
import { createAjv } from '../validation/createAjv.js';
import { applyMigration } from './applyMigration.js';
import { completePlan } from './completePlan.js';
import { clock, complete, draft, stored, target } from './fixtures/glucoseVisit.js';
import { planMigration } from './planMigration.js';

const text = (zh: string, en: string) => ({ zh, en });

describe('applyMigration', () => {
  it('given a complete plan and a stored record, when applied, then the record is renamed, recoded, converted, defaulted, and the changed paths are listed', () => {
    const input = structuredClone(stored);
    const result = applyMigration(complete(), input, target, clock);
    expect(result).toEqual({
      ok: true,
      data: {
        visitDate: '2026-01-05',
        glucose: 7,
        method: '9',
        systolic: 150,
        consent: true,
        smoker: false,
      },
      changed: ['/consent', '/glucose', '/method', '/smoker', '/systolic'],
      dropped: ['/oldNote'],
    });
    expect(input).toEqual(stored);
  });

  it('given a draft plan, when a record needs the open decision, then it fails with decision-open', () => {
    const result = applyMigration(draft, stored);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.reasons.map((r) => [r.code, r.path])).toEqual([['decision-open', '/smoker']]);
    expect(applyMigration(draft, { ...stored, smoker: true }).ok).toBe(true);
  });

  it('given a result the target form rejects, when applied, then it fails with the form errors', () => {
    const result = applyMigration(complete(), { ...stored, glucose: 900 }, target, clock);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.reasons.map((r) => [r.code, r.path])).toEqual([
        ['invalid:maximum', '/glucose'],
      ]);
  });

  it('given a transform in JsonLogic, when applied, then its result over the old record is written to the path', () => {
    const plan: MigrationPlan = {
      form: 'glucose-visit',
      fromVersion: '1.0.0',
      toVersion: '2.0.0',
      steps: [
        { op: 'rename', from: '/sbp', to: '/systolic' },
        { op: 'transform', path: '/smoker', rule: { '==': [{ var: 'oldNote' }, '吸烟'] } },
        {
          op: 'transform',
          path: '/glucose',
          rule: { round: [{ '/': [{ var: 'glucose' }, 18] }, 1] },
        },
      ],
      decisions: [],
    };
    const result = applyMigration(plan, { ...stored, glucose: 100, oldNote: '吸烟' });
    expect(result).toMatchObject({
      ok: true,
      data: { systolic: 150, smoker: true, glucose: 5.6 },
      changed: ['/glucose', '/smoker', '/systolic'],
    });
  });

  it('given a transform with a forbidden operation, when applied, then the plan is refused for every record', () => {
    const plan: MigrationPlan = {
      ...complete(),
      steps: [
        { op: 'transform', path: '/smoker', rule: { method: [{ var: 'oldNote' }, 'toString'] } },
      ],
    };
    const result = applyMigration(plan, stored);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(new Set(result.reasons.map((r) => r.code))).toEqual(new Set(['plan-invalid']));
  });

  it('given a removed option answered with a recode table, when applied, then old codes in values and arrays are replaced', () => {
    const old: FormDefinition = {
      key: 'symptoms',
      version: '1.0.0',
      title: text('症状', 'Symptoms'),
      schema: {
        type: 'object',
        properties: {
          symptoms: {
            type: 'array',
            items: { type: 'string', enum: ['none', 'headache', 'dizzy', 'other'] },
          },
        },
      },
    };
    const now: FormDefinition = structuredClone(old);
    now.version = '2.0.0';
    (now.schema.properties as Record<string, { items: { enum: string[] } }>).symptoms!.items.enum =
      ['none', 'headache', 'other'];
    const plan = planMigration(diffForms(old, now), { before: old, after: now });
    expect(plan.decisions).toMatchObject([
      { id: 'recode-table:/symptoms', required: true, choices: ['none', 'headache', 'other'] },
    ]);
    const done = completePlan(plan, { 'recode-table:/symptoms': { map: { dizzy: 'other' } } }).plan;
    const result = applyMigration(
      done,
      { symptoms: ['headache', 'dizzy', 'other'] },
      compileForm(createAjv(), now),
    );
    expect(result).toMatchObject({
      ok: true,
      data: { symptoms: ['headache', 'other'] },
      changed: ['/symptoms'],
    });
  });

  it('given fields inside array items, when a plan renames and defaults them, then every item is migrated', () => {
    const plan: MigrationPlan = {
      form: 'meds',
      fromVersion: '1.0.0',
      toVersion: '1.1.0',
      steps: [
        { op: 'rename', from: '/meds/-/dose', to: '/meds/-/dosage' },
        { op: 'set-default', path: '/meds/-/route', value: 'oral' },
      ],
      decisions: [],
    };
    const result = applyMigration(plan, {
      meds: [{ dose: '1 片' }, { dose: '2 片', route: 'iv' }],
    });
    expect(result).toMatchObject({
      ok: true,
      data: {
        meds: [
          { dosage: '1 片', route: 'oral' },
          { dosage: '2 片', route: 'iv' },
        ],
      },
      changed: ['/meds/0/dosage', '/meds/0/route', '/meds/1/dosage'],
    });
  });
});
