import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { Database } from '../database/Database.js';
import { migrate } from '../database/migrate.js';
import { migrations } from '../database/migrations/index.js';
import { createLogger } from '../logging/createLogger.js';
import { importSeed } from '../specs/seedReleases.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';

/**
 * Commands that only read (`spec list | diff | rebase`, `audit verify`, `migrate-data`) run as
 * the real `formwork` process: they never create a database or a data directory, and say which
 * database they read.
 */
const bin = new URL('../../bin/formwork.js', import.meta.url).pathname;

const READ_COMMANDS = [
  ['spec', 'list'],
  ['spec', 'diff', 'upgrade-demo@3.0.0', 'upgrade-demo@3.1.0'],
  ['spec', 'rebase', 'demo-fujian', '1.0.0', '--to', '3.1.1'],
  ['audit', 'verify'],
  ['migrate-data', '00000000-0000-0000-0000-000000000000', '--dry-run'],
];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const tmp: string[] = [];
const freshDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formwork-read-'));
  tmp.push(dir);
  return dir;
};

/** Runs `formwork …` in `cwd` (a new empty directory unless given), asynchronously. */
function runCli(args: string[], env: NodeJS.ProcessEnv, cwd = freshDir()): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The environment without any database setting, plus `extra`. */
function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  return { ...env, ...extra };
}

/** The environment naming the test database (PostgreSQL with a URL, else its data directory). */
function databaseEnv(db: TestDatabase, databaseUrl = db.databaseUrl): NodeJS.ProcessEnv {
  return bareEnv({ DATA_DIR: db.dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
}

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const db of databases) await db.drop();
  for (const dir of tmp) fs.rmSync(dir, { recursive: true, force: true });
});

describe('formwork read commands', () => {
  it('given no DATA_DIR and no ./data, when each read command runs, then it exits 1 naming ./data and how to point at a database, and no data directory is created', async () => {
    const cwd = freshDir();
    const dataDir = path.join(cwd, 'data');
    const runs = await Promise.all(READ_COMMANDS.map((args) => runCli(args, bareEnv(), cwd)));
    for (const [i, run] of runs.entries()) {
      const command = READ_COMMANDS[i]!.join(' ');
      expect(run.status, command).toBe(1);
      expect(run.stderr, command).toContain(`no database to read in DATA_DIR ${dataDir}`);
      expect(run.stderr, command).toMatch(/set DATA_DIR .* or DATABASE_URL/);
      expect(run.stderr, command).not.toMatch(/\n\s+at /);
      expect(run.stdout, command).toBe('');
    }
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('given a DATA_DIR that holds no database, when `spec list` runs, then it exits 1 saying so and leaves the directory empty', async () => {
    const dataDir = freshDir();
    const run = await runCli(['spec', 'list'], bareEnv({ DATA_DIR: dataDir }));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `no database to read in DATA_DIR ${dataDir} (it holds no embedded database)`,
    );
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('given a DATABASE_URL nobody answers at, when `spec list` runs, then it exits 1 naming the server, without a stack trace', async () => {
    const run = await runCli(
      ['spec', 'list'],
      bareEnv({ DATABASE_URL: 'postgres://root:hidden@127.0.0.1:1/formwork' }),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'Cannot connect to the database at postgres://root:***@127.0.0.1:1/formwork',
    );
    expect(run.stderr).not.toContain('hidden');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('given a database with no Formwork tables (then one a migration behind), when `spec list` runs, then it exits 1 naming it (then the missing migration) and changes nothing', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    if (db.kind === 'pglite' && !fs.existsSync(path.join(db.dataDir, 'pglite'))) {
      // No PGlite template in this run: initialise an empty one, as `formwork start` would.
      const { PGlite } = await import('@electric-sql/pglite');
      await (await PGlite.create(path.join(db.dataDir, 'pglite'))).close();
    }
    const run = await runCli(['spec', 'list'], databaseEnv(db));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/holds no Formwork database/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const database = await Database.open({
      databaseUrl: db.databaseUrl,
      dataDir: db.dataDir,
      logger: createLogger('silent'),
    });
    try {
      const [tables] = await database.sequelize.query(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
      );
      expect(tables).toEqual([]);
      await migrate(database, createLogger('silent'), migrations.slice(0, -1));
    } finally {
      await database.close();
    }
    const behind = await runCli(['spec', 'list'], databaseEnv(db));
    expect(behind.status).toBe(1);
    expect(behind.stderr).toContain(
      `lacks 1 migration(s) of this Formwork (${migrations.at(-1)!.name}): run \`formwork migrate\``,
    );
  });

  describe('given a database the engine has started', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
      databases.push(db);
      const logger = createLogger('silent');
      const database = await Database.open({
        databaseUrl: db.databaseUrl,
        dataDir: db.dataDir,
        logger,
      });
      try {
        await migrate(database, logger);
        await importSeed(database, systemClock);
      } finally {
        await database.close();
      }
    });

    it('when `spec list` runs, then it says on stderr which database it reads (a password hidden) and lists the releases', async () => {
      const url = db.databaseUrl ? new URL(db.databaseUrl) : undefined;
      if (url) url.password = 'not-for-your-eyes';
      const run = await runCli(['spec', 'list'], databaseEnv(db, url?.toString()));
      expect(run.status, run.stderr).toBe(0);
      if (url) {
        expect(run.stderr).toContain(
          `reading PostgreSQL ${url.toString().replace('not-for-your-eyes', '***')}`,
        );
        expect(run.stderr).not.toContain('not-for-your-eyes');
      } else {
        expect(run.stderr).toContain(`reading the embedded database at ${db.dataDir}`);
      }
      expect(run.stdout).toMatch(/national-phs@3\.0\.1\s+100000\s+published\s+yes/);
    });
  });
});
