import { definePlugin, PLUGIN_API_VERSION } from '@formwork/engine/plugin-api';

/**
 * Medical devices. The plugin is loaded by the engine's plugin host; its capabilities arrive with the issue
 * that builds them (see README.md) and register here through the plugin API only.
 */
export const plugin = definePlugin({
  manifest: {
    name: '@formwork/plugin-devices',
    slug: 'devices',
    version: '0.1.0',
    title: { zh: '医疗设备接入', en: 'Medical devices' },
    description: {
      zh: '血压计、血糖仪、心电图和检验结果写入表单',
      en: 'Blood pressure, glucose, ECG and lab results into forms',
    },
    apiVersion: PLUGIN_API_VERSION,
  },
  register() {
    // No routes or hooks yet.
  },
});
