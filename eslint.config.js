// ESLint flat config. The `layers` below enforce the dependency direction of
// ../shared/ARCHITECTURE.md: definitions ← engine ← plugins; definitions ← runtime ← designer;
// web apps reach the engine only over HTTP. A test (engine/src/architecture/layers.test.ts)
// proves each forbidden arrow is caught.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const NODE_BUILTINS = [
  'fs',
  'path',
  'http',
  'https',
  'net',
  'child_process',
  'os',
  'worker_threads',
  'vm',
  'dgram',
  'cluster',
];

/**
 * One restricted-imports rule per layer: the packages it may not import (gitignore-style
 * patterns) and the top-level folders it may not reach with a relative path.
 */
function layer(files, packages, folders, message, extraPaths = []) {
  const patterns = [{ group: packages, message }];
  if (folders.length) {
    patterns.push({ regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message });
  }
  return {
    files,
    rules: { 'no-restricted-imports': ['error', { paths: extraPaths, patterns }] },
  };
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      '.tmp/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  layer(
    ['definitions/**'],
    ['@formwork/*', 'node:*', ...NODE_BUILTINS],
    ['engine', 'runtime', 'designer', 'plugins', 'seed'],
    'definitions/ is pure TypeScript with no I/O: it imports no other Formwork package and no Node built-in.',
  ),
  // Tests and build scripts of definitions/ may read files (the conformance suite, fixtures).
  layer(
    ['definitions/**/*.test.ts', 'definitions/scripts/**'],
    ['@formwork/*'],
    ['engine', 'runtime', 'designer', 'plugins'],
    'definitions/ imports no other Formwork package.',
  ),
  layer(
    ['engine/**'],
    ['@formwork/plugin-*', '@formwork/runtime', '@formwork/designer'],
    ['plugins', 'runtime', 'designer'],
    'engine/ depends only on definitions/; plugins are loaded through the plugin host, web apps talk over HTTP.',
    [
      { name: 'vm', message: 'No metadata is ever executed as code.' },
      { name: 'node:vm', message: 'No metadata is ever executed as code.' },
    ],
  ),
  layer(
    ['plugins/**'],
    [
      '@formwork/engine/*',
      '!@formwork/engine/plugin-api',
      '@formwork/runtime',
      '@formwork/designer',
    ],
    ['engine', 'runtime', 'designer'],
    'A plugin reaches the engine only through @formwork/engine/plugin-api.',
    [
      {
        name: '@formwork/engine',
        message: 'A plugin reaches the engine only through @formwork/engine/plugin-api.',
      },
    ],
  ),
  {
    files: ['plugins/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  layer(
    ['runtime/**'],
    ['@formwork/engine', '@formwork/plugin-*', '@formwork/designer'],
    ['engine', 'plugins', 'designer'],
    'runtime/ depends only on definitions/ and reaches the engine over HTTP.',
  ),
  // Tests of the form renderer start an engine to test against (the parity test): only through
  // its testing entry.
  layer(
    ['runtime/renderer/**/*.test.ts'],
    ['@formwork/engine/*', '!@formwork/engine/testing', '@formwork/plugin-*', '@formwork/designer'],
    ['engine', 'plugins', 'designer'],
    'Tests of runtime/ reach the engine only through @formwork/engine/testing.',
    [
      {
        name: '@formwork/engine',
        message: 'Tests of runtime/ reach the engine only through @formwork/engine/testing.',
      },
    ],
  ),
  layer(
    ['designer/**'],
    ['@formwork/engine', '@formwork/plugin-*'],
    ['engine', 'plugins'],
    'designer/ depends on runtime/ and definitions/ and reaches the engine over HTTP.',
  ),
);
