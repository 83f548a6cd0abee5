/**
 * `formwork reports backfill` through the real binary on a seeded embedded database: it loads
 * every stored visit once and says so; run again it has nothing to do; interrupted (Ctrl-C or
 * SIGKILL) it resumes from the saved page; `--restart` loads everything again, still counted once;
 * a running engine or another process holding chDB makes it fail at once, saying what to do; a
 * wrong argument exits 2 naming it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chdbDir,
  formwork,
  formworkChild,
  FormworkServer,
  holdChdb,
  queryChdb,
} from '../loading/fixtures/formworkProcess.js';

let root: string;
let dataDir: string;
let visits: number;

const counted = () => {
  const [rows] = queryChdb<{ n: string; distinct: string }>(chdbDir(dataDir), [
    'SELECT count() AS n, uniqExact(submission_id) AS distinct FROM records FINAL',
  ]);
  return { n: Number(rows![0]!.n), distinct: Number(rows![0]!.distinct) };
};

/** Runs the backfill in the background and stops it with `signal` after its first page. */
async function interrupted(signal: NodeJS.Signals, args: string[]) {
  const run = formworkChild(dataDir, ['reports', 'backfill', ...args]);
  const deadline = Date.now() + 120_000;
  while (!run.stderr.some((l) => l.startsWith('progress ')) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  run.child.kill(signal);
  const code = await run.exited;
  return { code, stdout: run.stdout.join('\n'), stderr: run.stderr.join('\n') };
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-backfill-'));
  dataDir = path.join(root, 'data');
  const seeded = formwork(dataDir, ['seed', '--demo', '--patients', '300', '--seed', '2']);
  expect(seeded.status, seeded.stderr).toBe(0);
  visits = Number(/visits stored: (\d+)/.exec(seeded.stdout)?.[1]);
  expect(visits).toBeGreaterThan(500);
}, 180_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('formwork reports backfill', () => {
  it('given visits seeded without outbox events, when the backfill runs, then each is loaded once and a second run has nothing to do', () => {
    const run = formwork(dataDir, ['reports', 'backfill', '--batch', '200']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`submissions loaded: ${visits} of ${visits} (done)`);
    expect(run.stderr).toContain(`progress 200/${visits}`);
    expect(counted()).toEqual({ n: visits, distinct: visits });

    const again = formwork(dataDir, ['reports', 'backfill']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`backfill already done: ${visits} submissions`);
  }, 120_000);

  it('given a restart interrupted with Ctrl-C after its first page, when run again, then it resumes from the saved page and every visit counts once', async () => {
    const stopped = await interrupted('SIGINT', ['--restart', '--batch', '50']);
    expect(stopped.code, stopped.stderr).toBe(1);
    expect(stopped.stderr).toContain('run `formwork reports backfill` again to resume');

    const resumed = formwork(dataDir, ['reports', 'backfill', '--batch', '50']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resuming backfill: [1-9]\d*\/\d+ submissions loaded/);
    expect(resumed.stdout).toContain(`submissions loaded: ${visits} of ${visits} (done, resumed)`);
    expect(counted()).toEqual({ n: visits, distinct: visits });
  }, 180_000);

  it('given a restart killed with SIGKILL mid-run, when run again, then it resumes and nothing counts twice', async () => {
    const killed = await interrupted('SIGKILL', ['--restart', '--batch', '50']);
    expect(killed.code).toBe(null);
    const resumed = formwork(dataDir, ['reports', 'backfill', '--batch', '50']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('resuming backfill');
    expect(counted()).toEqual({ n: visits, distinct: visits });
  }, 180_000);

  it('given another process holding the embedded chDB, when the backfill runs, then it fails at once saying to stop the engine or let it catch up', async () => {
    const holder = await holdChdb(chdbDir(dataDir));
    try {
      const run = formwork(dataDir, ['reports', 'backfill']);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('报表库无法打开，多半正被运行中的引擎占用');
      expect(run.stderr).toContain('most likely because a running engine holds it: stop it');
      expect(run.stderr).toContain('let it catch up by itself');
    } finally {
      await holder.release();
    }
  }, 120_000);

  it('given the engine running on the same data directory, when the backfill runs, then it fails at once naming the running process', async () => {
    const server = await FormworkServer.start(dataDir);
    try {
      const run = formwork(dataDir, ['reports', 'backfill']);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('is in use by another Formwork process');
      expect(run.stderr).toContain('Stop that process');
    } finally {
      await server.stop();
    }
  }, 180_000);

  it('given a wrong argument, then it exits 2 naming it and the usage', () => {
    const run = formwork(dataDir, ['reports', 'backfill', '--batch', '0']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--batch must be an integer from 1 to 10000');
    expect(run.stderr).toContain('usage: formwork reports backfill [--restart] [--batch N]');
    const unknown = formwork(dataDir, ['reports', 'refill']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown subcommand "refill"');
  }, 120_000);
});
