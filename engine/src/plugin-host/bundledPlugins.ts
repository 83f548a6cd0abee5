/**
 * The plugins shipped in this repository (workspace packages under plugins/). The engine names
 * them but never imports them statically: the plugin host loads them by name at start.
 */
export const bundledPlugins: readonly string[] = [
  '@formwork/plugin-ca-signing',
  '@formwork/plugin-devices',
  '@formwork/plugin-clickhouse-reporting',
];
