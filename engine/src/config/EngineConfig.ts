export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The engine's effective configuration, resolved from the environment by `loadConfig`. */
export interface EngineConfig {
  port: number;
  host: string;
  /** PostgreSQL URL; undefined means the embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  clickhouseUrl: string | undefined;
  dataDir: string;
  logLevel: LogLevel;
  /** Largest request body in bytes. */
  bodyLimitBytes: number;
  /** Plugin package names to load; undefined means every bundled plugin. */
  plugins: string[] | undefined;
  shutdownTimeoutMs: number;
  /** WORKFLOW_POLL_MS: how often due workflow timers and outbox events are polled (0 = never). */
  workflowPollMs?: number;
  /** Seed and print demo users (only ever on a local database). */
  demo: boolean;
  /** DATA_KEY: base64 of the 32-byte personal-data key (see `security/loadDataKeys.ts`). */
  dataKey?: string;
  /** DATA_KEY_FILE: absolute path of a file holding that base64. */
  dataKeyFile?: string;
  /** DATA_KEYS_PREVIOUS: comma-separated earlier keys, still accepted for decryption. */
  previousDataKeys?: string;
}
