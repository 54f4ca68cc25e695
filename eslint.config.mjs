// One ESLint config for the monorepo (`npm run lint`, a step of `npm test`).
// TypeScript is linted with type information (typescript-eslint's project service reads each
// package's tsconfig); plain JS (configs, scripts) without. The boundary rules at the end
// keep the layering of STYLE.md: shared has no I/O, routes run no SQL, pages call no network.
// Formatting is Prettier's (.prettierrc); eslint-config-prettier turns off the rules that
// would fight it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** What the shared package must never import: it is pure rules, run by Node and the mini-program alike. */
const SHARED_FORBIDDEN = [
  { group: ['@tj/server', '@tj/server/*', '@tj/miniapp', '@tj/miniapp/*', '**/server/**', '**/miniapp/**'], message: 'shared/ imports nothing of server/ or miniapp/: both import it.' },
  {
    group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'worker_threads'],
    message: 'shared/ is pure (no I/O, no Node built-ins): it also runs in the mini-program.',
  },
  { group: ['mysql2', 'mysql2/*', 'drizzle-orm', 'drizzle-orm/*', 'fastify', 'fastify-*', '@fastify/*'], message: 'shared/ has no database or server code: put it in server/.' },
  { group: ['axios', '@tarojs/*', 'react', 'react-dom', 'zustand', '@nutui/*'], message: 'shared/ has no network or UI code: put it in miniapp/.' },
];

/** Query building belongs in services: a route is schema + guard + one service call. */
const ROUTE_FORBIDDEN_IMPORTS = [
  { group: ['drizzle-orm', 'drizzle-orm/*', 'mysql2', 'mysql2/*'], message: 'Routes run no SQL: call a service (which takes app.db) instead.' },
  { group: ['**/db/schema', '**/db/schema/*', '**/db/client'], message: 'Routes do not touch tables: call a service (which takes app.db) instead.' },
];
const ROUTE_FORBIDDEN_SYNTAX = [
  {
    selector: "MemberExpression[object.type='MemberExpression'][object.property.name='db']",
    message: 'Routes run no SQL: pass app.db to a service instead of building a query on it.',
  },
  { selector: 'MemberExpression[object.name=/^(db|tx)$/]', message: 'Routes run no SQL: pass the handle to a service instead of building a query on it.' },
];

/** The mini-program reaches the server only through src/services (one axios instance, typed calls). */
const TARO_NETWORK = ['request', 'uploadFile', 'downloadFile', 'connectSocket'];
const NETWORK_MESSAGE = 'Pages and components call no network directly: go through a function in miniapp/src/services.';

export default defineConfig(
  globalIgnores(['**/dist/**', '**/coverage/**', '**/.data/**', '**/.test-results/**', '**/.swc/**', 'server/drizzle/**', 'bench/results.json']),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Off: Fastify plugins and hooks are async by contract (FastifyPluginAsync, async hooks
      // without `done`) and simulators implement async adapter interfaces, so an async function
      // without await is the contract there, not a mistake. Floating and misused promises are
      // still caught by no-floating-promises / no-misused-promises.
      '@typescript-eslint/require-await': 'off',
      // React ignores an event handler's return value; pages await service calls in async
      // handlers that catch their own ApiError. Promises passed where a callback's result is
      // used (arguments, properties) are still checked.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // The ideographic space (U+3000) separates fields in Chinese UI text on purpose; in code it is still an error.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
      // `_`-prefixed parameters and rest siblings are the deliberate "unused" of this codebase.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },

  // Plain JS: configs, build and test scripts. No type information (no tsconfig covers them).
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['miniapp/scripts/**/*.mjs', 'miniapp/test/__mocks__/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },

  // Tests read HTTP bodies as `any` (light-my-request's `res.json()`, fetch in E2E) and assert on
  // them with expect, which is their type check; jest's `expect(obj.method)` is not a call.
  {
    files: ['server/test/**', 'server/cluster-test/**', 'miniapp/test/**', 'miniapp/e2e/**', 'shared/test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },

  // The mini-program's hooks: rules-of-hooks and exhaustive-deps as errors (a stale closure is a bug).
  {
    files: ['miniapp/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },

  // ── Boundaries ──────────────────────────────────────────────────────────────
  {
    files: ['shared/**/*.{ts,tsx,js,mjs}'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: SHARED_FORBIDDEN }] },
  },
  {
    files: ['server/src/modules/**/*routes.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: ROUTE_FORBIDDEN_IMPORTS }],
      'no-restricted-syntax': ['error', ...ROUTE_FORBIDDEN_SYNTAX],
    },
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}'],
    ignores: ['miniapp/src/services/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'axios', message: NETWORK_MESSAGE },
            { name: '@tarojs/taro', importNames: TARO_NETWORK, message: NETWORK_MESSAGE },
          ],
        },
      ],
      'no-restricted-properties': ['error', ...TARO_NETWORK.map((property) => ({ object: 'Taro', property, message: NETWORK_MESSAGE }))],
      'no-restricted-globals': ['error', ...['fetch', 'XMLHttpRequest', 'WebSocket'].map((name) => ({ name, message: NETWORK_MESSAGE }))],
    },
  },

  prettier,
);
