import { defineRoute } from '@formwork/engine/plugin-api';
import type { IndicatorReports } from '../api/IndicatorReports.js';
import type { StoreStatus } from '../store/ReportingStore.js';
import { asHttp } from './reportErrors.js';
import { indicatorQuery, valuesAnswer } from './reportSchemas.js';

/**
 * `GET /api/plugins/reporting/trend?indicator=&period=YYYY&region=` (reports.read): the region's
 * numerator, denominator and rate month by month, each month counted from 1 January (截至当月累计),
 * up to the current month; the total is the latest month's.
 */
export function trendRoute(
  reports: IndicatorReports,
  status: () => StoreStatus,
  now: () => Date = () => new Date(),
) {
  return defineRoute({
    method: 'get',
    path: '/trend',
    operationId: 'trend',
    summary: 'An indicator’s year-to-date rate month by month',
    tags: [],
    access: { permission: 'reports.read' },
    request: { query: indicatorQuery },
    responses: { 200: { description: 'The months, year to date', schema: valuesAnswer } },
    handler: ({ query, scope }) =>
      asHttp(status, async () => (await reports.trend(scope!, query, now())).answer),
  });
}
