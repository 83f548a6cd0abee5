import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../testing/index.js';

/** The start page at `/`: what a person opening the engine in a browser first sees. */
let t: TestEngine;
let withApp: TestEngine;
const folders: string[] = [];
const folder = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-web-'));
  folders.push(dir);
  return dir;
};
beforeAll(async () => {
  const app = folder();
  fs.writeFileSync(path.join(app, 'index.html'), '<!doctype html><title>app</title>\n');
  // Two engines, started side by side: one without the web apps, one with the app built.
  [t, withApp] = await Promise.all([
    startTestEngine({ webApps: { app: folder(), designer: folder() } }),
    startTestEngine({ webApps: { app, designer: folder() } }),
  ]);
}, 120_000);
afterAll(async () => {
  await t?.stop();
  await withApp?.stop();
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

async function linksOn(engine: TestEngine): Promise<string[]> {
  const html = await (await fetch(`${engine.url}/`)).text();
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
}

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

  it('given an engine with the frontline app built, when someone opens /, then the page links /app/, which opens, and still not the designer that is not built', async () => {
    const links = await linksOn(withApp);
    expect(links).toContain('/app/');
    expect(links.some((link) => link.startsWith('/designer/'))).toBe(false);
    for (const link of links) {
      expect((await fetch(`${withApp.url}${link}`)).status, link).toBe(200);
    }
    expect((await fetch(`${withApp.url}/designer/`)).status).toBe(404);
  });
});
