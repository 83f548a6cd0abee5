/**
 * Issue 19, acceptance 3, with the real `formwork start` in a child process (embedded PGlite and
 * embedded chDB in a temporary DATA_DIR):
 * - killed with SIGKILL while loading (right after the backfill saved a page, once a visit came
 *   through the API, the outbox consumer loading visits submitted meanwhile) and started again:
 *   every stored visit is in the reporting tables exactly once, none lost;
 * - chDB held by another process at start: the engine serves forms, /api/health and the status
 *   say reporting is degraded/unavailable; once the lock is released the store opens on its
 *   retry and the visits submitted meanwhile load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeResidentIdNumber } from '@formwork/definitions';
import { QueryTypes } from 'sequelize';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../../../engine/src/database/Database.js';
import { createLogger } from '../../../../engine/src/logging/createLogger.js';
import { HT_VISIT } from '../../../../engine/src/testing/index.js';
import {
  chdbDir,
  eventually,
  formwork,
  FormworkServer,
  holdChdb,
  queryChdb,
} from './fixtures/formworkProcess.js';

const CLINIC = '350121101201-V01';
const DOCTOR = 'fj.township-phc'; // records.capture and reports.read, no second factor
const dirs: string[] = [];
const servers: FormworkServer[] = [];

interface Status {
  available: boolean;
  lagSeconds: number;
  loadedRecords: number | null;
  backfill: { state: string; loaded: number; total: number };
}

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-reporting-'));
  dirs.push(dir);
  return path.join(dir, 'data');
}

async function start(dataDir: string) {
  const server = await FormworkServer.start(dataDir);
  servers.push(server);
  return server;
}

const status = async (server: FormworkServer, token: string) => {
  const res = await server.api<Status>('GET', '/api/plugins/reporting/status', token);
  expect(res.status).toBe(200);
  return res.body;
};

/** A resident of the clinic, enrolled, with a hypertension follow-up: its submission id. */
async function visit(server: FormworkServer, token: string, serial: number): Promise<string> {
  const subject = await server.api('POST', '/api/subjects', token, {
    name: `负载居民${serial}`,
    idNumber: makeResidentIdNumber('350121', '1957-05-06', 300 + serial),
    orgCode: CLINIC,
  });
  expect(subject.status, JSON.stringify(subject.body)).toBe(201);
  const subjectId = subject.body.id as string;
  const enrolled = await server.api('POST', `/api/subjects/${subjectId}/enrollments`, token, {
    program: 'hypertension',
    enrolledOn: '2026-11-01',
    details: { diagnosedOn: '2024-06-15' },
  });
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
  const res = await server.api('POST', '/api/submissions', token, {
    formKey: 'hypertension-followup',
    subjectId,
    data: HT_VISIT,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** The stored submissions (id → revision) and enrollment count, the engine stopped. */
async function storedInDatabase(dataDir: string) {
  const database = await Database.open({
    databaseUrl: undefined,
    dataDir,
    logger: createLogger('silent'),
  });
  try {
    const rows = await database.sequelize.query<{ id: string; revision: number }>(
      'SELECT id, revision FROM submissions',
      { type: QueryTypes.SELECT },
    );
    const [enrollments] = await database.sequelize.query<{ n: string }>(
      'SELECT count(*) AS n FROM enrollments',
      { type: QueryTypes.SELECT },
    );
    return {
      submissions: new Map(rows.map((r) => [r.id, Number(r.revision)])),
      enrollments: Number(enrollments!.n),
    };
  } finally {
    await database.close();
  }
}

/** What the reporting tables hold, the engine stopped: per submission, its rows under FINAL. */
function loadedInChdb(dataDir: string) {
  const [perSubmission, [total], [enrollments]] = queryChdb(chdbDir(dataDir), [
    `SELECT submission_id, count() AS n, max(revision) AS revision
       FROM records FINAL GROUP BY submission_id`,
    'SELECT count() AS n FROM records FINAL',
    'SELECT count() AS n FROM enrollments FINAL',
  ]) as [
    { submission_id: string; n: string; revision: number }[],
    { n: string }[],
    { n: string }[],
  ];
  return { perSubmission, total: Number(total!.n), enrollments: Number(enrollments!.n) };
}

afterAll(async () => {
  for (const server of servers) await server.kill().catch(() => undefined);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('loading survives a kill and an unavailable store (acceptance 3)', () => {
  it('given 3,000 seeded residents loading after start and visits arriving through the API, when the engine is killed with SIGKILL right after a backfill page once visits arrive, and started again, then every stored visit counts exactly once and none is lost', async () => {
    const dataDir = tempDataDir();
    // Seeded straight into the database (no outbox events): only the backfill loads them.
    const seeded = formwork(dataDir, ['seed', '--demo', '--patients', '3000', '--seed', '4']);
    expect(seeded.status, seeded.stderr).toBe(0);

    const first = await start(dataDir);
    const token = await first.login(DOCTOR);
    // Visits through the API while the backfill runs: the outbox consumer loads these.
    let serial = 0;
    const made: string[] = [];
    const arriving = (async () => {
      for (;;) made.push(await visit(first, token, ++serial));
    })().catch(() => undefined); // ends when the process dies
    // Killed right after a backfill page is saved once a visit has come through the API (the
    // outbox consumer loading it meanwhile): not before, or no visit would be in flight.
    await eventually('a visit accepted through the API', () => (made.length ? true : undefined));
    const pages = () => first.logs.filter((l) => l.msg === 'reporting backfill page saved').length;
    const seen = pages();
    while (pages() === seen && !first.logged('reporting backfill done'))
      await new Promise((resolve) => setTimeout(resolve, 5));
    await first.kill();
    await arriving;
    expect(first.logged('reporting backfill done')).toBe(false);

    const stored = await storedInDatabase(dataDir);
    expect(stored.submissions.size).toBeGreaterThan(2_000);

    const second = await start(dataDir);
    const again = await second.login(DOCTOR);
    const loaded = await eventually('every stored visit loaded', async () => {
      const s = await status(second, again);
      return s.backfill.state === 'done' && s.loadedRecords === stored.submissions.size
        ? s
        : undefined;
    });
    expect(loaded).toMatchObject({ available: true, lagSeconds: 0 });
    // It continued from the saved page instead of starting over.
    expect(second.logged('reporting backfill resumed')).toBe(true);
    await second.stop();

    const chdb = loadedInChdb(dataDir);
    expect(chdb.total).toBe(stored.submissions.size);
    const twice = chdb.perSubmission.filter((r) => r.n !== '1');
    expect(twice).toEqual([]);
    const lost = [...stored.submissions.keys()].filter(
      (id) => !chdb.perSubmission.some((r) => r.submission_id === id),
    );
    expect(lost).toEqual([]);
    for (const r of chdb.perSubmission)
      expect(r.revision).toBe(stored.submissions.get(r.submission_id));
    expect(chdb.enrollments).toBe(stored.enrollments);
    // The visits the API accepted before the kill are among them (the outbox consumer's share).
    expect(made.length).toBeGreaterThan(0);
    for (const id of made) expect(stored.submissions.has(id)).toBe(true);
  }, 240_000);

  it('given chDB held by another process at start, when the engine starts, then it serves forms with reporting degraded, and when the lock is released the visits made meanwhile load', async () => {
    const dataDir = tempDataDir();
    const holder = await holdChdb(chdbDir(dataDir));
    let released = false;
    try {
      const server = await start(dataDir); // a fresh demo: 200 seeded residents
      const token = await server.login(DOCTOR);
      const unavailable = await eventually('the store to have failed to open', () =>
        server.logged('reporting store unavailable; reporting is degraded, forms are not affected')
          ? true
          : undefined,
      );
      expect(unavailable).toBe(true);
      const health = await server.api<{
        status: string;
        plugins: Record<string, { status: string; detail: Record<string, unknown> }>;
      }>('GET', '/api/health');
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('ok');
      expect(health.body.plugins.reporting).toMatchObject({
        status: 'degraded',
        detail: { mode: 'embedded', available: false },
      });
      expect(await status(server, token)).toMatchObject({ available: false, loadedRecords: null });

      // Forms are served: a visit is accepted while reporting is down.
      const meanwhile = await visit(server, token, 1);

      await holder.release();
      released = true;
      const caughtUp = await eventually('the store back and everything loaded', async () => {
        const s = await status(server, token);
        return s.available &&
          s.backfill.state === 'done' &&
          s.loadedRecords === s.backfill.total &&
          s.lagSeconds === 0
          ? s
          : undefined;
      });
      expect(caughtUp.loadedRecords).toBeGreaterThan(100);
      const healthy = await server.api<{
        plugins: Record<string, { status: string; detail: Record<string, unknown> }>;
      }>('GET', '/api/health');
      expect(healthy.body.plugins.reporting).toMatchObject({
        status: 'ok',
        detail: { available: true, lagSeconds: 0 },
      });
      await server.stop();
      const chdb = loadedInChdb(dataDir);
      expect(chdb.perSubmission.find((r) => r.submission_id === meanwhile)?.n).toBe('1');
      const stored = await storedInDatabase(dataDir);
      expect(chdb.total).toBe(stored.submissions.size);
    } finally {
      if (!released) await holder.release();
    }
  }, 240_000);
});
