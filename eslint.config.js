// ESLint flat config. The `layers` below enforce the dependency direction of
// ../shared/ARCHITECTURE.md: definitions ← engine ← plugins; definitions ← runtime ← designer;
// web apps reach the engine only over HTTP. A test (engine/src/architecture/layers.test.ts)
// proves each forbidden arrow is caught.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import pluginVue from 'eslint-plugin-vue';
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
function layer(files, packages, folders, message, extraPaths = [], extraPatterns = []) {
  const patterns = [{ group: packages, message }, ...extraPatterns];
  if (folders.length) {
    patterns.push({ regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message });
  }
  return {
    files,
    rules: { 'no-restricted-imports': ['error', { paths: extraPaths, patterns }] },
  };
}

/** The web apps' layers (STYLE #12): metadata → renderer (no app state, no API) → screens. */
const RUNTIME = {
  packages: ['@formwork/engine', '@formwork/plugin-*', '@formwork/designer'],
  folders: ['engine', 'plugins', 'designer'],
  message: 'runtime/ depends only on definitions/ and reaches the engine over HTTP.',
};
const RENDERER_ONLY = [
  {
    regex: '^(\\.\\./)+app(/|$)',
    message: 'The form renderer holds no app state: it never imports the app (runtime/app).',
  },
  {
    group: ['openapi-fetch', 'vue-router'],
    message: 'The form renderer never calls the API nor routes: the host app does the I/O.',
  },
];
const SCREEN_ONLY = [
  {
    // From runtime/app/screens/<screen>/…: one step up and into a sibling is another screen.
    regex: '^\\.\\./[^./][^/]*/',
    message:
      'A screen never imports another screen: move what both need to runtime/app/components.',
  },
];
/**
 * What the designer takes of the frontline app: the API client, the session and sign-in, the
 * languages, the shell's language switch, the shared components and the styles — the folders
 * runtime/scripts/buildWebApps.mjs hashes into the designer's build stamp. Never its screens.
 */
const DESIGNER_SHARES = [
  {
    regex: '^(\\.\\./)+runtime/app/(?!(api|session|i18n|shell|components)/|styles\\.css$)',
    message:
      'The designer shares only api/, session/, i18n/, shell/, components/ and styles.css of runtime/app (the build stamp hashes those): move what both apps need there.',
  },
];
/** A string holding a word (Latin or CJK) rather than punctuation or digits. */
const WORDS = '/[A-Za-z\\u3400-\\u9fff]/';
/** Texts a user reads, in templates: only through vue-i18n keys (STYLE #14). */
const TRANSLATED_ATTRIBUTES = [
  'title',
  'label',
  'placeholder',
  'alt',
  'content',
  'description',
  'sub-title',
  'empty-text',
  'aria-label',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
];

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
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['runtime/**/*.{ts,vue}', 'designer/**/*.{ts,vue}'],
    ignores: ['**/*.test.ts', '**/scripts/**', '**/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['runtime/app/**/*.vue', 'designer/app/**/*.vue'],
    rules: {
      'vue/no-bare-strings-in-template': [
        'error',
        { attributes: { '/.+/': TRANSLATED_ATTRIBUTES }, directives: ['v-text'] },
      ],
      // The rule above reads text and static attributes; words in expressions are caught here.
      'vue/no-restricted-syntax': [
        'error',
        ...[
          'VElement',
          `VAttribute[key.argument.name=/^(${TRANSLATED_ATTRIBUTES.join('|')})$/]`,
        ].flatMap((where) =>
          [
            'Literal',
            'ConditionalExpression > Literal',
            'LogicalExpression > Literal',
            'TemplateLiteral > TemplateElement',
          ].map((what) => {
            const selector = `${where} > VExpressionContainer > ${what}`;
            return {
              selector: `${selector}[value=${WORDS}], ${selector}[value.cooked=${WORDS}]`,
              message: 'Unexpected non-translated string: put the text in the message files.',
            };
          }),
        ),
      ],
    },
  },
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
  layer(['runtime/**'], RUNTIME.packages, RUNTIME.folders, RUNTIME.message),
  layer(
    ['runtime/renderer/**'],
    RUNTIME.packages,
    RUNTIME.folders,
    RUNTIME.message,
    [],
    RENDERER_ONLY,
  ),
  layer(
    ['runtime/app/screens/**'],
    RUNTIME.packages,
    RUNTIME.folders,
    RUNTIME.message,
    [],
    SCREEN_ONLY,
  ),
  // Tests and build scripts of runtime/ (never shipped to the browser) may start an engine to
  // test against and read its OpenAPI document: only through its testing entry.
  layer(
    ['runtime/**/*.test.ts', 'runtime/**/scripts/**'],
    ['@formwork/engine/*', '!@formwork/engine/testing', '@formwork/plugin-*', '@formwork/designer'],
    RUNTIME.folders,
    'Tests and build scripts of runtime/ reach the engine only through @formwork/engine/testing.',
    [
      {
        name: '@formwork/engine',
        message:
          'Tests and build scripts of runtime/ reach the engine only through @formwork/engine/testing.',
      },
    ],
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
    [],
    DESIGNER_SHARES,
  ),
  layer(
    ['designer/app/screens/**'],
    ['@formwork/engine', '@formwork/plugin-*'],
    ['engine', 'plugins'],
    'designer/ depends on runtime/ and definitions/ and reaches the engine over HTTP.',
    [],
    [...DESIGNER_SHARES, ...SCREEN_ONLY],
  ),
);
