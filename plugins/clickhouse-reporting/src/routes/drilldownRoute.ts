import { defineRoute } from '@formwork/engine/plugin-api';
import type { IndicatorReports } from '../api/IndicatorReports.js';
import type { StoreStatus } from '../store/ReportingStore.js';
import { asHttp } from './reportErrors.js';
import { indicatorQuery, valuesAnswer } from './reportSchemas.js';

/**
 * `GET /api/plugins/reporting/drilldown?indicator=&period=&region=` (reports.read): the values
 * of each unit just below the region (every one, by code, 0/0 when it has no members), each with
 * whether it can be drilled into. A unit with nothing below it answers no rows.
 */
export function drilldownRoute(reports: IndicatorReports, status: () => StoreStatus) {
  return defineRoute({
    method: 'get',
    path: '/drilldown',
    operationId: 'drilldown',
    summary: 'An indicator’s values for each unit just below a region',
    tags: [],
    access: { permission: 'reports.read' },
    request: { query: indicatorQuery },
    responses: { 200: { description: 'The values by child unit', schema: valuesAnswer } },
    handler: ({ query, scope }) =>
      asHttp(status, async () => (await reports.drilldown(scope!, query)).answer),
  });
}
