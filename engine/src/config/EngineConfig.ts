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
  /** HEADERS_TIMEOUT_MS: the request line and headers must arrive within this (default 10 s). */
  headersTimeoutMs?: number;
  /** REQUEST_TIMEOUT_MS: the whole request, body included, must arrive within this (30 s). */
  requestTimeoutMs?: number;
  /** KEEP_ALIVE_TIMEOUT_MS: an idle keep-alive connection is closed after this (5 s). */
  keepAliveTimeoutMs?: number;
  /** WORKFLOW_POLL_MS: how often due workflow timers and outbox events are polled (0 = never). */
  workflowPollMs?: number;
  /** REMINDER_POLL_MS: how often due reminders are claimed and their hooks delivered (0 = never). */
  reminderPollMs?: number;
  /** AUDIT_SIGN_INTERVAL_MS: how often the audit head is signed, with a signer (0 = never). */
  auditSignIntervalMs?: number;
  /** LOGIN_ATTEMPTS_PER_USERNAME: sign-in attempts per username per minute (default 10). */
  loginAttemptsPerUsername?: number;
  /** Seed and print demo users (only ever on a local database). */
  demo: boolean;
  /** DATA_KEY: base64 of the 32-byte personal-data key (see `security/loadDataKeys.ts`). */
  dataKey?: string;
  /** DATA_KEY_FILE: absolute path of a file holding that base64. */
  dataKeyFile?: string;
  /** DATA_KEYS_PREVIOUS: comma-separated earlier keys, still accepted for decryption. */
  previousDataKeys?: string;
  /**
   * Where the built web apps are (default: runtime/dist/app and designer/dist/designer in this
   * repository); tests point them at folders of their own.
   */
  webApps?: { app?: string; designer?: string };
}

/**
 * How long the HTTP server waits for a client (configVariables.ts explains the choice). Frontline
 * links run at 2–10 Mbit/s: headers (at most 16 KB) take well under a second, a body at the 1 MB
 * BODY_LIMIT about 4 s at 2 Mbit/s.
 */
export const DEFAULT_HTTP_TIMEOUTS = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
});
