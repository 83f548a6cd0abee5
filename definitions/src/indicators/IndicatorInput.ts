import type { LocalizedMessage } from '../validation/formErrors.js';

/** The period an indicator is evaluated for: its first and last day, both included (YYYY-MM-DD). */
export interface IndicatorPeriod {
  start: string;
  end: string;
}

/** One stored submission as an indicator reads it. */
export interface IndicatorRecord {
  id: string;
  formKey: string;
  /** The enrollment it was recorded under (the engine's `submissions.enrollment_id`). */
  enrollmentId?: string | null;
  /** When it was stored (ISO time): breaks ties between records of the same date, then `id`. */
  createdAt?: string | null;
  data: Readonly<Record<string, unknown>>;
}

/** An enrollment of a resident in a program (the engine's `enrollments` row). */
export interface IndicatorEnrollment {
  id: string;
  program: string;
  enrolledOn: string;
  endedOn?: string | null;
}

/** A resident with the enrollments and submissions an indicator may read. */
export interface IndicatorSubject {
  id: string;
  birthDate?: string | null;
  sex?: string | null;
  enrollments: readonly IndicatorEnrollment[];
  submissions: readonly IndicatorRecord[];
}

export interface IndicatorInput {
  period: IndicatorPeriod;
  /** Parameter values by key (the release's, a province's included); only those the indicator declares are read. */
  parameters: Readonly<Record<string, unknown>>;
  subjects: readonly IndicatorSubject[];
}

/** A rule that could not be evaluated for a member: it counts as not met, and says so here. */
export interface IndicatorProblem {
  /** JSON pointer into the indicator: the rule that failed (`/facts/latest/where`, `/numerator/where`). */
  at: string;
  /** The record the rule was evaluated on, for a fact's `where`. */
  recordId?: string;
  message: LocalizedMessage;
}

/** What the indicator says of one member of its population. */
export interface MemberVerdict {
  subjectId: string;
  /** The enrollment the member is (population of enrollments), null for a population of subjects. */
  enrollmentId: string | null;
  /** What the member counts for in the denominator (1, or e.g. its live births). */
  weight: number;
  /** The weight field was missing or not a non-negative integer: `whenMissing` was counted. */
  weightMissing: boolean;
  /** The facts drawn from its records, by name (a record's data or null; a count). */
  facts: Record<string, unknown>;
  /** Whether the member is in the numerator. */
  met: boolean;
  problems: IndicatorProblem[];
}

export interface IndicatorResult {
  indicator: string;
  period: IndicatorPeriod;
  /** Members meeting the numerator's condition, each counted once. */
  numerator: number;
  /** The members' weights summed (patients under management; live births). */
  denominator: number;
  /** numerator / denominator, or null when the denominator is 0. */
  ratio: number | null;
  /** Every member of the population, in input order. */
  members: MemberVerdict[];
}
