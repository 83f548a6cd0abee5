import type { ReadModel, ReadModelOrgUnit, ReadModelRelease } from '@formwork/engine/plugin-api';
import {
  IndicatorQueryError,
  parseIndicatorQuery,
  REGION_CODE,
  type IndicatorQuery,
  type IndicatorQueryProblem,
} from '../indicators/index.js';
import { defaultRegionCode, resolveRegion, type ReportScope } from './regionAccess.js';

/** A request checked through: the query, its region unit and the release serving the region. */
export interface PreparedReportQuery {
  query: IndicatorQuery;
  unit: ReadModelOrgUnit;
  release: ReadModelRelease;
  /** The period as named (`2026`, `2026-Q1`, `2026-03`) or `start_end`: for file names. */
  periodLabel: string;
}

export const UNKNOWN_REGION: IndicatorQueryProblem = {
  param: 'region',
  message: { zh: '没有该区划或机构', en: 'no such region or institution' },
};

/**
 * Checks an indicator request against the org tree, the caller's scope and the release serving
 * the region: every problem at once (the route's own, `extra`, included) as an
 * IndicatorQueryError; a region outside the scope throws RegionForbidden. A region whose form is
 * wrong is not looked up; the indicator is then checked against the caller's own region's release.
 */
export async function prepareReportQuery(
  readModel: Pick<ReadModel, 'orgUnits' | 'releaseFor'>,
  scope: ReportScope,
  raw: Readonly<Record<string, unknown>>,
  extra: readonly IndicatorQueryProblem[] = [],
): Promise<PreparedReportQuery> {
  const given =
    typeof raw.region === 'string' && REGION_CODE.test(raw.region) ? raw.region : undefined;
  const unit = await resolveRegion(readModel, scope, given);
  const releaseUnit =
    unit ??
    (await resolveRegion(readModel, scope, defaultRegionCode(scope)).catch(() => undefined));
  const release = releaseUnit ? await readModel.releaseFor(releaseUnit.code) : undefined;

  const problems = [...extra];
  let query: IndicatorQuery | undefined;
  try {
    query = parseIndicatorQuery(raw, Object.values(release?.indicators ?? {}));
  } catch (err) {
    if (!(err instanceof IndicatorQueryError)) throw err;
    problems.push(...err.problems);
  }
  if (!unit && !problems.some((p) => p.param === 'region')) problems.push(UNKNOWN_REGION);
  if (problems.length || !query || !unit || !release) throw new IndicatorQueryError(problems);
  const periodLabel =
    typeof raw.period === 'string' ? raw.period : `${query.period.start}_${query.period.end}`;
  return { query, unit, release, periodLabel };
}
