/**
 * GET /api/health on a started engine against a bare Node http server answering the same JSON,
 * both in child processes, measured with autocannon in the same run.
 *   npm run bench -- health        (BENCH_SECONDS=10, BENCH_CONNECTIONS=32)
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startChildServer } from './lib/childServer.js';
import { Report } from './lib/report.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const root = path.resolve(import.meta.dirname, '..');

async function load(url: string, title: string) {
  process.stderr.write(`${title}: ${connections} connections for ${seconds}s …\n`);
  return autocannon({ url, connections, duration: seconds, pipelining: 1 });
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-bench-health-'));
const engine = await startChildServer(
  process.execPath,
  [path.join(root, 'engine/bin/formwork.js'), 'start'],
  {
    ...process.env,
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    PLUGINS: 'none',
    DATA_KEY: process.env.DATA_KEY ?? randomBytes(32).toString('base64'),
  },
  /running at (http:\/\/\S+?)\/ /,
);
const sample = await (await fetch(`${engine.url}/api/health`)).text();
const bare = await startChildServer(
  process.execPath,
  [path.join(import.meta.dirname, 'lib/bareHealthServer.js')],
  { ...process.env, BODY: sample },
  /listening at (http:\/\/\S+?)\/\n/,
);

try {
  // Warm both up, then measure the ceiling and the engine back to back.
  await autocannon({ url: `${bare.url}/`, connections, duration: 1 });
  await autocannon({ url: `${engine.url}/api/health`, connections, duration: 1 });
  const ceiling = await load(`${bare.url}/`, 'bare node http');
  const measured = await load(
    `${engine.url}/api/health`,
    `engine (${JSON.parse(sample).database})`,
  );

  const report = new Report('health');
  report.add('requests_per_second', measured.requests.average, 'req/s', ceiling.requests.average);
  report.add('latency_p50', measured.latency.p50, 'ms');
  report.add('latency_p99', measured.latency.p99, 'ms');
  report.add('errors', measured.errors + measured.non2xx, 'responses');
  report.add('bare_latency_p50', ceiling.latency.p50, 'ms');
  report.add('bare_latency_p99', ceiling.latency.p99, 'ms');
  report.printTable();
} finally {
  await engine.stop();
  await bare.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
