import { describe, expect, it } from 'vitest';
import { readForms, readJsonFolder } from '../../../seed/lib/readSpec.js';
import { fieldUsages, type UsageSpec } from '../diff/fieldUsages.js';
import type { Indicator } from '../types/generated.js';

/**
 * The semantic diff's impact lists the indicators that use a changed field: for the 3.0.1
 * FactIndicators, through their facts (dates, conditions, the numerator, placement and weight).
 */
const printed: UsageSpec = {
  forms: Object.fromEntries(readForms('national-phs', '3.0.1')),
  indicators: Object.fromEntries(readJsonFolder<Indicator>('national-phs', '3.0.1', 'indicators')),
};
const indicatorsUsing = (form: string, path: string) => fieldUsages(printed, form, path).indicators;

describe('indicator usages of a field (3.0.1)', () => {
  it('given the visit mode, when a change to it is assessed, then both standard management rates use it (face-to-face visits) and no control rate does', () => {
    expect(indicatorsUsing('hypertension-followup', '/visitMode')).toEqual([
      'hypertension-standard-management-rate',
    ]);
    expect(indicatorsUsing('diabetes-followup', '/visitMode')).toEqual([
      'diabetes-standard-management-rate',
    ]);
  });

  it('given the systolic pressure and the fasting glucose, when assessed, then the control and standard management rates of their programme use them', () => {
    expect(indicatorsUsing('hypertension-followup', '/sbp')).toEqual([
      'hypertension-control-rate',
      'hypertension-standard-management-rate',
    ]);
    expect(indicatorsUsing('diabetes-followup', '/fastingGlucose')).toEqual([
      'diabetes-control-rate',
      'diabetes-standard-management-rate',
    ]);
    expect(indicatorsUsing('diabetes-followup', '/sbp')).toEqual([]);
  });

  it('given the live births, the home-birth flag, the discharge date and the LMP, when assessed, then the maternal indicators that read them are listed', () => {
    const maternal = [
      'early-pregnancy-registration-rate',
      'maternal-systematic-management-rate',
      'postpartum-visit-rate',
    ];
    expect(indicatorsUsing('postpartum-visit', '/liveBirths')).toEqual(maternal);
    expect(indicatorsUsing('postpartum-visit', '/homeBirth')).toEqual([
      'maternal-systematic-management-rate',
      'postpartum-visit-rate',
    ]);
    expect(indicatorsUsing('postpartum-visit', '/dischargeDate')).toEqual([
      'maternal-systematic-management-rate',
      'postpartum-visit-rate',
    ]);
    expect(indicatorsUsing('prenatal-first', '/lmp')).toEqual([
      'early-pregnancy-registration-rate',
      'maternal-systematic-management-rate',
    ]);
    expect(indicatorsUsing('postpartum-42day', '/deliveryDate')).toEqual(maternal);
    expect(indicatorsUsing('postpartum-visit', '/temperature')).toEqual([]);
  });
});
