import { randomBytes } from 'node:crypto';
import type { EngineConfig } from '../config/EngineConfig.js';
import type { TestDatabase } from './testDatabase.js';

/** The configuration of an engine under test: its own database, an OS-picked port, no plugins. */
export function testEngineConfig(
  database: TestDatabase,
  overrides: Partial<EngineConfig> = {},
): EngineConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: database.databaseUrl,
    clickhouseUrl: undefined,
    dataDir: database.dataDir,
    logLevel: 'info',
    bodyLimitBytes: 1024 * 1024,
    plugins: [],
    shutdownTimeoutMs: 5_000,
    demo: false,
    dataKey: randomBytes(32).toString('base64'),
    ...overrides,
  };
}
