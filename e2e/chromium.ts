import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
/**
 * How every browser test here starts Debian's Chromium: no downloaded browser, no sandbox (root
 * in CI), and none of the background traffic this machine's closed network would refuse.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A blank page in `browser` with `entry` (a TypeScript module) bundled for the browser by
 * esbuild and loaded: how tests run the same code in Chromium as in Node.
 */
export async function pageWithBundle(browser: Browser, entry: string): Promise<Page> {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  return page;
}
