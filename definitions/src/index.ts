// Public entry of @formwork/definitions: pure TypeScript, no I/O, the same in Node and browser.
export { createAjv, type Ajv2020 } from './validation/createAjv.js';
export {
  RULE_FAILED,
  toFormErrors,
  VALIDATION_FAILED,
  type FormError,
  type LocalizedMessage,
} from './validation/formErrors.js';
export { linearRegExp, UnsupportedPatternError } from './validation/linearRegExp.js';
export {
  checkSchemaLimits,
  DEFAULT_SCHEMA_LIMITS,
  type SchemaLimits,
  type SchemaProblem,
} from './limits/schemaLimits.js';
export { compileSchemaSafely, type CompileSchemaResult } from './limits/compileSchemaSafely.js';
export { formworkKeywords, formworkKeywordNames } from './keywords/formworkKeywords.js';
export { metaSchemas, metadataKinds, type MetadataKind } from './metaschemas/index.js';
export { validateMetadata } from './metaschemas/validateMetadata.js';
export type * from './types/generated.js';
export { checkRule, RULE_LIMITS, type RuleProblem } from './rules/checkRule.js';
export {
  evaluateRule,
  assertRule,
  isTruthy,
  systemClock,
  RuleError,
  type RuleClock,
} from './rules/evaluateRule.js';
export { ALLOWED_OPERATIONS, FORMWORK_OPERATIONS } from './rules/allowedOperations.js';
export { ruleVariables } from './rules/ruleVariables.js';
export {
  compileForm,
  compilePrecompiledForm,
  type CompileFormOptions,
} from './forms/compileForm.js';
export {
  standaloneValidatorSource,
  StandaloneValidatorError,
  LINEAR_REGEXP_MODULE,
  type StandaloneValidatorSource,
} from './validation/standaloneValidator.js';
export { schemaFingerprint } from './validation/schemaFingerprint.js';
export { FormCompiler, type CompilerStats } from './forms/FormCompiler.js';
export { FormDefinitionError, type DefinitionProblem } from './forms/FormDefinitionError.js';
export type { CompiledForm, FieldInfo, ProcessResult, Locale } from './forms/CompiledForm.js';
export { lintBpmn, SUPPORTED_BPMN_SUBSET, BPMN_PROBLEM_CODES } from './bpmn/lintBpmn.js';
export type { BpmnLintResult, BpmnProblem } from './bpmn/BpmnLintResult.js';
export * from './identity/index.js';
export {
  applyOverlay,
  fieldPaths,
  OVERLAY_PROBLEM_CODES,
  type BaseSpec,
  type OverlayResult,
  type OverlayProblem,
  type OverlayProblemCode,
} from './overlays/index.js';
export {
  rebaseOverlay,
  type BaseChange,
  type RebaseConflict,
  type RebaseResult,
} from './overlays/rebaseOverlay.js';
export * from './diff/index.js';
export * from './schedules/index.js';
export * from './triggers/index.js';
export * from './migrations/index.js';
export * from './indicators/index.js';
