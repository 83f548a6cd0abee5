/** Reproducible demo residents with chronic-disease follow-ups and pregnancies (no I/O). */
export {
  generatePatients,
  type GeneratedPatient,
  type GeneratePatientsOptions,
  type SeedVillage,
} from './generatePatients.js';
export { Prng } from './prng.js';
export type { GeneratedPregnancy, MaternalVisit } from './pregnancyHistory.js';
export { PROGRAM_FORMS, type GeneratedVisit, type Program } from './visitHistory.js';
export { PatientTally, type PatientSummary } from './PatientTally.js';
