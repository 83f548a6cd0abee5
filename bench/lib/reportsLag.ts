/**
 * The reports bench's lag (run in a process of its own — `measureLagInChild` — since chDB opens
 * one data directory per process and the bench's own chDB is another): a real engine with the reporting plugin (its own database on the
 * PostgreSQL server, its own chDB under its DATA_DIR, the outbox polled every 200 ms) while
 * hypertension follow-ups arrive through POST /api/submissions at a steady rate; the loader's
 * `backlog().lagSeconds` (newest committed event minus newest loaded) is sampled every second.
 */
import { spawn } from 'node:child_process';
import { makeResidentIdNumber } from '@formwork/definitions';
import { HT_VISIT, IdentityFixture } from '../../engine/src/testing/index.js';
import { pgServerUrl } from './reportsPostgres.js';

const PLUGIN = '@formwork/plugin-clickhouse-reporting';
const CONSUMER = 'plugin:reporting:records';
const CLINIC = '350121101201-V01';
const RESIDENTS = 200;
const WRITERS = 64;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

export interface LagFigures {
  written: number;
  failed: number;
  rate: number;
  p50: number;
  p95: number;
  max: number;
  /** Seconds from the writer's last submission until nothing was behind. */
  drainSeconds: number;
}

export async function measureLag(options: {
  seconds: number;
  rate: number;
  log: (line: string) => void;
}): Promise<LagFigures> {
  // The engine's own database on the same server as the bench's PostgreSQL (PGlite would be the
  // bottleneck at this rate).
  process.env.DATABASE_URL ??= await pgServerUrl();
  const f = await IdentityFixture.start({
    plugins: [PLUGIN],
    workflowPollMs: 200,
    logLevel: 'warn',
  });
  try {
    const doctor = await f.user('township-phc', '350121101', { homeOrg: CLINIC });
    const token = await f.login(doctor);
    const consumer = f.t.engine.pluginConsumers.find((c) => c.consumer === CONSUMER);
    if (!consumer) throw new Error(`no consumer ${CONSUMER}: is the plugin registered?`);
    const residents: string[] = [];
    for (let i = 0; i < RESIDENTS; i++) {
      const subject = await f.request('POST', '/api/subjects', token, {
        name: `基准居民${i}`,
        idNumber: makeResidentIdNumber('350121', '1958-03-14', 100 + i),
        orgCode: CLINIC,
      });
      if (subject.status !== 201) throw new Error(`subject: ${JSON.stringify(subject.body)}`);
      const enrolled = await f.request(
        'POST',
        `/api/subjects/${subject.body.id as string}/enrollments`,
        token,
        {
          program: 'hypertension',
          enrolledOn: '2026-01-05',
          details: { diagnosedOn: '2024-06-15' },
        },
      );
      if (enrolled.status !== 201) throw new Error(`enrollment: ${JSON.stringify(enrolled.body)}`);
      residents.push(subject.body.id as string);
    }
    // Wait until the store is open and the residents' enrollments are loaded.
    for (let i = 0; i < 300; i++) {
      await consumer.poll();
      if (!(await consumer.backlog()).behind) break;
      await sleep(100);
    }
    options.log(
      `lag: ${RESIDENTS} residents enrolled; writing ${options.rate}/s for ${options.seconds} s`,
    );

    const total = Math.round(options.rate * options.seconds);
    const start = performance.now();
    let next = 0;
    let written = 0;
    let failed = 0;
    let writing = true;
    const samples: number[] = [];
    const sampler = (async () => {
      while (writing) {
        await sleep(1000);
        samples.push((await consumer.backlog()).lagSeconds);
      }
    })();
    const writer = async () => {
      for (;;) {
        const i = next++;
        // Stop at the deadline: what could not be sent by then lowers the rate achieved.
        if (i >= total || performance.now() - start > options.seconds * 1000) return;
        const due = start + (i * 1000) / options.rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const day = 1 + (i % 28);
        const res = await f.request('POST', '/api/submissions', token, {
          formKey: 'hypertension-followup',
          subjectId: residents[i % residents.length],
          data: {
            ...HT_VISIT,
            visitDate: `2026-10-${String(day).padStart(2, '0')}`,
            sbp: 110 + (i % 28),
          },
        });
        if (res.status === 201) written++;
        else if (failed++ < 3) options.log(`lag: ${res.status} ${JSON.stringify(res.body)}`);
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    const elapsed = (performance.now() - start) / 1000;
    writing = false;
    await sampler;
    const stopped = performance.now();
    let drainSeconds = Number.NaN;
    for (let i = 0; i < 600; i++) {
      const backlog = await consumer.backlog();
      if (!backlog.behind) {
        drainSeconds = (performance.now() - stopped) / 1000;
        break;
      }
      await sleep(100);
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      written,
      failed,
      rate: written / elapsed,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      max: sorted.at(-1) ?? 0,
      drainSeconds,
    };
  } finally {
    await f.stop();
  }
}

/** measureLag in a child process (`node --import tsx`), its figures read from its last stdout line. */
export async function measureLagInChild(options: {
  seconds: number;
  rate: number;
  log: (line: string) => void;
}): Promise<LagFigures> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, String(options.seconds), String(options.rate)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const last = out.trim().split('\n').at(-1);
  if (code !== 0 || !last) throw new Error(`the lag process exited with ${code}`);
  return JSON.parse(last) as LagFigures;
}

if (process.argv[1] === import.meta.filename) {
  const [seconds, rate] = process.argv.slice(2).map(Number);
  const figures = await measureLag({
    seconds: seconds!,
    rate: rate!,
    log: (line) => process.stderr.write(`[reports] ${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  process.exit(0);
}
