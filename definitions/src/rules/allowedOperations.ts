import type { RuleOperationName } from './ruleOperations.js';

/** json-logic-js operations rules may use. `method` (calls JavaScript methods) and `log` are not. */
export const STANDARD_OPERATIONS = [
  '==',
  '===',
  '!=',
  '!==',
  '>',
  '>=',
  '<',
  '<=',
  '!!',
  '!',
  '%',
  'in',
  'cat',
  'substr',
  '+',
  '*',
  '-',
  '/',
  'min',
  'max',
  'merge',
  'var',
  'missing',
  'missing_some',
  'if',
  '?:',
  'and',
  'or',
  'filter',
  'map',
  'reduce',
  'all',
  'none',
  'some',
] as const;

export const FORMWORK_OPERATIONS: readonly RuleOperationName[] = [
  'today',
  'daysBetween',
  'addDays',
  'addWeeks',
  'addMonths',
  'ageAt',
  'bmi',
  'gestationalDays',
  'gestationalWeeks',
  'gestationalAge',
  'edd',
  'round',
];

export const ALLOWED_OPERATIONS: ReadonlySet<string> = new Set<string>([
  ...STANDARD_OPERATIONS,
  ...FORMWORK_OPERATIONS,
]);
