import { defineRoute } from '@formwork/engine/plugin-api';
import type { IndicatorReports } from '../api/IndicatorReports.js';
import type { StoreStatus } from '../store/ReportingStore.js';
import { asHttp } from './reportErrors.js';
import { indicatorsAnswer, indicatorsQuery } from './reportSchemas.js';

/**
 * `GET /api/plugins/reporting/indicators?region=` (reports.read): the computable indicators of
 * the release serving the region (default: the caller's highest unit), with their definitions.
 */
export function indicatorsRoute(reports: IndicatorReports, status: () => StoreStatus) {
  return defineRoute({
    method: 'get',
    path: '/indicators',
    operationId: 'indicators',
    summary: 'The indicators of the release serving a region',
    tags: [],
    access: { permission: 'reports.read' },
    request: { query: indicatorsQuery },
    responses: { 200: { description: 'The indicators', schema: indicatorsAnswer } },
    handler: ({ query, scope }) => asHttp(status, () => reports.indicators(scope!, query)),
  });
}
