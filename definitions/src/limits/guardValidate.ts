import type { ErrorObject, ValidateFunction } from 'ajv';

/** Ajv's second argument to a validator (its type is not exported from the package root). */
type DataValidationCxt = Parameters<ValidateFunction>[1];

/** The `keyword` of the one error a guarded validator reports when Ajv itself failed. */
export const VALIDATION_FAILED = 'validation-failed';

/** Why the data could not be validated, in Chinese and English. */
export interface Reason {
  zh: string;
  en: string;
}

/**
 * The one error a guarded validator reports when Ajv failed: `params` carries the reason in
 * both languages (`reason` in English, `reasonZh`), so that toFormErrors can pass it on.
 */
function failure({ zh, en }: Reason): ErrorObject {
  return {
    instancePath: '',
    schemaPath: '#',
    keyword: VALIDATION_FAILED,
    params: { reason: en, reasonZh: zh },
    message: `the data could not be validated: ${en}`,
  };
}

/** The reason an exception gives, in zh and en: a RangeError is data nested too deeply. */
export function reasonOf(error: unknown): Reason {
  let message: string;
  try {
    message = error instanceof Error ? String(error.message) : String(error);
  } catch {
    message = 'unknown error';
  }
  if (error instanceof RangeError) {
    return { zh: `数据嵌套过深（${message}）`, en: `the data is nested too deeply (${message})` };
  }
  return { zh: `校验器出错（${message}）`, en: message };
}

/**
 * A validator that answers false instead of throwing. Ajv's compiled code can throw on JSON
 * data: `enum`, `const` and `uniqueItems` compare objects with fast-deep-equal, which calls
 * `a.toString()` when the data has its own "toString" property (`{"toString": {}}` → TypeError),
 * and a recursive schema overflows the stack on data nested some thousands deep. Both are bad
 * input (a 4xx), not a server error. Ajv's errors, schema and source are passed through; a failure
 * gives one error with keyword VALIDATION_FAILED whose params carry the reason in zh and en
 * (toFormErrors turns it into a FormError naming it). An answer that is not a boolean (an async
 * validator's Promise, which would be truthy) counts as a failure too.
 */
export function guardValidate<T>(validate: ValidateFunction<T>): ValidateFunction<T> {
  const guarded = function (this: unknown, data: unknown, dataCxt?: DataValidationCxt): boolean {
    let answer: unknown;
    try {
      answer = validate.call(this, data, dataCxt);
    } catch (error) {
      guarded.errors = [failure(reasonOf(error))];
      return false;
    }
    if (typeof answer !== 'boolean') {
      const then = (answer as { then?: unknown } | null)?.then;
      // Never leave a rejected Promise unhandled: Node stops the process on one.
      if (typeof then === 'function') then.call(answer, undefined, () => undefined);
      guarded.errors = [
        failure({
          zh: '校验器没有同步给出结果',
          en: 'the validator did not answer synchronously',
        }),
      ];
      return false;
    }
    guarded.errors = validate.errors ?? null;
    return answer;
  } as unknown as ValidateFunction<T>;
  guarded.schema = validate.schema;
  guarded.schemaEnv = validate.schemaEnv;
  if (validate.source) guarded.source = validate.source;
  return guarded;
}
