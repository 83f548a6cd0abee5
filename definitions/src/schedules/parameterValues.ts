import type { ParameterSet } from '../types/generated.js';

/** Parameter values by key, as computeDueItems reads them (a release's effective set). */
export const parameterValues = (set: ParameterSet): Record<string, unknown> =>
  Object.fromEntries(set.parameters.map((p) => [p.key, p.value]));
