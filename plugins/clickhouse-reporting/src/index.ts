import { definePlugin, PLUGIN_API_VERSION, type PluginApi } from '@formwork/engine/plugin-api';
import { reportsCommand } from './cli/reportsCommand.js';
import { Backfill } from './loading/Backfill.js';
import { DIMENSION_TOPICS, RECORD_TOPICS, RecordLoader } from './loading/RecordLoader.js';
import { statusRoute } from './routes/statusRoute.js';
import { reportRoutes } from './routes/reportRoutes.js';
import { reportingHealth } from './api/reportingHealth.js';
import { ReportingStore } from './store/ReportingStore.js';

/** The outbox consumer that loads the reporting tables: `plugin:reporting:records`. */
export const LOADER_CONSUMER = 'records';

/**
 * ClickHouse reporting: the reporting tables in embedded chDB (DATA_DIR/plugins/reporting/chdb)
 * or a ClickHouse server (CLICKHOUSE_URL), loaded from the engine's outbox by the consumer
 * `plugin:reporting:records` and, for what was stored before, by the backfill; the national
 * indicators compiled to ClickHouse SQL behind the indicator API (`/api/plugins/reporting/…`:
 * indicators, values, drill-down, trend, export, status) and `formwork reports backfill`. A store
 * that cannot open leaves the engine serving forms: reporting reports itself degraded (its routes
 * 503, /api/health) and retries with backoff.
 */
export const plugin = definePlugin({
  manifest: {
    name: '@formwork/plugin-clickhouse-reporting',
    slug: 'reporting',
    version: '0.1.0',
    title: { zh: '统计报表', en: 'ClickHouse reporting' },
    description: { zh: '基于 ClickHouse 的指标与报表', en: 'Indicators and reports on ClickHouse' },
    apiVersion: PLUGIN_API_VERSION,
  },
  register(api) {
    const store = new ReportingStore({
      url: api.settings.clickhouseUrl,
      dataDir: () => api.dataDir,
      logger: api.logger,
      // Whenever the store opens (at start, or back after being unavailable): load in the
      // background what was stored before the consumer listened, unless that is done already.
      onOpen: () => backfill.catchUp(),
    });
    const loader = new RecordLoader({ store, readModel: api.readModel });
    const backfill = new Backfill({ store, readModel: api.readModel, loader, logger: api.logger });
    const consumer = api.outboxConsumer({
      name: LOADER_CONSUMER,
      topics: [...RECORD_TOPICS, ...DIMENSION_TOPICS],
      batchSize: 1_000,
      handle: async (events) => {
        await loader.load(events);
      },
    });
    api.route(statusRoute(store, consumer, backfill));
    // /api/health: degraded while the store cannot answer or loading lags over 60 s (forms are
    // not affected).
    api.health(
      reportingHealth(
        () => store.status(),
        consumer,
        () => ({ backfill: backfill.status().state }),
      ),
    );
    reportRoutes(api, store, consumer);
    // Not awaited: the engine serves forms while the store opens (or cannot).
    api.onStart(() => void store.start());
    api.onStop(async () => {
      await backfill.close(); // after the page it is loading, its position saved
      await store.close();
    });
    api.command(reportsCommand(() => commandParts(api)));
  },
});

/**
 * The command's own store and backfill (`formwork reports backfill`): opened once by the command
 * (no retries), never started by the engine, quiet below errors (the command says what went wrong).
 */
function commandParts(api: PluginApi) {
  const logger = api.logger.child({}, { level: 'error' });
  const store = new ReportingStore({
    url: api.settings.clickhouseUrl,
    dataDir: () => api.dataDir,
    logger,
  });
  const loader = new RecordLoader({ store, readModel: api.readModel });
  return {
    store,
    backfill: (pageSize: number) =>
      new Backfill({ store, readModel: api.readModel, loader, logger, pageSize }),
    dataDir: () => api.dataDir,
  };
}
