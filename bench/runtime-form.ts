/**
 * The form renderer in Chromium (issue 16, acceptance 6), for the seed hypertension follow-up and
 * the generated 200-field form with 40 visibility rules: time to first render, keystroke-to-screen
 * p50/p95, JavaScript bytes gzipped (initial, lazy, the validator module), load time over an
 * emulated 2 Mbit/s link with 150 ms latency — against a bare @rjsf/core page of the same render
 * schema with @rjsf/validator-ajv8 in the same run (the ceiling), and the veaury variant (Element
 * Plus's <el-input> inside the widgets) behind the decision in runtime/README.md.
 *   npm run bench -- runtime-form      (BENCH_KEYS=80 keystrokes, BENCH_LOADS=5 loads)
 * The pages are built by Vite and served by the renderer's dev server (seed API, gzip); the
 * formwork pages under the CSP without unsafe-eval, the bare page without it (Ajv needs eval).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.js';
import { buildDevPage } from '../runtime/renderer/dev/buildDevPage.js';
import { startDevServer, type DevServer } from '../runtime/renderer/dev/devServer.js';
import { Report } from './lib/report.js';

const KEYS = Number(process.env.BENCH_KEYS ?? 80);
const LOADS = Number(process.env.BENCH_LOADS ?? 5);
const root = path.resolve(import.meta.dirname, '..');
const compareDir = path.join(root, 'runtime/renderer/dev/compare');

type Variant = 'formwork' | 'veaury' | 'bare';
const FORMS = [
  { key: 'hypertension-followup', field: '#root_weight' },
  { key: 'generated-200', field: '#root_n1' },
] as const;

async function buildCompare(variant: 'veaury' | 'bare'): Promise<string> {
  const out = path.join(root, '.tmp', 'renderer-compare', variant);
  process.env.FORMWORK_COMPARE = variant;
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  await build({
    configFile: path.join(compareDir, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: out, emptyOutDir: true },
  });
  delete process.env.FORMWORK_COMPARE;
  return out;
}

const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file)).length;

/** Initial JS: the page's entry script and what it preloads; lazy: every other chunk. */
function jsBytes(dist: string, html: string): { initial: number; lazy: number } {
  const page = fs.readFileSync(path.join(dist, html), 'utf8');
  const initial = new Set(
    [...page.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => path.join(dist, m[1]!)),
  );
  let lazy = 0;
  let first = 0;
  for (const file of fs.readdirSync(path.join(dist, 'assets'))) {
    if (!file.endsWith('.js')) continue;
    const full = path.join(dist, 'assets', file);
    if (initial.has(full)) first += gz(full);
    else lazy += gz(full);
  }
  return { initial: first, lazy };
}

const READY: Record<Variant, string> = {
  formwork: '.fw-form input',
  veaury: '.fw-form input',
  bare: 'form.rjsf input',
};

/** Records, from the page's first byte, when its form's first input is in the document. */
const firstRenderProbe = (selector: string) => `
  new MutationObserver((_, observer) => {
    if (document.querySelector(${JSON.stringify(selector)})) {
      window.__rendered = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });`;

/** keydown → the frame after the change is drawn (rAF, then a task after the paint). */
const keystrokeProbe = `
  window.__latencies = [];
  document.addEventListener('keydown', (event) => {
    const start = event.timeStamp;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => window.__latencies.push(performance.now() - start);
      channel.port2.postMessage(0);
    });
  }, true);`;

const pageUrl = (server: DevServer, variant: Variant, key: string) =>
  `${server.url}/${variant === 'bare' ? 'bare.html' : ''}?form=${key}`;

async function open(browser: Browser, url: string, variant: Variant, link?: 'slow') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(firstRenderProbe(READY[variant]));
  if (link) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: 2_000_000 / 8,
      uploadThroughput: 2_000_000 / 8,
    });
  }
  await page.goto(url);
  await page.waitForFunction(
    () => (globalThis as unknown as { __rendered?: number }).__rendered,
    null,
    {
      timeout: 120_000,
    },
  );
  const rendered = await page.evaluate(
    () => (globalThis as unknown as { __rendered: number }).__rendered,
  );
  return { page, rendered };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

async function firstRender(browser: Browser, server: DevServer, variant: Variant, key: string) {
  const times: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const { page, rendered } = await open(browser, pageUrl(server, variant, key), variant);
    times.push(rendered);
    await page.context().close();
  }
  return median(times);
}

