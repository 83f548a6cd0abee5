import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { DEMO_PASSWORD } from '../seeding/demoWorld.js';
import { callApi } from './callApi.js';
import type { TestDatabase } from './testDatabase.js';

const bin = new URL('../../bin/formwork.js', import.meta.url).pathname;

/** A `formwork start` running in a process of its own, as in production. */
export interface EngineProcess {
  url: string;
  child: ChildProcess;
  /** Settles when the process ends, with its exit code or the signal that killed it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it wrote to stderr so far. */
  output(): string;
  /** Its log lines so far (stdout, JSON at LOG_LEVEL). */
  log(): string;
  /** SIGTERM, then waits for the graceful shutdown. */
  stop(): Promise<void>;
}

/**
 * The environment of an engine process on a test database: PostgreSQL when the database has a
 * URL (or `databaseUrl` names another server, e.g. a PGlite served by the test), otherwise the
 * embedded PGlite in its data directory. Demo users are seeded (the tests sign in as them).
 */
export function engineProcessEnv(
  database: Pick<TestDatabase, 'databaseUrl' | 'dataDir'>,
  extra: Record<string, string> = {},
  dataKey = sharedDataKey,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    DATA_DIR: database.dataDir,
    DATA_KEY: dataKey,
    DEMO: 'true',
    PLUGINS: 'none',
    LOG_LEVEL: 'warn',
    ...extra,
  };
  if (database.databaseUrl) env.DATABASE_URL = database.databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

/** One data key for every engine process of a test run, so they read each other's records. */
const sharedDataKey = randomBytes(32).toString('base64');

/** Starts `formwork start` and resolves once it prints the URL it serves. */
export function startEngineProcess(env: NodeJS.ProcessEnv): Promise<EngineProcess> {
  const child = spawn(process.execPath, [bin, 'start'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /running at (http:\/\/[^/\s]+)\//.exec(stderr);
      if (match) {
        resolve({
          url: match[1]!,
          child,
          exited,
          output: () => stderr,
          log: () => stdout,
          async stop() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`formwork start ended (${code ?? signal}): ${stderr}`)),
    );
  });
}

/** Signs a demo user (seeded by DEMO=true) in at the engine at `url`; returns the token. */
export async function signInDemoUser(url: string, username: string): Promise<string> {
  const res = await callApi(url, 'POST', '/api/auth/login', undefined, {
    username,
    password: DEMO_PASSWORD,
  });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}
