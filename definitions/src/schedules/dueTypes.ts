/**
 * What computeDueItems reads and answers. Dates are 'YYYY-MM-DD' strings, as in the rule
 * operations; the clock is injected.
 */
import type { RuleClock } from '../rules/ruleOperations.js';
import type { ScheduleText } from '../types/generated.js';

/** One stored submission of the resident (any form: those the schedule reads are used). */
export interface ScheduleRecord {
  /** Its id, named back in `doneBy`, `basedOn` and ends. */
  id: string;
  /** The form key it was captured on. */
  form: string;
  data: Readonly<Record<string, unknown>>;
}

/** A fact the caller supplies under the name a schedule's `from: "fact"` source gives. */
export interface ScheduleFact {
  id: string;
  data: Readonly<Record<string, unknown>>;
}

/** The enrollment the schedule runs for; rules see it as `enrollment`. */
export interface ScheduleEnrollment {
  enrolledOn: string;
  endedOn?: string | null;
  endReason?: string | null;
  /** Programme details, e.g. the LMP given at enrollment (`details.lmp`). */
  details?: Readonly<Record<string, unknown>>;
}

export interface DueInput {
  enrollment: ScheduleEnrollment;
  /**
   * The resident's submissions, in the order they were recorded: on the same date, a later one
   * counts as later (the enrollment comes before all of them, facts after them).
   */
  records: readonly ScheduleRecord[];
  /** Facts by name, e.g. `{ delivery: [...], "health-check": [...] }`. */
  facts?: Readonly<Record<string, readonly ScheduleFact[]>>;
  /** Effective parameter values by key (the release's, a province's overrides included). */
  parameters: Readonly<Record<string, unknown>>;
  clock: RuleClock;
}

/** How much of the past computeDueItems answers with (see computeDueItems). */
export interface DueOptions {
  /** Done items of superseded anchors: anchors dated from `anchorsFrom`, done from `doneFrom`. */
  history?: { anchorsFrom: string; doneFrom: string };
}

export type DueStatus = 'upcoming' | 'due-soon' | 'overdue' | 'done' | 'missed';

/** One occurrence as it stands today. */
export interface DueItem {
  schedule: string;
  occurrence: string;
  title: ScheduleText;
  /** The form to open for it. */
  form: string;
  /** The anchor it counts from: its name, date and the record that gave it (null for year-start). */
  anchor: { id: string; date: string; record: string | null };
  windowStart: string;
  windowEnd: string;
  dueDate: string;
  /** First day it is due soon: dueDate − the due-soon threshold. */
  dueSoonDate: string;
  /** First day it is overdue: the day after windowEnd + the overdue threshold. */
  overdueDate: string;
  /** Last day a late record still satisfies it; null when it never lapses. */
  expiresOn: string | null;
  status: DueStatus;
  /** How many records it takes, and how many count so far. */
  required: number;
  counted: number;
  /** Date of the record that completed it, and the records that count. */
  doneOn: string | null;
  doneBy: string[];
}

export interface DueEnd {
  /** The schedule's end id, or `enrollment-ended`. */
  id: string;
  reason: ScheduleText;
  date: string | null;
  /** The record that ended it (null when the enrollment did). */
  record: string | null;
}

export interface DueSuggestion {
  id: string;
  title: ScheduleText;
  /** The workflow to start. */
  workflow: string;
  /** Whether it starts without asking (a province parameter). */
  startsAutomatically: boolean;
  /** The records the condition saw, latest first. */
  basedOn: string[];
  /** Date of the latest of them. */
  since: string;
}

export interface DueResult {
  schedule: string;
  today: string;
  /** Set when the schedule has ended: then nothing is due and nothing is suggested. */
  ended: DueEnd | null;
  /** Every occurrence that applies, by due date. */
  items: DueItem[];
  /** The open item (upcoming, due soon or overdue) due first; null when none. */
  next: DueItem | null;
  suggestions: DueSuggestion[];
}
