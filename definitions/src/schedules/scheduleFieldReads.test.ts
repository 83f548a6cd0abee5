/**
 * What the semantic diff reports as using a field, for schedules: the fields a schedule's rules
 * read (scheduleFieldReads, through fieldUsages), on the printed base.
 */
import { describe, expect, it } from 'vitest';
import { readForms, readJsonFolder, readWorkflows } from '../../../seed/lib/readSpec.js';
import { fieldUsages, type UsageSpec } from '../diff/fieldUsages.js';
import type { Schedule } from '../types/generated.js';
import { scheduleFieldReads } from './scheduleFieldReads.js';

const schedules = readJsonFolder<Schedule>('national-phs', '3.0.1', 'schedules');
const printed: UsageSpec = {
  forms: Object.fromEntries(readForms('national-phs', '3.0.1')),
  schedules: Object.fromEntries(schedules),
  workflows: Object.fromEntries(readWorkflows('national-phs', '3.0.1')),
};
const usedBy = (form: string, path: string) => fieldUsages(printed, form, path).schedules;

describe('scheduleFieldReads', () => {
  it('given the printed base, when asked about the visit mode, then the schedule that counts face-to-face visits uses it', () => {
    expect(usedBy('hypertension-followup', '/visitMode')).toEqual(['hypertension-followup']);
    expect(usedBy('diabetes-followup', '/visitMode')).toEqual(['diabetes-followup']);
  });

  it('given the printed base, when asked about the classification, the referral reason and the follow-up status, then the chronic schedule uses them', () => {
    for (const path of ['/classification', '/referral/reason', '/followupStatus', '/deathDate'])
      expect(usedBy('hypertension-followup', path), path).toEqual(['hypertension-followup']);
    expect(usedBy('hypertension-followup', '/sbp')).toEqual([]);
  });

  it("given the printed base, when asked about the referral slip's programme, then every schedule following up a referral uses it", () => {
    expect(usedBy('referral-out', '/program')).toEqual([
      'diabetes-followup',
      'hypertension-followup',
      'prenatal-followup',
    ]);
    expect(usedBy('referral-out', '/urgency')).toEqual([]);
  });

  it('given the printed base, when asked about the LMP and the ultrasound EDD, then both prenatal schedules use them', () => {
    for (const path of ['/lmp', '/eddUltrasound'])
      expect(usedBy('prenatal-first', path), path).toEqual(['prenatal-first', 'prenatal-followup']);
  });

  it('given a suggestion reading recent.1.classification, when listed, then it reads /classification, and names beside the record (parameters, enrollment, anchor) are not fields', () => {
    const reads = scheduleFieldReads(
      schedules.get('hypertension-followup')!,
      'hypertension-followup',
    );
    expect(reads).toContain('/classification');
    expect([...reads].filter((p) => /^\/(recent|parameters|enrollment|anchor)/.test(p))).toEqual(
      [],
    );
  });
});
