export { FORM_CHANGE_KINDS, type FormChange, type FormChangeKind } from './FormChange.js';
export { diffForms, type DiffFormsOptions } from './diffForms.js';
export { fieldUsages, type FieldUsages, type UsageSpec } from './fieldUsages.js';
export { annotateImpact, type ImpactedChange, type SubmissionCounts } from './annotateImpact.js';
export {
  diffSpecs,
  type CodeTableChange,
  type DiffableSpec,
  type KeyedChanges,
  type ParameterChange,
  type SpecDiff,
} from './diffSpecs.js';
