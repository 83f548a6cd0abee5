import type { GeneratedPatient } from './generatePatients.js';

export interface PatientSummary {
  residents: number;
  visits: number;
  hypertension: number;
  diabetes: number;
  /** Residents in at least one programme. */
  enrolled: number;
  /** Programme enrolments whose latest visit was classified uncontrolled (code 2). */
  uncontrolledShare: number;
  /** Enrolled residents whose latest visit of any programme is more than 100 days old. */
  overdueShare: number;
}

const DAY = 86_400_000;

/** Counts what a stream of generated residents holds, one at a time (for the bench and tests). */
export class PatientTally {
  #residents = 0;
  #visits = 0;
  #hypertension = 0;
  #diabetes = 0;
  #enrolled = 0;
  #enrolments = 0;
  #uncontrolled = 0;
  #overdue = 0;
  readonly #todayMs: number;

  constructor(today: string) {
    this.#todayMs = Date.parse(`${today}T00:00:00Z`);
  }

  add(patient: GeneratedPatient): void {
    this.#residents++;
    this.#visits += patient.visits.length;
    if (!patient.programs.length) return;
    this.#enrolled++;
    let lastVisit = '';
    for (const program of patient.programs) {
      if (program === 'hypertension') this.#hypertension++;
      else this.#diabetes++;
      const visits = patient.visits.filter((v) => v.program === program);
      const latest = visits[visits.length - 1];
      if (!latest) continue;
      this.#enrolments++;
      if (latest.data.classification === '2') this.#uncontrolled++;
      const date = latest.data.visitDate as string;
      if (date > lastVisit) lastVisit = date;
    }
    if (lastVisit && this.#todayMs - Date.parse(`${lastVisit}T00:00:00Z`) > 100 * DAY)
      this.#overdue++;
  }

  summary(): PatientSummary {
    return {
      residents: this.#residents,
      visits: this.#visits,
      hypertension: this.#hypertension,
      diabetes: this.#diabetes,
      enrolled: this.#enrolled,
      uncontrolledShare: this.#enrolments ? this.#uncontrolled / this.#enrolments : 0,
      overdueShare: this.#enrolled ? this.#overdue / this.#enrolled : 0,
    };
  }
}
