// Bundles the extension (and the integration tests) with esbuild.
//   node esbuild.js               development build of the extension and the integration tests
//   node esbuild.js --production  minified extension only, for the .vsix
//   node esbuild.js --watch       rebuilds on change
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Modules the extension needs only on first use, each built to a file of its own in dist/ and required
 * from there at run time, so activating the extension does not parse them: the two provider SDKs (~430 KB
 * each), ajv (~140 KB) and the OpenTelemetry exporter. Unit tests run the sources, where the same specifiers resolve normally.
 */
const LAZY_FILES = {
  './sdk/openai.js': { in: 'src/providers/sdk/openai.ts', out: 'sdk/openai' },
  './sdk/anthropic.js': { in: 'src/providers/sdk/anthropic.ts', out: 'sdk/anthropic' },
  './ajvEngines': { in: 'src/core/json/ajvEngines.ts', out: 'json/ajv' },
  // Loaded only when an OTLP endpoint is set (the configuration and the feed) and at the first record to export
  // (the SDK); the keys are the specifiers the loader in src/editor/telemetry/ uses.
  '../../telemetry/otlpSetup.js': { in: 'src/telemetry/otlpSetup.ts', out: 'telemetry/setup' },
  // Built from the packages' ES module builds (esm): esbuild can drop what is unused there, and the
  // OpenTelemetry packages' CommonJS builds pull in all of semantic-conventions (278 KB minified, 91 KB so).
  '../../telemetry/otlpExport.js': { in: 'src/telemetry/otlpExport.ts', out: 'telemetry/otlp', esm: true },
};

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @type {import('esbuild').Plugin} */
const requireLazyFiles = {
  name: 'require-lazy-files',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(LAZY_FILES).map(escapeRegExp).join('|')})$`);
    // Required at run time from dist/extension.js, so the path is relative to dist/.
    build.onResolve({ filter }, (args) => ({ path: `./${LAZY_FILES[args.path].out}.js`, external: true }));
  },
};

/** Every `vscode` import in src/ resolves to src/editor/vscodeApi.ts, which alone requires the real module. */
const VSCODE_API = path.resolve('src/editor/vscodeApi.ts');

/** @type {import('esbuild').Plugin} */
const oneVscodeModule = {
  name: 'one-vscode-module',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.importer === VSCODE_API ? { path: 'vscode', external: true } : { path: VSCODE_API }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const extension = {
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  // Maps for development only: in the .vsix they would triple its size for no use to the user.
  sourcemap: !production,
  minify: production,
  // Taken first thing when the bundle loads, so activation time includes module load.
  banner: { js: 'var __tandemBundleStart = performance.now();' },
  plugins: [requireLazyFiles, oneVscodeModule],
  logLevel: 'warning',
};

const lazyEntries = (esm) => Object.values(LAZY_FILES).filter((file) => Boolean(file.esm) === esm).map((file) => ({ in: file.in, out: file.out }));

const lazyFiles = {
  ...extension,
  entryPoints: lazyEntries(false),
  outfile: undefined,
  outdir: 'dist',
  banner: undefined,
  plugins: [],
  sourcemap: false,
};

const lazyEsmFiles = { ...lazyFiles, entryPoints: lazyEntries(true), mainFields: ['module', 'main'] };

/**
 * The exact o200k_base tokenizer carries ~2.7 MB of ranks: its own file, loaded only when an exact OpenAI
 * count matters, so the main bundle and activation stay small. It ships brotli-compressed (dist/tokenizer/
 * o200k.js.br, ~0.8 MB against ~1.1 MB for the .vsix's own zip compression: the .vsix budget is 2 MB) and
 * src/editor/models/exactTokenizer.ts decompresses it when it is first needed (~30 ms).
 */
const TOKENIZER_FILE = 'dist/tokenizer/o200k.js';

/** @type {import('esbuild').Plugin} */
const brotliTokenizer = {
  name: 'brotli-tokenizer',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      const code = fs.readFileSync(TOKENIZER_FILE);
      // Quality 11 takes ~4 s: for the .vsix only; development builds take a quick setting.
      const quality = production ? 11 : 5;
      const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: code.length };
      fs.writeFileSync(`${TOKENIZER_FILE}.br`, zlib.brotliCompressSync(code, { params }));
      fs.rmSync(TOKENIZER_FILE);
    });
  },
};

const tokenizer = {
  ...extension,
  plugins: [brotliTokenizer],
  entryPoints: ['src/tokenizer/o200k.ts'],
  outfile: TOKENIZER_FILE,
  banner: undefined,
  sourcemap: false,
};

/**
 * node-sql-parser's grammars run 200-300 KB per dialect: each is its own file, dist/sql/<dialect>.js, loaded
 * with require() only when SQL in that dialect is checked. The dialects are the buildFile entries of
 * src/core/sql/dialects.ts, read from there so that the table and the build cannot drift apart.
 */
function sqlDialectBuildFiles() {
  const table = fs.readFileSync('src/core/sql/dialects.ts', 'utf8');
  const files = [...table.matchAll(/buildFile: '([\w.-]+)'/g)].map((match) => match[1]);
  if (files.length === 0) throw new Error('esbuild.js: no buildFile entries found in src/core/sql/dialects.ts');
  return files;
}

const sqlParsers = {
  ...extension,
  plugins: [],
  entryPoints: sqlDialectBuildFiles().map((file) => ({
    in: require.resolve(`node-sql-parser/build/${file}`),
    out: path.basename(file, '.js'),
  })),
  outfile: undefined,
  outdir: 'dist/sql',
  banner: undefined,
  sourcemap: false,
};

/**
 * The webview pages, each a script and a stylesheet served from dist/webview under the page's strict CSP:
 * the usage report (Chart.js included, tree-shaken to the parts the report registers) and an explanation
 * (markdown-it included: the Markdown is rendered inside the sandboxed page, not in the extension host).
 */
const reportWebview = {
  entryPoints: [
    { in: 'src/webview/report/main.mts', out: 'report' },
    { in: 'media/report/report.css', out: 'report' },
    { in: 'src/webview/explanation/main.mts', out: 'explanation' },
    { in: 'media/explanation/explanation.css', out: 'explanation' },
  ],
  outdir: 'dist/webview',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome120'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

function listTests(dir) {
  return fs
    .readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => f.endsWith('.ts'));
}

/** Integration tests run inside the extension host; mocha and vscode come from there at run time. */
const integrationTests = {
  entryPoints: [...listTests('test/integration'), 'bench/activation/index.ts'],
  outbase: '.',
  outdir: 'out',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  logLevel: 'warning',
};

async function main() {
  const builds = production
    ? [extension, lazyFiles, lazyEsmFiles, tokenizer, sqlParsers, reportWebview]
    : [extension, lazyFiles, lazyEsmFiles, tokenizer, sqlParsers, reportWebview, integrationTests];
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
    console.log('esbuild: watching for changes');
    return;
  }
  if (production) fs.rmSync('dist', { recursive: true, force: true });
  await Promise.all(builds.map((options) => esbuild.build(options)));
}

// Run as a script it builds; required (by a unit test) it only hands over the main bundle's options.
if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = { extension };
