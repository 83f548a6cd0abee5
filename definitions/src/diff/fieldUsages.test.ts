import { describe, expect, it } from 'vitest';
import {
  readForms,
  readJsonFolder,
  readTriggers,
  readWorkflows,
} from '../../../seed/lib/readSpec.js';
import type { FormDefinition, Indicator, Schedule } from '../types/generated.js';
import { annotateImpact } from './annotateImpact.js';
import { diffForms } from './diffForms.js';
import { fieldUsages, type UsageSpec } from './fieldUsages.js';

const national: UsageSpec = {
  forms: Object.fromEntries(readForms('national-phs', '3.0.0')),
  schedules: Object.fromEntries(readJsonFolder<Schedule>('national-phs', '3.0.0', 'schedules')),
  indicators: Object.fromEntries(readJsonFolder<Indicator>('national-phs', '3.0.0', 'indicators')),
  workflows: Object.fromEntries(readWorkflows('national-phs', '3.0.0')),
};

describe('fieldUsages', () => {
  it('given the national spec, when asked about systolic BP, then the control-rate indicator, the urgent-referral calculation and the dbp rule use it', () => {
    const usages = fieldUsages(national, 'hypertension-followup', '/sbp');
    expect(usages.indicators).toContain('hypertension-control-rate');
    expect(usages.indicators).not.toContain('diabetes-control-rate');
    expect(usages.rules).toContain('x-calculated:/urgentReferral');
    expect(usages.rules).toContain('dbp-below-sbp');
    expect(usages.schedules).toEqual([]);
  });

  it('given the national spec, when asked about the visit classification, then the follow-up schedule uses it', () => {
    const usages = fieldUsages(national, 'hypertension-followup', '/classification');
    expect(usages.schedules).toEqual(['hypertension-followup']);
    expect(fieldUsages(national, 'hypertension-followup', '/symptoms').indicators).toEqual([]);
  });

  it('given the national spec, when asked about fasting glucose, then the diabetes control rate uses it through latest.*', () => {
    const usages = fieldUsages(national, 'diabetes-followup', '/fastingGlucose');
    expect(usages.indicators).toContain('diabetes-control-rate');
  });

  it('given a workflow condition naming a field of a form it shows, when asked, then the workflow is listed', () => {
    const usages = fieldUsages(national, 'consult-request', '/urgency');
    expect(usages.workflows).toEqual(['remote-consultation']);
    expect(fieldUsages(national, 'hypertension-followup', '/urgency').workflows).toEqual([]);
  });

  it('given an unknown form, when asked, then nothing uses the field', () => {
    expect(fieldUsages(national, 'no-such-form', '/sbp')).toEqual({
      rules: [],
      schedules: [],
      indicators: [],
      workflows: [],
      triggers: [],
    });
  });

  it('given the printed base’s triggers, when asked about a field an urgent referral reads or is computed from, then its trigger is listed; a field no trigger reads lists none', () => {
    const printed: UsageSpec = {
      forms: Object.fromEntries(readForms('national-phs', '3.0.1')),
      workflows: Object.fromEntries(readWorkflows('national-phs', '3.0.1')),
      triggers: readTriggers('national-phs', '3.0.1'),
    };
    // The condition reads urgentReferral; sbp is read as a start variable and is what
    // urgentReferral is computed from.
    expect(fieldUsages(printed, 'hypertension-followup', '/urgentReferral').triggers).toEqual([
      'hypertension-urgent-referral',
    ]);
    expect(fieldUsages(printed, 'hypertension-followup', '/sbp').triggers).toEqual([
      'hypertension-urgent-referral',
    ]);
    expect(fieldUsages(printed, 'diabetes-followup', '/fastingGlucose').triggers).toEqual([
      'diabetes-urgent-referral',
    ]);
    expect(fieldUsages(printed, 'hypertension-followup', '/symptoms').triggers).toEqual([]);
    // Another form's field of the same name is not the trigger's.
    expect(fieldUsages(printed, 'prenatal-followup', '/sbp').triggers).toEqual([]);
    // Changing systolic BP of the hypertension follow-up shows the trigger in the diff's impact.
    const before = printed.forms['hypertension-followup']!;
    const after: FormDefinition = structuredClone(before);
    (after.schema.properties as Record<string, Record<string, unknown>>).sbp!['x-unit'] = 'kPa';
    const [change] = annotateImpact(diffForms(before, after), printed, 'hypertension-followup');
    expect(change!.usages.triggers).toEqual(['hypertension-urgent-referral']);
  });

  it('given a diff of the national form, when annotated, then each change carries its usages and submissions touched', () => {
    const before = national.forms['hypertension-followup']!;
    const after: FormDefinition = structuredClone(before);
    const sbp = (after.schema.properties as Record<string, Record<string, unknown>>).sbp!;
    sbp['x-unit'] = 'kPa';
    const impact = annotateImpact(diffForms(before, after), national, 'hypertension-followup', {
      total: 120,
      withValue: { '/sbp': 118 },
    });
    expect(impact).toHaveLength(1);
    expect(impact[0]).toMatchObject({ kind: 'unit-changed', submissions: 118 });
    expect(impact[0]!.usages.indicators).toContain('hypertension-control-rate');
  });
});
