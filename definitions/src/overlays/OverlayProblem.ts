import type { LocalizedMessage } from '../validation/formErrors.js';

/** Every code an overlay problem may carry. */
export const OVERLAY_PROBLEM_CODES = [
  'overlay-invalid',
  'wrong-base',
  'form-unknown',
  'field-unknown',
  'parent-not-object',
  'field-exists',
  'after-unknown',
  'loosens-range',
  'range-not-applicable',
  'empty-range',
  'hides-required-or-locked',
  'locked',
  'code-table-unknown',
  'code-exists',
  'rule-invalid',
  'rule-exists',
  'parameter-unknown',
  'parameter-not-overridable',
  'parameter-wrong-type',
  'parameter-out-of-range',
  'signable-locked',
  'form-exists',
  'form-invalid',
  'workflow-exists',
  'workflow-unknown',
  'bpmn-invalid',
  'trigger-exists',
  'trigger-unknown',
  'trigger-invalid',
  'code-table-exists',
  'code-table-invalid',
  'program-exists',
  'program-invalid',
  'program-unknown',
  'schedule-exists',
  'schedule-invalid',
  'indicator-exists',
  'indicator-invalid',
  // Rebase (rebaseOverlay): the new base changed the very thing the operation changes.
  'base-relabelled',
  'base-changed-range',
  'base-changed-visibility',
  'base-changed-parameter',
  'base-changed-workflow',
  'base-changed-trigger',
  'base-added-similar-field',
  'base-added-similar-option',
] as const;

export type OverlayProblemCode = (typeof OVERLAY_PROBLEM_CODES)[number];

/** Why an overlay (or one of its operations) cannot be applied. */
export interface OverlayProblem {
  /** JSON pointer into the overlay: `/operations/3`, `/base`, or a meta-schema error's place. */
  path: string;
  code: OverlayProblemCode;
  message: LocalizedMessage;
}

/** A problem of the operation at `index`. */
export function operationProblem(
  index: number,
  code: OverlayProblemCode,
  zh: string,
  en: string,
): OverlayProblem {
  return { path: `/operations/${index}`, code, message: { zh, en } };
}
