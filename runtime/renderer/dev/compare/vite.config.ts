import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { defineConfig, mergeConfig, type Plugin, type UserConfig } from 'vite';
import devPage from '../vite.config.js';

/**
 * The comparison pages of `npm run bench -- runtime-form` (and of the decision in
 * runtime/README.md): FORMWORK_COMPARE=veaury builds the dev page with Element Plus's <el-input>
 * in the widgets through veaury (VeauryInputTemplate.tsx in place of BaseInputTemplate.tsx);
 * FORMWORK_COMPARE=bare builds bare.html (@rjsf/core with @rjsf/validator-ajv8).
 */
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The renderer's own imports of BaseInputTemplate (not rjsf's) resolve to the veaury one. */
const veauryInput: Plugin = {
  name: 'formwork-veaury-input',
  enforce: 'pre',
  resolveId(source, importer) {
    return importer?.includes('/runtime/renderer/react/') && /\/BaseInputTemplate\.js$/.test(source)
      ? here('./VeauryInputTemplate.tsx')
      : undefined;
  },
};

// veaury's Vue side is written with the Options API, which the app compiles out otherwise.
const veaury: UserConfig = { plugins: [veauryInput], define: { __VUE_OPTIONS_API__: 'true' } };

const bare: UserConfig = {
  root: here('.'),
  base: '/',
  plugins: [vue(), react({ include: /runtime\/renderer\/.*\.[jt]sx$/ })],
  build: {
    target: 'es2022',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: { input: here('./bare.html') },
  },
};

export default defineConfig(
  process.env.FORMWORK_COMPARE === 'bare' ? bare : mergeConfig(devPage, veaury),
);
