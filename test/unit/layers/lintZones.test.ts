import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * The layers hold by lint rule: the project's own ESLint config, run on a wrong-way import placed in each
 * zone (the file need not exist; the imported one does). Type-aware rules are off here: they need the file
 * in the TypeScript project, and these files are not.
 */
async function problems(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layers, as lint rules', function () {
  this.timeout(30_000);

  it('core may not import the editor, the providers, the webviews or the OpenTelemetry exporter', async () => {
    for (const from of ['../../editor/log', '../../providers/openai', '../../webview/report/labels.mjs', '../../telemetry/otlpExport']) {
      const found = await problems('src/core/calls/probe.ts', `import * as wrong from '${from}';\nexport const x = wrong;\n`);
      assert.ok(found.some((p) => p.startsWith('import-x/no-restricted-paths') && p.includes('core depends on nothing above it')), `${from}: ${found.join('; ')}`);
    }
  });

  it('core may not import vscode', async () => {
    const found = await problems('src/core/calls/probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n");
    assert.ok(found.some((p) => p.startsWith('no-restricted-imports')), found.join('; '));
  });

  it('the pure core may not use Node, but its node/ folders may', async () => {
    const code = "import { readFileSync } from 'node:fs';\nimport { join } from 'path';\nexport const x = [readFileSync, join, process.pid, Buffer.from('')];\n";
    const found = await problems('src/core/ledger/probe.ts', code);
    assert.equal(found.filter((p) => p.startsWith('import-x/no-nodejs-modules')).length, 2, found.join('; '));
    assert.equal(found.filter((p) => p.startsWith('no-restricted-globals')).length, 2, found.join('; '));
    assert.deepEqual(await problems('src/core/ledger/node/probe.ts', code), []);
  });

  it('providers may not import the editor layer', async () => {
    const found = await problems('src/providers/batch/probe.ts', "import { KeyStore } from '../../editor/keys/keyStore';\nexport const x = KeyStore;\n");
    assert.ok(found.some((p) => p.startsWith('import-x/no-restricted-paths') && p.includes('know nothing of the editor')), found.join('; '));
  });

  it('a webview sees its protocol and the pure view models only', async () => {
    // With and without the .js suffix the browser build needs: both resolve to the .ts file and are checked.
    for (const from of ['../../core/calls/modelService', '../../core/calls/modelService.js']) {
      const wrong = await problems('src/webview/report/probe.mts', `import { ModelService } from '${from}';\nexport const x = ModelService;\n`);
      assert.ok(wrong.some((p) => p.startsWith('import-x/no-restricted-paths') && p.includes('a webview sees')), `${from}: ${wrong.join('; ')}`);
    }
    const right = await problems('src/webview/report/probe.mts', "import type { ReportModel } from '../../core/report/reportModel.js';\nimport type { Period } from './protocol.js';\nexport type X = [ReportModel, Period];\n");
    assert.deepEqual(right, []);
  });

  it('the real tree passes the same rules (the zones are not so wide that nothing could be right)', async () => {
    const found = await problems('src/core/calls/probe.ts', "import type { ModelClient } from './modelClient';\nimport type { LedgerRecord } from '../ledger/record';\nexport type X = [ModelClient, LedgerRecord];\n");
    assert.deepEqual(found, []);
  });
});
