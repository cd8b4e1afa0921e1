// Lint rules, including the layering table of ARCHITECTURE.md: which folder may import what.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const pattern = (group, message) => ({ group, message });

const SQL_IN_SERVER_DB = 'SQL lives only in server/db/: add a typed repository function there and call it.';

/** Text that starts like an SQL statement (lower- or upper-case keywords, so prose does not match). */
const SQL_TEXT =
  '/^\\s*(select|SELECT|insert|INSERT|update|UPDATE|delete|DELETE|create|CREATE|alter|ALTER|drop|DROP)\\s/';

const serverBoundary = pattern(
  ['electron', '**/electron/**', '**/renderer/**'],
  'The server imports shared/ and node packages only.',
);

const engineBoundary = pattern(
  ['electron', '**/renderer/**', '**/server/**', '**/main/**', '**/preload/**'],
  'The engine runs without Electron and never reaches into the renderer or the server.',
);

/** One entry per row of the layering table. */
const layers = [
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    patterns: [
      {
        regex: '^(?!zod$|libphonenumber-js$|\\./|\\.\\./(?!\\.\\./))',
        message: 'shared/ imports only shared/, zod and libphonenumber-js.',
      },
    ],
  },
  {
    // Tests of shared/ may also use the test runner.
    files: ['shared/**/*.test.ts'],
    patterns: [
      {
        regex: '^(?!zod$|libphonenumber-js$|vitest$|\\./|\\.\\./(?!\\.\\./))',
        message: 'shared/ imports only shared/, zod and libphonenumber-js.',
      },
    ],
  },
  {
    // A folder inside a shared/ folder (shared/sync/actions/) may reach the rest of shared/ two levels up.
    files: ['shared/*/*/**/*.ts'],
    patterns: [
      {
        regex: '^(?!zod$|libphonenumber-js$|vitest$|\\./|\\.\\./(?!\\.\\./)|\\.\\./\\.\\./(?!\\.\\./))',
        message: 'shared/ imports only shared/, zod and libphonenumber-js.',
      },
    ],
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    patterns: [
      pattern(
        ['electron', 'better-sqlite3', 'keytar', 'socket.io', 'pg', '@electric-sql/*'],
        'The renderer runs in a browser: no Node or Electron packages.',
      ),
      pattern(
        ['**/electron/**', '**/server/**'],
        'The renderer talks to the engine only through the API contract in shared/api.',
      ),
      { regex: '^node:', message: 'Node built-ins are not available in the renderer.' },
    ],
  },
  {
    files: ['electron/preload/**/*.ts'],
    patterns: [
      {
        regex: '^(?!electron$|\\./|\\.\\./\\.\\./shared/api(/|$))',
        message: 'The preload may import only electron and shared/api.',
      },
    ],
  },
  {
    files: ['electron/services/db/**/*.ts'],
    patterns: [engineBoundary],
  },
  {
    // A later entry for the same files replaces the rule's options, so it repeats the boundary.
    files: ['electron/services/**/*.ts'],
    ignores: ['electron/services/db/**'],
    patterns: [engineBoundary, pattern(['better-sqlite3'], 'SQL lives only in electron/services/db/.')],
  },
  {
    files: ['electron/main/**/*.ts'],
    patterns: [
      pattern(
        ['**/renderer/**', '**/server/**', '**/web/**'],
        'The Electron shell may import electron, the engine and shared/ only.',
      ),
    ],
  },
  {
    files: ['electron/web/**/*.ts'],
    patterns: [
      pattern(
        ['electron', '**/renderer/**', '**/server/**', '**/main/**'],
        'The browser host serves the engine without Electron and without the server.',
      ),
    ],
  },
  {
    files: ['server/**/*.ts'],
    patterns: [serverBoundary],
  },
  {
    // A later entry for the same files replaces the rule's options, so it repeats the boundary.
    files: ['server/**/*.ts'],
    ignores: ['server/db/**', 'server/**/*.test.ts'],
    patterns: [serverBoundary, pattern(['pg', '@electric-sql/pglite'], SQL_IN_SERVER_DB)],
  },
];

const namedExports = { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' };

/**
 * Outside server/db/, no code may run SQL: no `.query(…)` call and no string or template that
 * begins like a statement (`with` is left out: prose uses it, and a CTE still needs `.query`).
 * Tests are exempt: they read storage directly to check what was stored.
 */
const sqlOutsideServerDb = [
  {
    selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='query']",
    message: SQL_IN_SERVER_DB,
  },
  { selector: `Literal[value=${SQL_TEXT}]`, message: SQL_IN_SERVER_DB },
  { selector: `TemplateLiteral > TemplateElement:first-child[value.raw=${SQL_TEXT}]`, message: SQL_IN_SERVER_DB },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.caredesk/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', namedExports],
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/db/**', 'server/**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', namedExports, ...sqlOutsideServerDb] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Tool configuration files must export a default.
    files: ['*.config.ts', '*.config.js', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The web-chat window and embed script run in visitors' browsers as classic scripts.
    files: ['server/webchat/assets/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, io: 'readonly' } },
  },
  ...layers.map(({ files, ignores, patterns }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  })),
);
