import { IndicatorError } from '@formwork/definitions';
import { HttpError } from '@formwork/engine/plugin-api';
import { IndicatorQueryError } from '../indicators/index.js';
import { RegionForbidden } from '../api/regionAccess.js';
import { ReportingUnavailable, type StoreStatus } from '../store/ReportingStore.js';

export const REPORTING_UNAVAILABLE =
  '统计报表暂不可用：报表数据库未就绪，表单录入不受影响 / Reporting is unavailable for now: its store is not ready; forms are not affected';

/**
 * The report services' errors as HTTP errors, in one place: a bad query 400 `invalid_query`
 * (details.problems, each naming its parameter, never the value), a region outside the scope
 * 403 `region_forbidden`, the store down 503 `reporting_unavailable`, an indicator the compiler
 * cannot translate 422 `indicator_not_computable`. Anything else stays a 500.
 */
export function reportHttpError(err: unknown, status: () => StoreStatus): unknown {
  if (err instanceof IndicatorQueryError) {
    return new HttpError(
      400,
      'invalid_query',
      '查询参数有误 / The query parameters are not valid',
      { problems: err.problems },
    );
  }
  if (err instanceof RegionForbidden) return new HttpError(403, 'region_forbidden', err.message);
  if (err instanceof ReportingUnavailable || !status().available) {
    return new HttpError(503, 'reporting_unavailable', REPORTING_UNAVAILABLE);
  }
  if (err instanceof IndicatorError) {
    return new HttpError(422, 'indicator_not_computable', err.message);
  }
  return err;
}

/** Runs a report and throws its failure as reportHttpError maps it. */
export async function asHttp<T>(status: () => StoreStatus, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw reportHttpError(err, status);
  }
}
