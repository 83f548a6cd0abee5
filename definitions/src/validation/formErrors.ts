import type { ErrorObject } from 'ajv';
import localizeEnModule from 'ajv-i18n/localize/en/index.js';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';

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
  /** The rule that failed: a JSON Schema keyword, `x-rule:<id>` or `required`. */
  keyword: string;
  message: LocalizedMessage;
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

/** Ajv errors → FormError with zh-CN and English messages (ajv-i18n). */
export function toFormErrors(errors: readonly ErrorObject[]): FormError[] {
  const zh = errors.map((e) => ({ ...e }));
  const en = errors.map((e) => ({ ...e }));
  localizeZh(zh);
  localizeEn(en);
  return errors
    .filter((e) => !['if', 'allOf', 'anyOf'].includes(e.keyword) || errors.length === 1)
    .map((error) => {
      const i = errors.indexOf(error);
      return {
        path: pathOf(error),
        keyword: error.keyword,
        message: { zh: zh[i]!.message ?? error.keyword, en: en[i]!.message ?? error.keyword },
      };
    });
}
