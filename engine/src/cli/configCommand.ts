import { LOGIN_LIMITS } from '../auth/AuthService.js';
import type { EngineConfig } from '../config/EngineConfig.js';
import { configVariables } from '../config/configVariables.js';
import { redactUrl } from '../database/Database.js';

/**
 * `formwork config`: the variables, their defaults and the values in effect (passwords hidden;
 * the personal-data keys only as "(set)" or "(unset)").
 */
export async function configCommand(config: EngineConfig): Promise<number> {
  const effective: Record<string, string> = {
    PORT: String(config.port),
    HOST: config.host,
    DATABASE_URL: config.databaseUrl ? redactUrl(config.databaseUrl) : '(embedded PGlite)',
    CLICKHOUSE_URL: config.clickhouseUrl ? redactUrl(config.clickhouseUrl) : '(embedded chDB)',
    DATA_DIR: config.dataDir,
    LOG_LEVEL: config.logLevel,
    BODY_LIMIT: `${config.bodyLimitBytes} bytes`,
    PLUGINS: config.plugins ? config.plugins.join(',') || 'none' : '(all bundled)',
    SHUTDOWN_TIMEOUT_MS: String(config.shutdownTimeoutMs),
    HEADERS_TIMEOUT_MS: String(config.headersTimeoutMs ?? ''),
    REQUEST_TIMEOUT_MS: String(config.requestTimeoutMs ?? ''),
    KEEP_ALIVE_TIMEOUT_MS: String(config.keepAliveTimeoutMs ?? ''),
    // Engine.start polls only with a positive interval (undefined: never).
    WORKFLOW_POLL_MS: config.workflowPollMs ? String(config.workflowPollMs) : '0 (off)',
    REMINDER_POLL_MS: config.reminderPollMs ? String(config.reminderPollMs) : '0 (off)',
    AUDIT_SIGN_INTERVAL_MS: config.auditSignIntervalMs
      ? String(config.auditSignIntervalMs)
      : '0 (off)',
    LOGIN_ATTEMPTS_PER_USERNAME: String(
      config.loginAttemptsPerUsername ?? LOGIN_LIMITS.perUsername,
    ),
    DEMO: String(config.demo),
    DATA_KEY: config.dataKey ? '(set)' : '(unset)',
    DATA_KEY_FILE: config.dataKeyFile ? '(set)' : '(unset)',
    DATA_KEYS_PREVIOUS: config.previousDataKeys ? '(set)' : '(unset)',
  };
  const rows = configVariables.map((v) => [
    v.name,
    effective[v.name] ?? '',
    v.default,
    v.description,
  ]);
  const header = ['variable', 'in effect', 'default', 'meaning'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  process.stdout.write([line(header), ...rows.map(line)].join('\n') + '\n');
  return 0;
}
