/**
 * What every device downloads for offline use: the built app's files, without the reports page's
 * chunk (ECharts), which only managers open and which needs the network anyway.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { precacheList } from './buildWebApps.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-precache-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the service worker’s precache list', () => {
  it('given a build with the reports chunk, then every file but it, the worker and the Vite manifest is precached', () => {
    const files = [
      'index.html',
      'sw.js',
      '.vite/manifest.json',
      'assets/index-UGc3wlKn.js',
      'assets/ResidentScreen-L9cnG1Vh.js',
      'assets/ReportsScreen-CVvegQ_Q.js',
      'assets/ReportsScreen-BjilDF4i.css',
    ];
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), 'x');
    }
    expect(precacheList(dir)).toEqual([
      'assets/ResidentScreen-L9cnG1Vh.js',
      'assets/index-UGc3wlKn.js',
      'index.html',
    ]);
  });
});
