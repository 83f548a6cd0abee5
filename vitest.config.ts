import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'e2e/**', '.tmp/**'],
    globalSetup: ['./vitest.globalSetup.ts'],
    pool: 'forks',
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/vitest-report.json' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
