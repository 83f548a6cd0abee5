import type { FormRule, LocalizedText } from '../types/generated.js';
import type { RuleClock } from '../rules/evaluateRule.js';
import type { FormError } from '../validation/formErrors.js';

/** What the compiler knows about one field, for UIs, reports and overlays. */
export interface FieldInfo {
  path: string;
  title: LocalizedText | undefined;
  type: string | undefined;
  required: boolean;
  dataElement?: string;
  unit?: string;
  codeTable?: string;
  sensitive?: string;
  locked: boolean;
  calculated: boolean;
  conditional: boolean;
}

export interface ProcessResult {
  valid: boolean;
  /** The data as it would be stored: calculated fields recomputed, hidden fields dropped. */
  data: Record<string, unknown>;
  /**
   * Every problem found; `rule-failed` where a rule could not be evaluated on this data (the
   * record is then invalid: such a rule is never read as false), `validation-failed` where the
   * validator itself failed.
   */
  errors: FormError[];
  /** Paths of fields hidden by their visibility rule for this data. */
  hidden: string[];
}

export type Locale = 'zh' | 'en';

/** A form definition turned into everything needed to render, check and clean its data. */
export interface CompiledForm {
  key: string;
  version: string;
  fingerprint: string;
  fields: readonly FieldInfo[];
  /**
   * The JSON Schema the data is validated against: code tables resolved, conditionally required
   * fields taken out of `required` (the compiler checks them while visible).
   */
  schema: Readonly<Record<string, unknown>>;
  rules: readonly FormRule[];
  /**
   * Recompute, drop hidden values, validate, check cross-field rules. Never throws for data, and
   * fails closed: a rule that throws is an error naming it, never a skipped check or hidden data.
   */
  process(data: unknown, clock?: RuleClock): ProcessResult;
  /** The JSON Schema and UI schema @rjsf/core renders, labelled in the locale. */
  render(locale: Locale): { schema: Record<string, unknown>; uiSchema: Record<string, unknown> };
}
