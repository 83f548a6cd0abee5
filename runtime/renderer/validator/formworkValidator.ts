import type {
  CompiledForm,
  FormError,
  Locale,
  ProcessResult,
  RuleClock,
} from '@formwork/definitions';
import {
  createErrorHandler,
  deepEquals,
  ErrorSchemaBuilder,
  unwrapErrorHandler,
  validationDataMerge,
  type ErrorSchema,
  type RJSFSchema,
  type RJSFValidationError,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';
import { pointerSegments } from '../model/pointer.js';

type Data = Record<string, unknown>;

/**
 * The rjsf validator of a form: the `definitions` compiled form itself (ARCHITECTURE decision 7).
 * Its verdict, JSON pointers and zh/en messages are `CompiledForm.process`'s, the function the
 * server runs; in the browser the form is compiled around the standalone validator the engine
 * generated (compilePrecompiledForm), so nothing is compiled at run time and the page runs
 * without `unsafe-eval`. Calculated fields and visibility come from the same `process`.
 */
export interface FormworkValidator extends ValidatorType<Data> {
  readonly form: CompiledForm;
  readonly locale: Locale;
  /** The clock of date rules, when not the system's. */
  readonly clock?: RuleClock;
  /** `form.process` with this validator's clock. */
  process(data: unknown): ProcessResult;
  /** The same validator speaking another language. */
  withLocale(locale: Locale): FormworkValidator;
}

export interface FormworkValidatorOptions {
  locale?: Locale;
  /** The clock of date rules ("not in the future"); the system clock by default. */
  clock?: RuleClock;
}

/** `/medications/0/drugName` → `.medications.0.drugName`, as rjsf names a property. */
export const propertyOf = (pointer: string) =>
  pointerSegments(pointer)
    .map((s) => `.${s}`)
    .join('');

/** FormErrors as rjsf's error list and error schema, in one language. */
export function toValidationData(
  errors: readonly FormError[],
  locale: Locale,
): ValidationData<Data> {
  const builder = new ErrorSchemaBuilder<Data>();
  const list: RJSFValidationError[] = errors.map((error) => {
    const message = error.message[locale];
    const segments = pointerSegments(error.path);
    builder.addErrors(message, segments.length ? segments : undefined);
    const property = propertyOf(error.path);
    return {
      name: error.keyword,
      property,
      message,
      stack: property ? `${property} ${message}` : message,
      schemaPath: error.path,
    };
  });
  return { errors: list, errorSchema: builder.ErrorSchema as ErrorSchema<Data> };
}

const TYPE_CHECKS: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  array: Array.isArray,
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

/**
 * What rjsf asks of a subschema to choose what to draw (which option of a code table's `oneOf`
 * the value is, which branch of a condition applies): `const`, `enum`, `type`, `required` and
 * `properties`, read structurally. It never decides whether a record is valid: that is always
 * `process`, on the whole form.
 */
function matches(schema: unknown, data: unknown): boolean {
  if (schema === true || schema === undefined) return true;
  if (schema === false || typeof schema !== 'object' || schema === null) return false;
  const s = schema as Record<string, unknown>;
  if ('const' in s && !deepEquals(s.const, data)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e) => deepEquals(e, data))) return false;
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => TYPE_CHECKS[t as string]?.(data) ?? true)) return false;
  }
  const object = TYPE_CHECKS.object!(data) ? (data as Data) : undefined;
  if (object && Array.isArray(s.required)) {
    if (!s.required.every((r) => Object.hasOwn(object, r as string))) return false;
  }
  if (object && typeof s.properties === 'object' && s.properties !== null) {
    for (const [key, sub] of Object.entries(s.properties as Data)) {
      if (Object.hasOwn(object, key) && !matches(sub, object[key])) return false;
    }
  }
  if (Array.isArray(s.allOf) && !s.allOf.every((sub) => matches(sub, data))) return false;
  if (Array.isArray(s.anyOf) && !s.anyOf.some((sub) => matches(sub, data))) return false;
  if (Array.isArray(s.oneOf) && s.oneOf.filter((sub) => matches(sub, data)).length !== 1) {
    return false;
  }
  return true;
}

export function createFormworkValidator(
  form: CompiledForm,
  options: FormworkValidatorOptions = {},
): FormworkValidator {
  const locale = options.locale ?? 'zh';
  const process = (data: unknown) =>
    options.clock ? form.process(data, options.clock) : form.process(data);
  const isRoot = (schema: unknown, rootSchema: unknown) =>
    schema === rootSchema ||
    (typeof schema === 'object' &&
      schema !== null &&
      'properties' in schema &&
      deepEquals(schema, rootSchema));
  return {
    form,
    locale,
    clock: options.clock,
    process,
    withLocale: (next) => createFormworkValidator(form, { ...options, locale: next }),
    validateFormData(formData, _schema, customValidate, transformErrors, uiSchema) {
      let result = toValidationData(process(formData ?? {}).errors, locale);
      if (transformErrors) {
        result = { ...result, errors: transformErrors(result.errors, uiSchema) };
      }
      // The host's own checks come on top of the form's (rjsf's contract), never instead of them.
      if (customValidate) {
        const handler = customValidate(
          formData,
          createErrorHandler<Data>(formData ?? {}),
          uiSchema,
        );
        result = validationDataMerge<Data>(result, unwrapErrorHandler<Data>(handler));
      }
      return result;
    },
    isValid(schema, formData, rootSchema) {
      if (isRoot(schema, rootSchema)) return process(formData ?? {}).valid;
      return matches(schema, formData);
    },
    rawValidation<Result>(schema: RJSFSchema, formData?: Data) {
      if (typeof schema === 'object' && 'properties' in schema) {
        return { errors: process(formData ?? {}).errors as Result[] };
      }
      return {
        errors: matches(schema, formData) ? [] : ([{ message: 'does not match' }] as Result[]),
      };
    },
  };
}
