import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';
import type { seedApi as SeedApiFactory } from './seedApi.js';

/**
 * The renderer's dev page: any seed form (or the generated 200-field one) rendered by
 * <FormRenderer>. `npx vite runtime/renderer/dev` serves it with /api answered from the seed, or
 * passed to a running engine when FORMWORK_URL is set; tests and screenshots build it
 * (buildDevPage) and serve it under a CSP without unsafe-eval (devServer).
 */
function seedApiPlugin(): Plugin {
  return {
    name: 'formwork-seed-api',
    async configureServer(server) {
      if (process.env.FORMWORK_URL) return;
      const { seedApi } = await server.ssrLoadModule(
        fileURLToPath(new URL('./seedApi.ts', import.meta.url)),
      );
      const api = (seedApi as typeof SeedApiFactory)();
      server.middlewares.use(async (req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://dev');
        const form = /^\/api\/forms\/([a-z0-9-]+)$/.exec(url.pathname);
        const module = /^\/api\/seed-validators\/([a-z0-9-]+)\.js$/.exec(url.pathname);
        if (form) {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(await api.form(form[1]!)));
        } else if (module) {
          res.setHeader('content-type', 'text/javascript');
          res.end(await api.validator(module[1]!));
        } else next();
      });
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [vue(), react({ include: /runtime\/renderer\/.*\.[jt]sx$/ }), seedApiPlugin()],
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  build: { target: 'es2022', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    proxy: process.env.FORMWORK_URL
      ? { '/api': { target: process.env.FORMWORK_URL, changeOrigin: true } }
      : undefined,
  },
});
