import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseByteSize } from './loadConfig.js';

describe('loadConfig', () => {
  it('works with no configuration at all', () => {
    expect(loadConfig({}, '/srv/formwork')).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      clickhouseUrl: undefined,
      dataDir: path.resolve('/srv/formwork/data'),
      logLevel: 'info',
      bodyLimitBytes: 1024 * 1024,
      plugins: undefined,
      shutdownTimeoutMs: 10_000,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      demo: true,
      workflowPollMs: 1_000,
      reminderPollMs: 10_000,
      auditSignIntervalMs: 900_000,
      loginAttemptsPerUsername: 10,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgres://root@127.0.0.1:5432/test',
        CLICKHOUSE_URL: 'http://127.0.0.1:8123',
        DATA_DIR: '/var/lib/formwork',
        LOG_LEVEL: 'DEBUG',
        BODY_LIMIT: '256kb',
        PLUGINS: '@formwork/plugin-devices, @formwork/plugin-ca-signing',
        SHUTDOWN_TIMEOUT_MS: '2000',
        DATA_KEY: ' MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY= ',
        DATA_KEY_FILE: '/run/secrets/formwork-data-key\n',
        DATA_KEYS_PREVIOUS: ' a2V5LTE=,a2V5LTI= ',
        WORKFLOW_POLL_MS: '250',
        REMINDER_POLL_MS: '5000',
        AUDIT_SIGN_INTERVAL_MS: '0',
        LOGIN_ATTEMPTS_PER_USERNAME: '500',
        HEADERS_TIMEOUT_MS: '5000',
        REQUEST_TIMEOUT_MS: '120000',
        KEEP_ALIVE_TIMEOUT_MS: '65000',
      },
      '/',
    );
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://root@127.0.0.1:5432/test',
      dataDir: '/var/lib/formwork',
      logLevel: 'debug',
      bodyLimitBytes: 256 * 1024,
      plugins: ['@formwork/plugin-devices', '@formwork/plugin-ca-signing'],
      shutdownTimeoutMs: 2000,
      dataKey: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
      dataKeyFile: path.resolve('/run/secrets/formwork-data-key'),
      previousDataKeys: 'a2V5LTE=,a2V5LTI=',
      workflowPollMs: 250,
      reminderPollMs: 5000,
      auditSignIntervalMs: 0,
      loginAttemptsPerUsername: 500,
      headersTimeoutMs: 5000,
      requestTimeoutMs: 120_000,
      keepAliveTimeoutMs: 65_000,
    });
    expect(loadConfig({ PLUGINS: 'none' }).plugins).toEqual([]);
  });

  it('resolves DATA_KEY_FILE against the working directory and leaves blank keys out', () => {
    expect(loadConfig({ DATA_KEY_FILE: 'secrets/key' }, '/srv/formwork').dataKeyFile).toBe(
      path.resolve('/srv/formwork/secrets/key'),
    );
    const config = loadConfig({ DATA_KEY: ' ', DATA_KEY_FILE: '', DATA_KEYS_PREVIOUS: '\t' });
    expect('dataKey' in config).toBe(false);
    expect('dataKeyFile' in config).toBe(false);
    expect('previousDataKeys' in config).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be an integer from 0 to 65535 \(got "abc"\)/],
    [{ PORT: '70000' }, /PORT must be an integer/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ DATABASE_URL: 'mysql://x@y/z' }, /DATABASE_URL must start with postgres:\/\//],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a valid URL/],
    [{ BODY_LIMIT: 'lots' }, /BODY_LIMIT must be a size such as 512kb/],
    [{ HEADERS_TIMEOUT_MS: '0' }, /HEADERS_TIMEOUT_MS must be an integer from 1000 to 600000/],
    [{ REQUEST_TIMEOUT_MS: 'slow' }, /REQUEST_TIMEOUT_MS must be an integer/],
    [{ KEEP_ALIVE_TIMEOUT_MS: '0' }, /KEEP_ALIVE_TIMEOUT_MS must be an integer from 1000/],
    [
      { HEADERS_TIMEOUT_MS: '20000', REQUEST_TIMEOUT_MS: '10000' },
      /HEADERS_TIMEOUT_MS \(20000\) must not exceed REQUEST_TIMEOUT_MS \(10000\)/,
    ],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('demo mode is on by default only on the embedded database and refused for a remote one', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://root@127.0.0.1:5432/test' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://root@localhost/test', DEMO: 'true' }).demo).toBe(
      true,
    );
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://u@db.example.cn/phs', DEMO: 'true' }),
    ).toThrow(/DEMO=true is refused for a database that is not on this machine \(db.example.cn\)/);
    expect(loadConfig({ DEMO: 'false' }).demo).toBe(false);
  });

  it('parses sizes', () => {
    expect(parseByteSize('X', '100')).toBe(100);
    expect(parseByteSize('X', '1.5kb')).toBe(1536);
    expect(parseByteSize('X', '2MB')).toBe(2 * 1024 * 1024);
  });
});
