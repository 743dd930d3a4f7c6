import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layers, as a rule (docs/architecture.md): core is plain TypeScript and owns the contracts; providers
 * implement them; the editor layer turns VS Code events into core calls; webviews see only view models.
 * Paths are resolved, so the rule holds at any folder depth.
 */
const LAYER_ZONES = [
  {
    target: './src/core',
    from: ['./src/providers', './src/editor', './src/webview', './src/extension.ts', './src/tokenizer', './src/telemetry'],
    message: 'core depends on nothing above it: put the contract in core and implement it outside.',
  },
  {
    target: './src/providers',
    from: ['./src/editor', './src/webview', './src/extension.ts'],
    message: 'providers implement core contracts and know nothing of the editor.',
  },
  {
    target: './src/webview',
    from: './src',
    except: ['./webview', './core/report', './core/format', './core/ledger/query.ts', './core/models', './core/usage'],
    message: 'a webview sees its protocol types and the pure view models only (core/report, core/format, core/models, core/usage).',
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', '.vscode-test/', 'test-results/', 'media/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: a promise nobody awaits or catches is an unhandled rejection waiting to happen. `void`
    // does not count as handling it (ignoreVoid: false): a rejection must reach a catch that says something.
    files: ['src/**/*.ts', 'src/**/*.mts', 'test/**/*.ts', 'test/**/*.mts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.mts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mts', '.js', '.mjs', '.d.ts'], extensionAlias: { '.js': ['.ts', '.js'], '.mjs': ['.mts', '.mjs'] } })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES }] },
  },
  {
    // The core runs in plain Node and is unit-tested there: it may never touch the editor API.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'src/core is plain TypeScript: move editor code to src/editor.' }] },
      ],
    },
  },
  {
    // The pure core does not know it runs in Node: file, process and machine access live in core/**/node/.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/node/**'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The pure core takes what it needs of the process as an argument (see core/**/node/).' },
        { name: 'Buffer', message: 'Use Uint8Array, TextEncoder/TextDecoder or btoa in the pure core.' },
      ],
    },
  },
  {
    // The report page runs in a sandboxed webview: neither the editor API nor Node exists there.
    files: ['src/webview/**/*.mts', 'src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'A webview talks to the extension by messages only.' }], patterns: [{ group: ['node:*'], message: 'There is no Node in a webview.' }] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
