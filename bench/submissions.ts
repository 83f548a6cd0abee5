/**
 * POST /api/submissions through the real HTTP API (signed in, Idempotency-Key on every request,
 * realistic hypertension follow-ups from the seed generator) against the raw ceiling: the same
 * payloads inserted with plain `pg` into a table shaped like `submissions`, at the same
 * concurrency, in the same run.
 *   npm run bench -- submissions        (BENCH_SECONDS=10, BENCH_CONNECTIONS=32)
 *   DATABASE_URL=postgres://root@127.0.0.1:5432/test npm run bench -- submissions
 *   BENCH_PROFILE=/tmp/prof npm run bench -- submissions   (CPU profile of the engine)
 * With DATABASE_URL the bench creates (and drops) its own database on that server; without it,
 * the engine runs on its embedded PGlite and the ceiling on a second embedded PGlite.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { EmbeddedPostgres } from '../engine/src/database/EmbeddedPostgres.js';
import { DEMO_PASSWORD } from '../engine/src/seeding/demoWorld.js';
import { generatePatients } from '../engine/src/seeding/patients/index.js';
import { demoVillages } from '../engine/src/seeding/seedPatients.js';
import { startChildServer } from './lib/childServer.js';
import { benchDatabase } from './lib/benchDatabase.js';
import { Report } from './lib/report.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const residents = Number(process.env.BENCH_RESIDENTS ?? 400);
const root = path.resolve(import.meta.dirname, '..');

async function api(base: string, method: string, route: string, token?: string, body?: unknown) {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Plain pg: `connections` clients inserting the payloads round-robin for `seconds`. */
async function rawCeiling(url: string, payloads: { subjectId: string; data: unknown }[]) {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  await pool.query(`CREATE TABLE bench_raw_submissions (
    id uuid PRIMARY KEY, subject_id uuid NOT NULL, form_key text NOT NULL,
    form_version text NOT NULL, release_id text NOT NULL, org_code text NOT NULL,
    org_path text NOT NULL, revision integer NOT NULL DEFAULT 1,
    row_version integer NOT NULL DEFAULT 1, payload jsonb NOT NULL, author_id uuid NOT NULL,
    created_at timestamptz NOT NULL, updated_by uuid NOT NULL, updated_at timestamptz NOT NULL)`);
  await pool.query('CREATE INDEX ON bench_raw_submissions (subject_id, created_at)');
  await pool.query('CREATE INDEX ON bench_raw_submissions (form_key, form_version)');
  await pool.query('CREATE INDEX ON bench_raw_submissions (org_path text_pattern_ops)');
  const author = randomUUID();
  const latencies: number[] = [];
  let next = 0;
  const insert = async () => {
    const p = payloads[next++ % payloads.length]!;
    const started = performance.now();
    await pool.query(
      `INSERT INTO bench_raw_submissions (id, subject_id, form_key, form_version, release_id,
         org_code, org_path, payload, author_id, created_at, updated_by, updated_at)
       VALUES ($1, $2, 'hypertension-followup', '3.0.0', 'national-phs@3.0.0', '350121101201-V01',
         '/100000/350000/350100/350121/', $3, $4, now(), $4, now())`,
      [randomUUID(), p.subjectId, JSON.stringify(p.data), author],
    );
    latencies.push(performance.now() - started);
  };
  const run = async (ms: number) => {
    const until = performance.now() + ms;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) await insert();
      }),
    );
  };
  await run(1000); // warm up
  latencies.length = 0;
  const started = performance.now();
  await run(seconds * 1000);
  const elapsed = (performance.now() - started) / 1000;
  await pool.end();
  latencies.sort((a, b) => a - b);
  return {
    rate: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const database = await benchDatabase('submissions');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-bench-submissions-'));
const engine = await startChildServer(
  process.execPath,
  [
    // BENCH_PROFILE=dir writes a CPU profile of the engine there (open it in Chrome DevTools).
    ...(process.env.BENCH_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
      : []),
    path.join(root, 'engine/bin/formwork.js'),
    'start',
  ],
  {
    ...process.env,
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    PLUGINS: 'none',
    DEMO: 'true',
    DATA_KEY: process.env.DATA_KEY ?? randomBytes(32).toString('base64'),
    ...(database ? { DATABASE_URL: database.url } : {}),
  },
  /running at (http:\/\/\S+?)\/ /,
);
let ceilingDb: EmbeddedPostgres | undefined;
try {
  const kind = (await api(engine.url, 'GET', '/api/health')).body.database as string;
  const login = await api(engine.url, 'POST', '/api/auth/login', undefined, {
    username: 'fj.county-clinician',
    password: DEMO_PASSWORD,
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(login.body)}`);
  const token = login.body.token as string;
  const county = (await api(engine.url, 'GET', '/api/auth/me', token)).body.grants[0]
    .orgCode as string;

  // Residents of the county registered through the API, with their generated visit histories.
  process.stderr.write(`registering ${residents} residents of ${county} …\n`);
  const villages = demoVillages().filter((v) => v.code.startsWith(county));
  const payloads: { subjectId: string; data: unknown }[] = [];
  for (const patient of generatePatients({
    seed: 20261130,
    count: residents,
    villages,
    today: new Date().toISOString().slice(0, 10),
  })) {
    const created = await api(engine.url, 'POST', '/api/subjects', token, {
      name: patient.name,
      idNumber: patient.idNumber,
      orgCode: patient.institutionCode,
    });
    if (created.status !== 201) continue;
    for (const visit of patient.visits)
      if (visit.formKey === 'hypertension-followup')
        payloads.push({ subjectId: created.body.id, data: visit.data });
  }
  process.stderr.write(`${payloads.length} hypertension follow-ups to submit\n`);

  let next = 0;
  const body = () => {
    const p = payloads[next++ % payloads.length]!;
    return JSON.stringify({
      formKey: 'hypertension-followup',
      subjectId: p.subjectId,
      data: p.data,
    });
  };
  const load = (duration: number) =>
    autocannon({
      url: `${engine.url}/api/submissions`,
      connections,
      duration,
      pipelining: 1,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => ({
            ...req,
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              'idempotency-key': randomUUID(),
            },
            body: body(),
          }),
        },
      ],
    });
  await load(1); // warm up
  process.stderr.write(`engine (${kind}): ${connections} connections for ${seconds}s …\n`);
  const measured = await load(seconds);

  let ceilingUrl = database?.url;
  if (!ceilingUrl) {
    const ceilingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-bench-ceiling-'));
    ceilingDb = await EmbeddedPostgres.start(ceilingDir, connections + 2);
    ceilingUrl = ceilingDb.url;
  }
  process.stderr.write(`plain pg (${kind}): ${connections} connections for ${seconds}s …\n`);
  const ceiling = await rawCeiling(ceilingUrl, payloads);

  const report = new Report('submissions');
  report.add('requests_per_second', measured.requests.average, 'req/s', ceiling.rate);
  report.add('latency_p50', measured.latency.p50, 'ms');
  report.add('latency_p99', measured.latency.p99, 'ms');
  report.add('errors', measured.errors + measured.non2xx, 'responses');
  report.add('raw_pg_inserts_per_second', ceiling.rate, 'rows/s');
  report.add('raw_pg_latency_p50', ceiling.p50, 'ms');
  report.add('raw_pg_latency_p99', ceiling.p99, 'ms');
  report.printTable();
} finally {
  await engine.stop();
  await ceilingDb?.stop();
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
