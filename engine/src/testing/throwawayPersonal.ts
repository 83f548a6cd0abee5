import { randomBytes } from 'node:crypto';
import { PersonalDataCipher } from '../security/PersonalDataCipher.js';
import { PersonalFormData } from '../security/PersonalFormData.js';

/**
 * Personal form data sealed with a fresh random key: for tests and benches that build services
 * by hand on data without personal fields (or that read back only what they wrote themselves).
 */
export function throwawayPersonal(): PersonalFormData {
  return new PersonalFormData(new PersonalDataCipher({ current: randomBytes(32) }));
}
