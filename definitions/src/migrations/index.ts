export { planMigration, type PlanMigrationForms } from './planMigration.js';
export { completePlan, type CompletePlanResult, type DecisionAnswer } from './completePlan.js';
export {
  checkMigrationPlan,
  PLAN_PROBLEM_CODES,
  type PlanProblem,
  type PlanProblemCode,
} from './checkMigrationPlan.js';
export { applyMigration, type MigrationFailure, type MigrationResult } from './applyMigration.js';
export { dryRun, type DryRunReason, type DryRunReport } from './dryRun.js';
export { knownConversion, type UnitConversion } from './knownConversion.js';