async function keystrokes(page: Page, field: string) {
  await page.evaluate(keystrokeProbe);
  await page.focus(field);
  const pattern = ['4', '2', 'Backspace', 'Backspace'];
  const warmup = 8;
  for (let i = 0; i < KEYS + warmup; i++) {
    await page.keyboard.press(pattern[i % pattern.length]!);
    await page.waitForFunction(
      (n) => (globalThis as unknown as { __latencies: number[] }).__latencies.length >= n,
      i + 1,
    );
  }
  const all = await page.evaluate(
    () => (globalThis as unknown as { __latencies: number[] }).__latencies,
  );
  const measured = all.slice(warmup);
  return { p50: percentile(measured, 50), p95: percentile(measured, 95) };
}

const report = new Report('runtime-form');
process.stderr.write('building the pages (Vite) …\n');
const dists: Record<Variant, string> = {
  formwork: await buildDevPage(),
  veaury: await buildCompare('veaury'),
  bare: await buildCompare('bare'),
};
const servers = {} as Record<Variant, DevServer>;
for (const variant of Object.keys(dists) as Variant[]) {
  servers[variant] = await startDevServer({
    distDir: dists[variant],
    allowEval: variant === 'bare',
  });
}
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const bytes = {
    formwork: jsBytes(dists.formwork, 'index.html'),
    veaury: jsBytes(dists.veaury, 'index.html'),
    bare: jsBytes(dists.bare, 'bare.html'),
  };
  report.add('JS gzipped, initial (form page)', bytes.formwork.initial / 1024, 'KiB');
  report.add('JS gzipped, lazy (renderer island)', bytes.formwork.lazy / 1024, 'KiB');
  report.add(
    'JS gzipped, all (veaury variant vs ours)',
    (bytes.veaury.initial + bytes.veaury.lazy) / 1024,
    'KiB',
    (bytes.formwork.initial + bytes.formwork.lazy) / 1024,
  );
  report.add(
    'JS gzipped, all (ours vs bare rjsf + ajv8)',
    (bytes.formwork.initial + bytes.formwork.lazy) / 1024,
    'KiB',
    (bytes.bare.initial + bytes.bare.lazy) / 1024,
  );

  for (const { key, field } of FORMS) {
    process.stderr.write(`${key} …\n`);
    const served = (await (await fetch(`${servers.formwork.url}/api/forms/${key}`)).json()) as {
      validator: { url: string };
    };
    const module = await (await fetch(`${servers.formwork.url}${served.validator.url}`)).text();
    report.add(
      `${key}: validator module gzipped (lazy)`,
      zlib.gzipSync(module).length / 1024,
      'KiB',
    );

    const render = {} as Record<Variant, number>;
    const typing = {} as Record<Variant, { p50: number; p95: number }>;
    for (const variant of Object.keys(dists) as Variant[]) {
      render[variant] = await firstRender(browser, servers[variant], variant, key);
      const { page } = await open(browser, pageUrl(servers[variant], variant, key), variant);
      typing[variant] = await keystrokes(page, field);
      await page.context().close();
    }
    report.add(`${key}: first render`, render.formwork, 'ms', render.bare);
    report.add(`${key}: keystroke-to-screen p50`, typing.formwork.p50, 'ms', typing.bare.p50);
    report.add(`${key}: keystroke-to-screen p95`, typing.formwork.p95, 'ms', typing.bare.p95);
    report.add(`${key}: first render (veaury vs ours)`, render.veaury, 'ms', render.formwork);
    report.add(
      `${key}: keystroke-to-screen p95 (veaury vs ours)`,
      typing.veaury.p95,
      'ms',
      typing.formwork.p95,
    );

    const loads: number[] = [];
    for (let i = 0; i < Math.min(LOADS, 3); i++) {
      const { page, rendered } = await open(
        browser,
        pageUrl(servers.formwork, 'formwork', key),
        'formwork',
        'slow',
      );
      loads.push(rendered);
      await page.context().close();
    }
    report.add(`${key}: first usable form over 2 Mbit/s + 150 ms`, median(loads), 'ms');
  }
} finally {
  await browser.close();
  for (const server of Object.values(servers)) await server.close();
}
report.printTable();
