import { definePlugin, PLUGIN_API_VERSION } from '@formwork/engine/plugin-api';

/**
 * ClickHouse reporting. The plugin is loaded by the engine's plugin host; its capabilities arrive with the issue
 * that builds them (see README.md) and register here through the plugin API only.
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
  register() {
    // No routes or hooks yet.
  },
});
