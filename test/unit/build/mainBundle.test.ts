import assert from 'node:assert/strict';
import path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(__dirname, '../../..');

/** The main bundle as esbuild.js builds it, in memory. */
async function buildMainBundle(): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is CommonJS
  const { extension } = require(path.join(ROOT, 'esbuild.js')) as { extension: esbuild.BuildOptions };
  const result = await esbuild.build({ ...extension, absWorkingDir: ROOT, write: false, sourcemap: false, logLevel: 'silent' });
  return result.outputFiles[0].text;
}

describe('the main bundle', function () {
  this.timeout(60_000);
  let code: string;

  before(async () => {
    code = await buildMainBundle();
  });

  it('requires the vscode module once: a copy per importing file was most of the activation time', () => {
    assert.equal(code.match(/require\("vscode"\)/g)?.length, 1);
  });

  it('leaves the lazily loaded parts out: the SDKs, ajv, the OpenTelemetry files and the tokenizer load at run time', () => {
    for (const file of ['./sdk/openai.js', './sdk/anthropic.js', './json/ajv.js', './telemetry/setup.js', './telemetry/otlp.js']) {
      assert.ok(code.includes(`require("${file}")`) || code.includes(`import("${file}")`), `${file} is loaded at run time, not inlined`);
    }
    for (const inlinedByMistake of ['@opentelemetry', 'gpt-tokenizer', 'new Ajv']) assert.equal(code.includes(inlinedByMistake), false, inlinedByMistake);
  });
});
