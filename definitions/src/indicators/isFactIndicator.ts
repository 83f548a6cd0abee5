import type { FactIndicator, Indicator } from '../types/generated.js';

/** A FactIndicator (population, facts, numerator condition) rather than 3.0.0's FilterIndicator. */
export function isFactIndicator(indicator: Indicator): indicator is FactIndicator {
  return 'facts' in indicator;
}
