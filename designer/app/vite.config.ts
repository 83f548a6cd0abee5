import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/**
 * The designer: built into designer/dist/designer with hashed file names and a manifest, served
 * by the engine at /designer/ (`npm run build:designer`, run by `npm install` and `formwork start`
 * when stale). `npm run dev:designer` serves it from Vite with /api proxied to a running engine
 * (FORMWORK_URL, default http://127.0.0.1:3000). No service worker: the designer is used online.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/designer/',
  // Vue for the app; React only for the form renderer's rjsf island (the preview), loaded lazily.
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
    outDir: fileURLToPath(new URL('../dist/designer', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    assetsDir: 'assets',
    target: 'es2022',
    chunkSizeWarningLimit: 600,
    // `npm install` and `formwork start` print the build's warnings: only the ones that matter.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    port: Number(process.env.DESIGNER_DEV_PORT ?? 5174),
    strictPort: true,
    proxy: {
      '/api': { target: process.env.FORMWORK_URL ?? 'http://127.0.0.1:3000', changeOrigin: true },
    },
  },
});
