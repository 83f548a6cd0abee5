import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configVariables } from '../config/configVariables.js';
import { migrations } from '../database/migrations/index.js';
import { createTestDatabase, startEngineProcess, type TestDatabase } from '../testing/index.js';

const bin = new URL('../../bin/formwork.js', import.meta.url).pathname;

/** The embedded default: these tests run the CLI on PGlite whatever the suite's database. */
function embeddedEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    ...extra,
  };
  delete env.DATABASE_URL;
  return env;
}

const startProcess = (dataDir: string) => startEngineProcess(embeddedEnv(dataDir));

function runCli(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
}

describe('formwork CLI on the embedded database', () => {
  const databases: TestDatabase[] = [];
  const embeddedDir = async () => {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      const db = await createTestDatabase();
      databases.push(db);
      return db.dataDir;
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  };
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  it('start serves health on PGlite; a second start on the same DATA_DIR exits with a clear message; SIGTERM stops cleanly; a restart keeps the data', async () => {
    const dataDir = await embeddedDir();
    const first = await startProcess(dataDir);
    try {
      const health = await (await fetch(`${first.url}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', database: 'pglite' });

      const second = runCli(['start'], embeddedEnv(dataDir));
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`DATA_DIR ${dataDir} is in use by another Formwork process`);
      expect(second.stderr).not.toMatch(/\n\s+at /);
      expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    } finally {
      first.child.kill('SIGTERM');
    }
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(path.join(dataDir, 'formwork.lock'))).toBe(false);

    const migrateAgain = runCli(['migrate'], embeddedEnv(dataDir));
    expect(migrateAgain.status).toBe(0);
    expect(migrateAgain.stdout).toContain('no pending migrations');

    const restarted = await startProcess(dataDir);
    try {
      expect((await fetch(`${restarted.url}/api/health`)).status).toBe(200);
    } finally {
      restarted.child.kill('SIGTERM');
    }
    expect(await restarted.exited).toEqual({ code: 0, signal: null });
  });

  it('migrate applies the migrations of a new data directory', async () => {
    const result = runCli(['migrate'], embeddedEnv(await embeddedDir()));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      `Applied ${migrations.length} migration(s): ${migrations.map((m) => m.name).join(', ')}`,
    );
  });

  it('config prints every variable; a bad value exits 1 naming the variable', async () => {
    const table = runCli(['config'], embeddedEnv('/tmp/formwork-config-test'));
    expect(table.status).toBe(0);
    for (const name of [
      'PORT',
      'HOST',
      'DATABASE_URL',
      'CLICKHOUSE_URL',
      'DATA_DIR',
      'LOG_LEVEL',
    ]) {
      expect(table.stdout).toContain(name);
    }
    const bad = runCli(['start'], embeddedEnv('/tmp/formwork-config-test', { PORT: 'eighty' }));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('formwork: PORT must be an integer from 0 to 65535 (got "eighty")\n');
  });

  it('given WORKFLOW_POLL_MS=250, when `formwork config` runs, then every variable shows the value in effect, the poll interval 250', () => {
    const dataDir = path.join(os.tmpdir(), `formwork-config-${process.pid}-${Date.now()}`);
    const result = runCli(['config'], embeddedEnv(dataDir, { WORKFLOW_POLL_MS: '250' }));
    expect(result.status).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    const from = header!.indexOf('in effect');
    const to = header!.indexOf('default');
    const inEffect = Object.fromEntries(
      rows.map((row) => [row.slice(0, from).trim(), row.slice(from, to).trim()]),
    );
    expect(Object.keys(inEffect)).toEqual(configVariables.map((v) => v.name));
    for (const v of configVariables) expect(inEffect[v.name], v.name).not.toBe('');
    expect(inEffect.WORKFLOW_POLL_MS).toBe('250');
    expect(inEffect.DATA_DIR).toBe(dataDir);
    // Printing the configuration reads no database and creates no data directory.
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('when `formwork seed --help` runs, then it says the follow-up visits are stored', () => {
    const result = runCli(['seed', '--help'], embeddedEnv('/tmp/formwork-config-test'));
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/not stored/);
    expect(result.stdout).toMatch(/follow-up visits stored as submissions/);
  });

  it('an unknown command exits non-zero with help', () => {
    const result = runCli(['frobnicate'], embeddedEnv('/tmp/formwork-config-test'));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });
});
