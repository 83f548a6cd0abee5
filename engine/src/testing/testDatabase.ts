import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where the initialised PGlite template lives (made once per run by the vitest global setup). */
export function pgliteTemplateDir(root: string): string {
  return path.join(root, '.tmp', 'pglite-template');
}

/**
 * An isolated database for one test file: with DATABASE_URL (CI) a fresh PostgreSQL database
 * created next to the one named there; without it a fresh PGlite data directory copied from the
 * template (initdb takes ~5 s, a copy a fraction of that). `drop()` removes it.
 */
export interface TestDatabase {
  kind: 'postgres' | 'pglite';
  /** Set for PostgreSQL. */
  databaseUrl: string | undefined;
  /** Always set: PGlite keeps its data here; plugins and locks use it either way. */
  dataDir: string;
  drop(): Promise<void>;
}

function freshDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function createTestDatabase(
  env: NodeJS.ProcessEnv = process.env,
  root = process.cwd(),
): Promise<TestDatabase> {
  const dataDir = freshDir('formwork-test-');
  const serverUrl = env.DATABASE_URL;
  if (serverUrl) {
    const name = `formwork_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      kind: 'postgres',
      databaseUrl: url.toString(),
      dataDir,
      async drop() {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        try {
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await client.end();
        }
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const template = path.join(pgliteTemplateDir(root), 'pglite');
  if (fs.existsSync(template)) {
    fs.cpSync(template, path.join(dataDir, 'pglite'), { recursive: true });
  }
  return {
    kind: 'pglite',
    databaseUrl: undefined,
    dataDir,
    async drop() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
