import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../testing/index.js';

/** The start page at `/`: what a person opening the engine in a browser first sees. */
let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(() => t?.stop());

describe('the start page', () => {
  it('given an engine without the web apps, when someone opens /, then every link on the page works and neither the page nor the API reference claims to link the web apps', async () => {
    const page = await fetch(`${t.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    expect(links).toEqual(expect.arrayContaining(['/api/docs', '/api/health']));
    for (const link of links) {
      expect((await fetch(`${t.url}${link}`)).status, link).toBe(200);
    }
    // The web apps are not served yet: no link to them, and no word promising one.
    for (const app of ['/app/', '/designer/']) {
      expect((await fetch(`${t.url}${app}`)).status).toBe(404);
      expect(links.some((link) => link.startsWith(app))).toBe(false);
    }
    const openapi = (await (await fetch(`${t.url}/api/openapi.json`)).json()) as {
      paths: Record<string, { get: { summary: string; description?: string } }>;
    };
    const home = openapi.paths['/']!.get;
    expect(`${home.summary} ${home.description ?? ''}`).not.toMatch(/web app/i);
    expect(html).not.toMatch(/web app|网页应用|应用入口/i);
  });
});
