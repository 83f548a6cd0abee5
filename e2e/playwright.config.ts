import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

const PORT = Number(process.env.E2E_PORT ?? 3917);
/** The server's embedded database, wiped at each start (E2E_DATA_DIR for runs side by side). */
const DATA_DIR = process.env.E2E_DATA_DIR ?? '../.tmp/e2e-data';

/**
 * Black-box journeys in Debian's Chromium against a real `formwork start`. Playwright never
 * downloads a browser: it drives /usr/bin/chromium (CHROMIUM_PATH to override). The server uses
 * DATABASE_URL when set (CI) and a fresh embedded PGlite directory otherwise.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
  outputDir: '../.tmp/e2e-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: `rm -rf ${DATA_DIR} && exec node ../engine/bin/formwork.js start`,
    cwd: '.',
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 90_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      DATA_DIR,
      LOG_LEVEL: 'warn',
      // The journeys sign the same demo users in dozens of times a minute (the default is 10).
      LOGIN_ATTEMPTS_PER_USERNAME: '1000',
      // A journey's API context reuses a connection after long browser steps: an idle socket
      // closed by the server at that moment is a reset (ECONNRESET), not a finding. A minute.
      KEEP_ALIVE_TIMEOUT_MS: '60000',
      // The demo users on PostgreSQL too (CI's DATABASE_URL): by default only on PGlite.
      DEMO: 'true',
      // A fixed key for the test server only (a real PostgreSQL needs one; see DATA_KEY).
      DATA_KEY: process.env.DATA_KEY ?? 'ZTJlLXRlc3Qta2V5LWZvci1mb3Jtd29yay1lMmUtMDE=',
    },
  },
});
