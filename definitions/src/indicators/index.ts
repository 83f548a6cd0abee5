export { evaluateIndicator } from './evaluateIndicator.js';
export {
  checkIndicator,
  INDICATOR_PROBLEM_CODES,
  type IndicatorCheckProblem,
  type IndicatorProblemCode,
  type IndicatorSpec,
} from './checkIndicator.js';
export { indicatorReads, type FieldRead } from './indicatorReads.js';
export { isFactIndicator } from './isFactIndicator.js';
export { IndicatorError } from './IndicatorError.js';
export type {
  IndicatorEnrollment,
  IndicatorInput,
  IndicatorPeriod,
  IndicatorProblem,
  IndicatorRecord,
  IndicatorResult,
  IndicatorSubject,
  MemberVerdict,
} from './IndicatorInput.js';
export { indicatorUsesField } from './indicatorUsesField.js';
