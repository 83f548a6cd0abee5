import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestEngine, type TestEngine } from '../testing/index.js';

describe('OpenAPI document', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine({ plugins: undefined });
  });
  afterAll(() => t?.stop());

  it('is a valid OpenAPI 3.1 document', async () => {
    const document = await readJson(await fetch(`${t.url}/api/openapi.json`));
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes every route the engine serves, with its error shape', async () => {
    const document = await readJson(await fetch(`${t.url}/api/openapi.json`));
    const documented = Object.entries(document.paths as Record<string, object>).flatMap(
      ([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = t.engine.registry.routes.map(
      (route) => `${route.method.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`,
    );
    expect(documented.sort()).toEqual(served.sort());
    expect(
      document.paths['/api/health'].get.responses['200'].content['application/json'].schema,
    ).toEqual({
      $ref: '#/components/schemas/Health',
    });
    expect(document.components.schemas.Error.required).toEqual(['error']);
  });

  it('/api/docs serves the reference page and only the files it needs', async () => {
    const page = await fetch(`${t.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    for (const asset of ['swagger-ui.css', 'swagger-ui-bundle.js', 'init.js']) {
      expect(html).toContain(`/api/docs/assets/${asset}`);
      const response = await fetch(`${t.url}/api/docs/assets/${asset}`);
      expect(response.status).toBe(200);
    }
    expect(await (await fetch(`${t.url}/api/docs/assets/init.js`)).text()).toContain(
      '/api/openapi.json',
    );
    const traversal = await fetch(`${t.url}/api/docs/assets/..%2Fpackage.json`);
    expect(traversal.status).toBe(404);
    expect((await fetch(`${t.url}/api/docs/assets/index.html`)).status).toBe(404);
  });
});
