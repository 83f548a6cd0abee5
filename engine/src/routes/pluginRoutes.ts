import { z } from 'zod';
import { defineRoute } from '../http/defineRoute.js';
import type { LoadedPlugin } from '../plugin-host/PluginHost.js';

const Text = z.object({ zh: z.string(), en: z.string() });
const PluginInfo = z
  .object({
    name: z.string(),
    slug: z.string(),
    version: z.string(),
    title: Text,
    description: Text,
    routes: z.array(z.string()),
  })
  .meta({ id: 'PluginInfo' });

export function pluginRoutes(loaded: readonly LoadedPlugin[]) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/plugins',
      operationId: 'listPlugins',
      summary: 'Plugins loaded by this engine',
      tags: ['system'],
      access: { public: true, reason: 'Names and versions of installed plugins hold no data.' },
      responses: {
        200: { description: 'Loaded plugins', schema: z.object({ plugins: z.array(PluginInfo) }) },
      },
      handler: () => ({
        plugins: loaded.map(({ manifest, routes }) => ({
          name: manifest.name,
          slug: manifest.slug,
          version: manifest.version,
          title: manifest.title,
          description: manifest.description,
          routes,
        })),
      }),
    }),
  ];
}
