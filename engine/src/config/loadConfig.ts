import path from 'node:path';
import { DEFAULT_HTTP_TIMEOUTS, type EngineConfig, type LogLevel } from './EngineConfig.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Parses "512kb", "2mb" or a plain byte count. */
export function parseByteSize(name: string, raw: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(raw);
  if (!match) throw new ConfigError(`${name} must be a size such as 512kb or 2mb (got "${raw}")`);
  const unit = SIZE_UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1;
  const bytes = Math.floor(Number(match[1]) * unit);
  if (bytes < 1) throw new ConfigError(`${name} must be at least 1 byte (got "${raw}")`);
  return bytes;
}

function databaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      'DATABASE_URL is not a valid URL (expected postgres://user@host:port/db)',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL must start with postgres:// (got "${url.protocol}//")`);
  }
  return raw.trim();
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Demo mode seeds demo users with a published password: on by default only on the embedded
 * database, and refused against a database that is not on this machine.
 */
function demoMode(raw: string | undefined, databaseUrl: string | undefined): boolean {
  const value = (raw ?? 'auto').trim().toLowerCase();
  if (!['auto', 'true', 'false'].includes(value)) {
    throw new ConfigError(`DEMO must be auto, true or false (got "${raw}")`);
  }
  if (value === 'false') return false;
  if (value === 'auto') return databaseUrl === undefined;
  if (databaseUrl && !LOCAL_HOSTS.has(new URL(databaseUrl).hostname)) {
    throw new ConfigError(
      `DEMO=true is refused for a database that is not on this machine (${new URL(databaseUrl).hostname}): demo users have a published password`,
    );
  }
  return true;
}

/** The HTTP timeouts; the headers must be due no later than the whole request (Node's rule). */
function httpTimeouts(env: NodeJS.ProcessEnv) {
  const headersTimeoutMs = integer(
    env,
    'HEADERS_TIMEOUT_MS',
    DEFAULT_HTTP_TIMEOUTS.headersTimeoutMs,
    1_000,
    600_000,
  );
  const requestTimeoutMs = integer(
    env,
    'REQUEST_TIMEOUT_MS',
    DEFAULT_HTTP_TIMEOUTS.requestTimeoutMs,
    1_000,
    3_600_000,
  );
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(
      `HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${requestTimeoutMs}): the headers are part of the request`,
    );
  }
  const keepAliveTimeoutMs = integer(
    env,
    'KEEP_ALIVE_TIMEOUT_MS',
    DEFAULT_HTTP_TIMEOUTS.keepAliveTimeoutMs,
    1_000,
    600_000,
  );
  return { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs };
}

/** Resolves the engine configuration from environment variables (see configVariables.ts). */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): EngineConfig {
  const logLevel = (env.LOG_LEVEL ?? 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`,
    );
  }
  const pluginList = env.PLUGINS?.trim();
  const dataKey = env.DATA_KEY?.trim();
  const dataKeyFile = env.DATA_KEY_FILE?.trim();
  const previousDataKeys = env.DATA_KEYS_PREVIOUS?.trim();
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl: databaseUrl(env.DATABASE_URL),
    clickhouseUrl: env.CLICKHOUSE_URL?.trim() || undefined,
    dataDir: path.resolve(cwd, env.DATA_DIR?.trim() || './data'),
    logLevel,
    bodyLimitBytes: parseByteSize('BODY_LIMIT', env.BODY_LIMIT ?? '1mb'),
    plugins:
      pluginList === undefined || pluginList === ''
        ? undefined
        : pluginList === 'none'
          ? []
          : pluginList
              .split(',')
              .map((name) => name.trim())
              .filter(Boolean),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    ...httpTimeouts(env),
    workflowPollMs: integer(env, 'WORKFLOW_POLL_MS', 1_000, 0, 3_600_000),
    reminderPollMs: integer(env, 'REMINDER_POLL_MS', 10_000, 0, 3_600_000),
    auditSignIntervalMs: integer(env, 'AUDIT_SIGN_INTERVAL_MS', 900_000, 0, 86_400_000),
    loginAttemptsPerUsername: integer(env, 'LOGIN_ATTEMPTS_PER_USERNAME', 10, 1, 10_000),
    demo: demoMode(env.DEMO, databaseUrl(env.DATABASE_URL)),
    // Personal-data keys: validated by security/loadDataKeys.ts; only present when set, so
    // configurations built without them compare equal.
    ...(dataKey ? { dataKey } : {}),
    ...(dataKeyFile ? { dataKeyFile: path.resolve(cwd, dataKeyFile) } : {}),
    ...(previousDataKeys ? { previousDataKeys } : {}),
  };
}
