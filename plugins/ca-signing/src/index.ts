import { definePlugin, PLUGIN_API_VERSION } from '@formwork/engine/plugin-api';

/**
 * CA digital signing. The plugin is loaded by the engine's plugin host; its capabilities arrive with the issue
 * that builds them (see README.md) and register here through the plugin API only.
 */
export const plugin = definePlugin({
  manifest: {
    name: '@formwork/plugin-ca-signing',
    slug: 'ca-signing',
    version: '0.1.0',
    title: { zh: 'CA 数字签名', en: 'CA digital signing' },
    description: {
      zh: 'SM2/SM3 数字签名，使报告具有法律效力',
      en: 'SM2/SM3 digital signatures that make reports legally valid',
    },
    apiVersion: PLUGIN_API_VERSION,
  },
  register() {
    // No routes or hooks yet.
  },
});
