/**
 * Which programme's enrollment a submission belongs to comes from the spec's schedules (the form
 * each schedule names): it must hold for the printed base's model-2 schedules as it did for
 * 3.0.0's first model, or a follow-up would be stored without its enrollment.
 */
import { describe, expect, it } from 'vitest';
import { seedSpecContent } from './seedReleases.js';
import { programsOf } from './specContent.js';

const EXPECTED = {
  'hypertension-followup': 'hypertension',
  'diabetes-followup': 'diabetes',
  'prenatal-first': 'pregnancy',
  'prenatal-followup': 'pregnancy',
  'postpartum-visit': 'pregnancy',
  'postpartum-42day': 'pregnancy',
};

describe('programsOf', () => {
  it.each(['3.0.0', '3.0.1'])(
    'given national-phs %s, when a follow-up form is submitted, then it belongs to its programme and the referral slip to none',
    (version) => {
      const programs = programsOf(seedSpecContent('national-phs', version));
      expect(programs).toEqual(EXPECTED);
      expect(programs['referral-out']).toBeUndefined();
    },
  );
});
