/**
 * Every environment variable the engine reads, with its default and meaning. The README's
 * configuration table and `formwork config` are printed from this list, so it is the one
 * place to document a new setting.
 */
export interface ConfigVariable {
  name: string;
  default: string;
  description: string;
}

export const configVariables: readonly ConfigVariable[] = [
  { name: 'PORT', default: '3000', description: 'HTTP port (0 lets the OS pick one).' },
  { name: 'HOST', default: '127.0.0.1', description: 'Interface to listen on.' },
  {
    name: 'DATABASE_URL',
    default: '(unset)',
    description:
      'PostgreSQL connection URL. Unset: an embedded PGlite runs inside the engine, kept in DATA_DIR.',
  },
  {
    name: 'CLICKHOUSE_URL',
    default: '(unset)',
    description: 'ClickHouse server for reporting. Unset: embedded chDB in DATA_DIR.',
  },
  {
    name: 'DATA_DIR',
    default: './data',
    description: 'Where embedded databases and the lock file live.',
  },
  {
    name: 'LOG_LEVEL',
    default: 'info',
    description: 'fatal, error, warn, info, debug, trace or silent.',
  },
  {
    name: 'BODY_LIMIT',
    default: '1mb',
    description: 'Largest accepted request body (e.g. 512kb, 2mb); larger bodies get 413.',
  },
  {
    name: 'PLUGINS',
    default: '(all bundled)',
    description: 'Comma-separated plugin package names to load, or "none".',
  },
  {
    name: 'DEMO',
    default: 'auto',
    description:
      'Seed demo users and print their sign-in names: auto = only on the embedded database; true is refused for a non-local database.',
  },
  {
    name: 'SHUTDOWN_TIMEOUT_MS',
    default: '10000',
    description: 'How long a graceful shutdown waits for requests in flight.',
  },
  {
    name: 'HEADERS_TIMEOUT_MS',
    default: '10000',
    description:
      'The request line and headers (at most 16 KB) must arrive within this, or the engine answers 408 and closes the connection (slow-header clients). Under a second on a 2 Mbit/s link; 1000 to 600000.',
  },
  {
    name: 'REQUEST_TIMEOUT_MS',
    default: '30000',
    description:
      'The whole request, body included, must arrive within this, or 408 and the connection is closed (slow-body clients). A 1 MB body takes about 4 s at 2 Mbit/s; raise it with BODY_LIMIT on slower links. Not less than HEADERS_TIMEOUT_MS.',
  },
  {
    name: 'KEEP_ALIVE_TIMEOUT_MS',
    default: '5000',
    description:
      "An idle keep-alive connection is closed after this. Behind a reverse proxy that keeps upstream connections open, set it above the proxy's idle timeout (nginx upstream keepalive_timeout 60 s: 65000).",
  },
  {
    name: 'WORKFLOW_POLL_MS',
    default: '1000',
    description:
      'How often (ms) this engine claims due workflow timers and reads the outbox for workflow starts; 0 turns polling off.',
  },
  {
    name: 'REMINDER_POLL_MS',
    default: '10000',
    description:
      'How often (ms) this engine claims due-soon and overdue reminders of due items (FOR UPDATE SKIP LOCKED, shared by every engine on the database) and delivers the plugin reminder hooks; 0 turns it off.',
  },
  {
    name: 'AUDIT_SIGN_INTERVAL_MS',
    default: '900000',
    description:
      'How often (ms) this engine has the audit trail’s head signed by the signing plugin (only when one registers a signer; a head that has not moved is not signed again), so `formwork audit verify` detects a chain rewritten end to end; 0 turns it off (POST /api/audit/head-signatures still signs on demand).',
  },
  {
    name: 'LOGIN_ATTEMPTS_PER_USERNAME',
    default: '10',
    description:
      'Sign-in attempts a username may make per minute (then 429 too_many_attempts); the per-address limit stays 300. Raise it only where many sign-ins of one account are expected, such as a test server.',
  },
  {
    name: 'DATA_KEY',
    default: '(unset)',
    description:
      'Base64 of the 32-byte key encrypting personal data (openssl rand -base64 32). Required with DATABASE_URL unless DATA_KEY_FILE is set; embedded mode without it generates DATA_DIR/secrets/data.key.',
  },
  {
    name: 'DATA_KEY_FILE',
    default: '(unset)',
    description: 'File holding the DATA_KEY base64 instead (e.g. a mounted secret); not both.',
  },
  {
    name: 'DATA_KEYS_PREVIOUS',
    default: '(unset)',
    description:
      'Comma-separated earlier data keys, still accepted for decryption after a key rotation.',
  },
];
