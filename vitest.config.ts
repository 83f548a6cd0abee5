import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Single-file components for the designer's component tests (`@vitest-environment happy-dom`).
  plugins: [vue()],
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
