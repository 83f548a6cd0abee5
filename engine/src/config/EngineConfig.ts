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
}
