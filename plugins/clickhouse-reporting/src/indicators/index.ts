export {
  compileIndicator,
  PERIOD_GROUPINGS,
  REGION_LEVELS,
  type CompiledIndicator,
  type CompileOptions,
  type IndicatorGrouping,
  type PeriodGrouping,
  type RegionLevel,
} from './compileIndicator.js';
export { SUPPORTED_OPERATIONS } from './compileRule.js';
export { runIndicator, type IndicatorRow } from './runIndicator.js';
export {
  IndicatorQueryError,
  MAX_PERIOD_YEARS,
  parseIndicatorQuery,
  periodRange,
  REGION_CODE,
  REGION_GROUP_LEVELS,
  type IndicatorQuery,
  type IndicatorQueryProblem,
  type RegionGroupLevel,
} from './parseIndicatorQuery.js';
