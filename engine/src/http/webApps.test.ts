import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../testing/index.js';

/**
 * The engine serving a built web app at /app/, as a browser on a slow link meets it: the page
 * always fresh, hashed files cached for a year, client-side routes answered with the page,
 * missing files a clear 404, and a Content-Security-Policy without unsafe-eval.
 */
const SCRIPT = `console.log(${JSON.stringify('基层工作台 '.repeat(400))});\n`;
const WORKER = 'self.addEventListener("fetch", () => {});\n';
const INDEX = `<!doctype html><html lang="zh-CN"><head><script type="module" src="/app/assets/index-Ab12Cd34.js"></script></head><body><div id="app"></div></body></html>\n`;

let t: TestEngine;
let built: string;
let empty: string;
beforeAll(async () => {
  built = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-app-'));
  empty = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-designer-'));
  fs.mkdirSync(path.join(built, 'assets'));
  fs.mkdirSync(path.join(built, '.vite'));
  fs.writeFileSync(path.join(built, 'index.html'), INDEX);
  fs.writeFileSync(path.join(built, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
  fs.writeFileSync(path.join(built, '.vite', 'manifest.json'), '{}');
  fs.writeFileSync(path.join(built, 'sw.js'), WORKER);
  t = await startTestEngine({ webApps: { app: built, designer: empty } });
});
afterAll(async () => {
  await t?.stop();
  for (const dir of [built, empty]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const get = (urlPath: string, headers: Record<string, string> = {}) =>
  fetch(`${t.url}${urlPath}`, { headers, redirect: 'manual' });

describe('the frontline app at /app/', () => {
  it('given a built app, when a browser opens /app/, then it gets the page, never cached without asking, under a policy without unsafe-eval', async () => {
    const response = await get('/app/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX);
    const csp = response.headers.get('content-security-policy')!;
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values.join(' ')];
      }),
    );
    expect(csp).not.toContain('unsafe-eval');
    expect(directives['script-src']).toBe("'self'");
    expect(directives['connect-src']).toBe("'self'");
    expect(directives['frame-ancestors']).toBe("'none'");
    expect(directives['object-src']).toBe("'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('given the page was loaded before, when the browser revalidates it, then an unchanged page is a 304 without a body', async () => {
    const etag = (await get('/app/')).headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/app/', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('given a link into a screen such as /app/residents/123, when it is opened or reloaded, then the page answers and the app routes it', async () => {
    for (const route of ['/app/residents/123', '/app/tasks', '/app/signin?redirect=%2Ftasks']) {
      const response = await get(route);
      expect(response.status, route).toBe(200);
      expect(response.headers.get('cache-control'), route).toBe('no-cache');
      expect(await response.text(), route).toBe(INDEX);
    }
  });

  it('given /app without its slash, when it is opened, then the browser is sent to /app/ with its query', async () => {
    const response = await get('/app?x=1');
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('/app/?x=1');
  });

  it('given a hashed script, when it is fetched on a slow link, then it is cacheable for a year and sent compressed', async () => {
    for (const encoding of ['br', 'gzip']) {
      const response = await get('/app/assets/index-Ab12Cd34.js', { 'accept-encoding': encoding });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-encoding')).toBe(encoding);
      expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
      // fetch decodes the body: what the browser runs is the file itself.
      expect(await response.text()).toBe(SCRIPT);
      expect(Number(response.headers.get('content-length'))).toBeLessThan(SCRIPT.length / 4);
    }
    const plain = await get('/app/assets/index-Ab12Cd34.js', { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);
  });

  it('given a file that is not in the build, when it is asked for, then the answer is a JSON 404 naming it, never the page in its place', async () => {
    for (const missing of [
      '/app/assets/index-Zz99Yy88.js',
      '/app/assets/',
      '/app/logo.png',
      '/app/.vite/manifest.json',
      '/app/assets/..%2F..%2Findex.html',
      '/app/assets/..%2Findex.html',
      '/app/assets/a%5Cb.js',
      '/app/%E0%A4%A.js',
    ]) {
      const response = await get(missing);
      expect(response.status, missing).toBe(404);
      expect(response.headers.get('content-type'), missing).toMatch(/^application\/json/);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code, missing).toBe('not_found');
    }
    const named = (await (await get('/app/assets/index-Zz99Yy88.js')).json()) as {
      error: { message: string };
    };
    expect(named.error.message).toContain('/app/assets/index-Zz99Yy88.js');
  });

  it('given a client-side route whose last segment is a version (1.3.0), when it is opened or reloaded, then the page answers, not a 404 for a file', async () => {
    for (const route of ['/app/versions/overlay/yunnan/1.3.0', '/app/releases/spec@3.0.1']) {
      const response = await get(route);
      expect(response.status, route).toBe(200);
      expect(response.headers.get('content-type'), route).toBe('text/html; charset=utf-8');
    }
  });

  it("given the build's service worker (sw.js), when the browser registers it or checks it for an update, then it is the script itself, revalidated every time, so a new build is seen at once", async () => {
    const response = await get('/app/sw.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe(WORKER);
    // Registered from a page of the app: its policy lets a worker of this origin run.
    const page = await get('/app/');
    expect(page.headers.get('content-security-policy')).toContain("worker-src 'self'");
    const etag = response.headers.get('etag')!;
    const unchanged = await get('/app/sw.js', { 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    // A new build writes a new worker: the next check gets it, not the old one.
    fs.writeFileSync(path.join(built, 'sw.js'), `${WORKER}// build 2\n`);
    const rebuilt = await get('/app/sw.js', { 'if-none-match': etag });
    expect(rebuilt.status).toBe(200);
    expect(await rebuilt.text()).toBe(`${WORKER}// build 2\n`);
    fs.writeFileSync(path.join(built, 'sw.js'), WORKER);
  });

  it('given something other than a read, when it is sent to /app/, then it is refused as not found', async () => {
    const response = await fetch(`${t.url}/app/`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('given a designer that is not built, when /designer/ is opened, then it is a 404 and the API is untouched', async () => {
    expect((await get('/designer/')).status).toBe(404);
    expect((await get('/api/health')).status).toBe(200);
  });
});
