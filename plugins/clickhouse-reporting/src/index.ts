import { definePlugin, PLUGIN_API_VERSION } from '@formwork/engine/plugin-api';
import { DIMENSION_TOPICS, RECORD_TOPICS, RecordLoader } from './loading/RecordLoader.js';
import { statusRoute } from './routes/statusRoute.js';
import { ReportingStore } from './store/ReportingStore.js';

/** The outbox consumer that loads the reporting tables: `plugin:reporting:records`. */
export const LOADER_CONSUMER = 'records';

/**
 * ClickHouse reporting: the reporting tables in embedded chDB (DATA_DIR/plugins/reporting/chdb)
 * or a ClickHouse server (CLICKHOUSE_URL), loaded from the engine's outbox by the consumer
 * `plugin:reporting:records`; `GET /api/plugins/reporting/status` says whether they answer and
 * how far loading is behind. A store that cannot open leaves the engine serving forms: reporting
 * reports itself degraded and retries with backoff. Indicators arrive with the rest of issue 19.
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
    });
    const loader = new RecordLoader({ store, readModel: api.readModel });
    const consumer = api.outboxConsumer({
      name: LOADER_CONSUMER,
      topics: [...RECORD_TOPICS, ...DIMENSION_TOPICS],
      batchSize: 1_000,
      handle: async (events) => {
        await loader.load(events);
      },
    });
    api.route(statusRoute(store, consumer));
    // Not awaited: the engine serves forms while the store opens (or cannot).
    api.onStart(() => void store.start());
    api.onStop(() => store.close());
  },
});
