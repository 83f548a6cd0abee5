import type { ErrorObject } from 'ajv';
import localizeEnModule from 'ajv-i18n/localize/en/index.js';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import { VALIDATION_FAILED, type Reason } from '../limits/guardValidate.js';

type Localize = (errors?: ErrorObject[] | null) => void;
/** ajv-i18n is CommonJS: its default import is the function itself (types say `.default`). */
const asLocalize = (module: unknown): Localize =>
  (typeof module === 'function' ? module : (module as { default: Localize }).default) as Localize;
const localizeZh = asLocalize(localizeZhModule);
const localizeEn = asLocalize(localizeEnModule);

export interface LocalizedMessage {
  zh: string;
  en: string;
}

/** One problem with submitted data, as every Formwork API and UI reports it. */
export interface FormError {
  /** JSON pointer to the field ('' for the whole record). */
  path: string;
  /**
   * The rule that failed: a JSON Schema keyword, `x-rule:<id>` or `required`; RULE_FAILED when a
   * rule could not be evaluated on the data, VALIDATION_FAILED when the validator itself failed.
   */
  keyword: string;
  message: LocalizedMessage;
}

/**
 * The keyword of an error saying a rule (a form rule's `when` or `assert`, an `x-visible` or an
 * `x-calculated`) could not be evaluated on the data: the record is invalid, nothing is hidden
 * or skipped, and the message names the rule.
 */
export const RULE_FAILED = 'rule-failed';

export { VALIDATION_FAILED };

/** The error for data the validator could not check, with the reason in both languages. */
export function validationFailed(reason: Reason): FormError {
  return {
    path: '',
    keyword: VALIDATION_FAILED,
    message: {
      zh: `数据无法校验：${reason.zh}`,
      en: `the data could not be validated: ${reason.en}`,
    },
  };
}

/** The reason a guarded validator put into its VALIDATION_FAILED error. */
function failureReason(error: ErrorObject): Reason {
  const params = error.params as Record<string, unknown>;
  const en = typeof params.reason === 'string' ? params.reason : (error.message ?? 'unknown');
  const zh = typeof params.reasonZh === 'string' ? params.reasonZh : en;
  return { zh, en };
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Where an Ajv error belongs: a missing property points at the property itself. */
function pathOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return `${error.instancePath}/${escapePointer(params.missingProperty)}`;
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `${error.instancePath}/${escapePointer(params.additionalProperty)}`;
  }
  return error.instancePath;
}

/**
 * Ajv errors → FormError with zh-CN and English messages (ajv-i18n); the error of a validator
 * that failed (VALIDATION_FAILED, see guardValidate) keeps its reason in both languages.
 */
export function toFormErrors(errors: readonly ErrorObject[]): FormError[] {
  const zh = errors.map((e) => ({ ...e }));
  const en = errors.map((e) => ({ ...e }));
  localizeZh(zh);
  localizeEn(en);
  return errors
    .filter((e) => !['if', 'allOf', 'anyOf'].includes(e.keyword) || errors.length === 1)
    .map((error) => {
      if (error.keyword === VALIDATION_FAILED) {
        return { ...validationFailed(failureReason(error)), path: pathOf(error) };
      }
      const i = errors.indexOf(error);
      return {
        path: pathOf(error),
        keyword: error.keyword,
        message: { zh: zh[i]!.message ?? error.keyword, en: en[i]!.message ?? error.keyword },
      };
    });
}
