/** Reproducible demo residents with a year of chronic-disease follow-ups (no I/O). */
export {
  generatePatients,
  type GeneratedPatient,
  type GeneratePatientsOptions,
  type SeedVillage,
} from './generatePatients.js';
export { Prng } from './prng.js';
export { PROGRAM_FORMS, type GeneratedVisit, type Program } from './visitHistory.js';
export { PatientTally, type PatientSummary } from './PatientTally.js';
