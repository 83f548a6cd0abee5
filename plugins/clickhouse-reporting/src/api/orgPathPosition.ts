import { REGION_LEVELS, type RegionGroupLevel } from '../indicators/index.js';

/**
 * Where a level's code sits on a member's org path as the reporting tables hold it (national
 * first, counted from 1 as ClickHouse's `arrayElement` counts): the compiler's REGION_LEVELS.
 */
export const REGION_GROUP_POSITION: Readonly<Record<RegionGroupLevel, number>> = REGION_LEVELS;

/** The position of the units just below `unit` (its path national first, itself last). */
export const childPosition = (unitPath: readonly string[]): number => unitPath.length + 1;
