/**
 * The ordering comparisons of JsonLogic (`<`, `<=`, `>`, `>=`, and the three-operand "between"
 * forms of `<` and `<=`) with missing values: a comparison with a value that is missing — null,
 * undefined, an empty string or NaN — is false, never true.
 *
 * json-logic-js compares as JavaScript does, so `null < 140` is `0 < 140`: true. A managed
 * patient with no blood pressure recorded would count as controlled, an unknown LMP as early
 * registration. Here "unknown" is not "met": `{"<": [{"var": "sbp"}, 140]}` is false when sbp is
 * missing, and so is `{">=": [{"var": "sbp"}, 140]}` — a rule that must hold for missing data
 * says so with `missing`, `!` or `==`/`!=` against null, whose behaviour is unchanged.
 *
 * The same functions run in the browser, on the server, in workflow conditions and in the
 * reporting compiler's tests: one meaning of a comparison everywhere.
 */
export function isMissing(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (typeof value === 'number' && Number.isNaN(value))
  );
}

// JavaScript's own ordering after the missing check: numbers, and ISO dates as strings.
/* eslint-disable @typescript-eslint/no-explicit-any */
const lt = (a: any, b: any) => a < b;
const le = (a: any, b: any) => a <= b;
/* eslint-enable @typescript-eslint/no-explicit-any */

export const nullSafeComparisons = {
  '<': (a: unknown, b: unknown, c?: unknown) =>
    c === undefined
      ? !isMissing(a) && !isMissing(b) && lt(a, b)
      : !isMissing(a) && !isMissing(b) && !isMissing(c) && lt(a, b) && lt(b, c),
  '<=': (a: unknown, b: unknown, c?: unknown) =>
    c === undefined
      ? !isMissing(a) && !isMissing(b) && le(a, b)
      : !isMissing(a) && !isMissing(b) && !isMissing(c) && le(a, b) && le(b, c),
  '>': (a: unknown, b: unknown) => !isMissing(a) && !isMissing(b) && lt(b, a),
  '>=': (a: unknown, b: unknown) => !isMissing(a) && !isMissing(b) && le(b, a),
};
