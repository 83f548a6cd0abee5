import type { CompiledIndicator } from '../indicators/index.js';

const LEVEL_PLACEHOLDER = '{region_level:UInt8}';

/**
 * The compiled query grouped by the code at `position` on the members' org paths instead of
 * the compiler's fixed level table (whose positions assume paths without the national root).
 * The position is the query parameter `region_level`, so only the parameter changes; a
 * compiled query without it (the compiler changed) fails loudly rather than grouping wrongly.
 */
export function groupAtPosition(compiled: CompiledIndicator, position: number): CompiledIndicator {
  if (!compiled.sql.includes(LEVEL_PLACEHOLDER) || !('region_level' in compiled.params)) {
    throw new Error(`the compiled indicator has no ${LEVEL_PLACEHOLDER} to group by`);
  }
  if (!Number.isInteger(position) || position < 1 || position > 255) {
    throw new Error(`org path position out of range: ${position}`);
  }
  return { ...compiled, params: { ...compiled.params, region_level: position } };
}
