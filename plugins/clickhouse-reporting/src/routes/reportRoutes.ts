import type { OutboxConsumerHandle, PluginApi } from '@formwork/engine/plugin-api';
import { IndicatorReports } from '../api/IndicatorReports.js';
import { reportingHealth } from '../api/reportingHealth.js';
import type { ReportingStore } from '../store/ReportingStore.js';
import { drilldownRoute } from './drilldownRoute.js';
import { exportRoute } from './exportRoute.js';
import { indicatorsRoute } from './indicatorsRoute.js';
import { valuesRoute } from './valuesRoute.js';

/**
 * The indicator API (`/indicators`, `/values`, `/drilldown`, `/export`, all reports.read) and
 * the plugin's health check, on the store and the loading consumer.
 */
export function reportRoutes(
  api: Pick<PluginApi, 'route' | 'health' | 'readModel'>,
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
  api.health(reportingHealth(status, consumer));
}
