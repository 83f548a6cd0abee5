import type { LocalizedMessage } from '../validation/formErrors.js';

/** Every kind of change `diffForms` reports, from the harmless to the breaking. */
export const FORM_CHANGE_KINDS = [
  'label-changed',
  'option-added',
  'option-removed',
  'option-recoded',
  'type-widened',
  'type-narrowed',
  'required-added',
  'required-removed',
  'field-added',
  'field-removed',
  'field-renamed',
  'unit-changed',
  'rule-changed',
] as const;

export type FormChangeKind = (typeof FORM_CHANGE_KINDS)[number];

/** One semantic change between two versions of a form. */
export interface FormChange {
  /**
   * JSON pointer of the field in the data as `walkFields` spells it ('/referral/reason',
   * '/medications/-/dose' inside array items; '' for the form itself), or `/rules/<id>` for a
   * form-level rule. A renamed field is reported at its new path.
   */
  path: string;
  kind: FormChangeKind;
  /** Whether data valid under the old version stays valid and means the same under the new. */
  compatible: boolean;
  before?: unknown;
  after?: unknown;
  /** option-added, option-removed: the codes. */
  codes?: string[];
  /** option-recoded: old code → new code. */
  map?: Record<string, string>;
  /** field-renamed: the old and the new path. */
  from?: string;
  to?: string;
  message: LocalizedMessage;
}
