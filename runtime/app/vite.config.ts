import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/**
 * The frontline app: built into runtime/dist/app with hashed file names and a manifest, served
 * by the engine at /app/ (`npm run build:app`, run by `npm install` and `formwork start` when
 * stale). `npm run dev` serves it from Vite with /api proxied to a running engine
 * (FORMWORK_URL, default http://127.0.0.1:3000).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  // Vue for the app; React only for the form renderer's rjsf island, which is loaded lazily.
  plugins: [vue(), react({ include: /runtime\/renderer\/.*\.[jt]sx$/ })],
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/app', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    assetsDir: 'assets',
    target: 'es2022',
    // The form page must stay small on a 2 Mbit/s link: say so when a chunk grows.
    chunkSizeWarningLimit: 600,
    // `npm install` and `formwork start` print the build's warnings: only the ones that matter.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    port: Number(process.env.APP_DEV_PORT ?? 5173),
    strictPort: true,
    proxy: {
      '/api': { target: process.env.FORMWORK_URL ?? 'http://127.0.0.1:3000', changeOrigin: true },
    },
  },
});
