import { Writable } from 'node:stream';
import type { Clock } from '../clock.js';
import type { EngineConfig } from '../config/EngineConfig.js';
import { testEngineConfig } from './testEngineConfig.js';
import { createLogger } from '../logging/createLogger.js';
import { Engine } from '../server/Engine.js';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';

/** One parsed log line, as tests read them. */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

export interface TestEngine {
  engine: Engine;
  url: string;
  database: TestDatabase;
  /** Every line the engine logged, parsed. */
  logs: LogLine[];
  stop(): Promise<void>;
}

/**
 * Starts a real engine on an isolated database (see createTestDatabase), on a port the OS picks,
 * with logs captured for assertions. No plugins unless the test names some. `database` starts it
 * on one a test prepared (or an earlier engine used: stop that engine, not its TestEngine).
 */
export async function startTestEngine(
  overrides: Partial<EngineConfig> = {},
  options: { clock?: Clock; database?: TestDatabase } = {},
): Promise<TestEngine> {
  const database = options.database ?? (await createTestDatabase());
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      }
      done();
    },
  });
  const config = testEngineConfig(database, overrides);
  let engine: Engine;
  try {
    engine = await Engine.start(config, createLogger(config.logLevel, sink), options);
  } catch (err) {
    if (!options.database) await database.drop();
    throw err;
  }
  return {
    engine,
    url: engine.url,
    database,
    logs,
    async stop() {
      await engine.stop();
      await database.drop();
    },
  };
}
