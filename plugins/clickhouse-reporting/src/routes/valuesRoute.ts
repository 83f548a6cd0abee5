import { defineRoute } from '@formwork/engine/plugin-api';
import type { IndicatorReports } from '../api/IndicatorReports.js';
import type { StoreStatus } from '../store/ReportingStore.js';
import { asHttp } from './reportErrors.js';
import { indicatorQuery, valuesAnswer } from './reportSchemas.js';

/**
 * `GET /api/plugins/reporting/values?indicator=&period=|start=&end=&region=&group=`
 * (reports.read): an indicator's numerator, denominator and rate in a region inside the caller's
 * scope, grouped as asked, with the total and how far loading is behind.
 */
export function valuesRoute(reports: IndicatorReports, status: () => StoreStatus) {
  return defineRoute({
    method: 'get',
    path: '/values',
    operationId: 'values',
    summary: 'An indicator’s values in a region, grouped',
    tags: [],
    access: { permission: 'reports.read' },
    request: { query: indicatorQuery },
    responses: { 200: { description: 'The values', schema: valuesAnswer } },
    handler: ({ query, scope }) =>
      asHttp(status, async () => (await reports.values(scope!, query)).answer),
  });
}
