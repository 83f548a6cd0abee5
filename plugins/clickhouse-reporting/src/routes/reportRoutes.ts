import type { OutboxConsumerHandle, PluginApi } from '@formwork/engine/plugin-api';
import { IndicatorReports } from '../api/IndicatorReports.js';
import type { ReportingStore } from '../store/ReportingStore.js';
import { drilldownRoute } from './drilldownRoute.js';
import { exportRoute } from './exportRoute.js';
import { indicatorsRoute } from './indicatorsRoute.js';
import { trendRoute } from './trendRoute.js';
import { valuesRoute } from './valuesRoute.js';

/**
 * The indicator API (`/indicators`, `/values`, `/drilldown`, `/export`, `/trend`, all reports.read) on the
 * store and the loading consumer. (The health check, api/reportingHealth.ts, is registered
 * beside the other parts in index.ts: one per plugin.)
 */
export function reportRoutes(
  api: Pick<PluginApi, 'route' | 'readModel'>,
  store: ReportingStore,
  consumer: OutboxConsumerHandle,
  now: () => Date = () => new Date(),
): void {
  const reports = new IndicatorReports({ store, readModel: api.readModel, consumer });
  const status = () => store.status();
  api.route(indicatorsRoute(reports, status));
  api.route(valuesRoute(reports, status));
  api.route(drilldownRoute(reports, status));
  api.route(exportRoute(reports, status, now));
  api.route(trendRoute(reports, status, now));
}
