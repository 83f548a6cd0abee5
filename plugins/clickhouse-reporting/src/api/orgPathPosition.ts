import type { RegionGroupLevel } from '../indicators/index.js';

/**
 * Where a level's code sits on a member's org path as the reporting tables hold it (the read
 * model's paths, national first: 100000 / 350000 / 350100 / 350121 / 350121101 / 350121101201 /
 * 350121101201-V01), counted from 1 as ClickHouse's `arrayElement` counts. An institution sits
 * one place below its division: the village clinic at 7, a township health centre at 6 (beside
 * the township's villages), a county hospital at 5 (beside the county's townships).
 */
export const REGION_GROUP_POSITION: Readonly<Record<RegionGroupLevel, number>> = {
  province: 2,
  city: 3,
  county: 4,
  township: 5,
  village: 6,
  clinic: 7,
};

/** The position of the units just below `unit` (its path national first, itself last). */
export const childPosition = (unitPath: readonly string[]): number => unitPath.length + 1;
