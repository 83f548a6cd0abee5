import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/createLogger.js';
import { Engine } from '../server/Engine.js';
import {
  createTestDatabase,
  readJson,
  startTestEngine,
  testEngineConfig,
} from '../testing/index.js';
import { PluginLoadError } from './PluginHost.js';
import { bundledPlugins } from './bundledPlugins.js';

const fixture = (name: string) => new URL(`./fixtures/${name}.ts`, import.meta.url).pathname;

describe('plugin host', () => {
  it('loads every bundled plugin by default and lists them', async () => {
    const t = await startTestEngine({ plugins: undefined });
    try {
      const response = await fetch(`${t.url}/api/plugins`);
      const { plugins } = (await readJson(response)) as { plugins: { name: string }[] };
      expect(plugins.map((p) => p.name)).toEqual([...bundledPlugins]);
    } finally {
      await t.stop();
    }
  });

  it("mounts a plugin's routes under /api/plugins/<slug>/ and in the OpenAPI document", async () => {
    const t = await startTestEngine({ plugins: [fixture('echoPlugin')] });
    try {
      const { plugins } = await readJson(await fetch(`${t.url}/api/plugins`));
      expect(plugins).toEqual([
        expect.objectContaining({
          name: 'formwork-test-echo',
          version: '1.2.3',
          routes: expect.arrayContaining(['POST /api/plugins/echo/echo']),
        }),
      ]);
      const document = await readJson(await fetch(`${t.url}/api/openapi.json`));
      expect(document.paths['/api/plugins/echo/echo'].post.operationId).toBe('echo.echo');
      expect(document.paths['/api/plugins/echo/echo'].post.tags).toEqual(['plugin:echo']);
    } finally {
      await t.stop();
    }
  });

  const failures: [string, RegExp][] = [
    ['throwingPlugin', /register\(\) threw: device driver \/dev\/ttyUSB9 not found/],
    ['futurePlugin', /written for plugin API 2; this engine provides 1/],
    ['notAPlugin', /does not export `plugin`/],
    ['doesNotExist', /failed to load/],
  ];
  for (const [name, reason] of failures) {
    it(`refuses to start with ${name}, names the plugin, and leaves the database closed`, async () => {
      const database = await createTestDatabase();
      const config = testEngineConfig(database, { logLevel: 'silent', bodyLimitBytes: 1024 });
      const logger = createLogger('silent');
      try {
        const failure = Engine.start({ ...config, plugins: [fixture(name)] }, logger);
        await expect(failure).rejects.toBeInstanceOf(PluginLoadError);
        await expect(failure).rejects.toThrow(reason);
        await expect(failure).rejects.toThrow(name);
        // The failed start released everything: the same data directory starts cleanly.
        const engine = await Engine.start({ ...config, plugins: [] }, logger);
        await engine.stop();
      } finally {
        await database.drop();
      }
    });
  }
});
