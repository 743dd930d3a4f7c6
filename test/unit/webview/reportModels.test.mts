import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ReportModel } from '../../../src/core/report/reportModel.js';
import { gatewayLine } from '../../../src/webview/report/gatewayNote.mjs';
import { modelName } from '../../../src/webview/report/labels.mjs';
import { modelClass } from '../../../src/webview/report/theme.mjs';

const report = {
  models: [
    { id: 'gpt-5.4-mini', displayName: 'GPT-5.4 Mini' },
    { id: 'claude-haiku-4-5', displayName: 'Claude Haiku 4.5' },
    { id: 'claude-haiku-5-5', displayName: 'Claude Haiku 5.5' },
    { id: 'gpt-4.1-nano', displayName: 'gpt-4.1-nano' },
  ],
} as unknown as ReportModel;

describe('report webview: models it was never built for', () => {
  it('names each model as the report model does', () => {
    assert.equal(modelName(report, 'claude-haiku-5-5'), 'Claude Haiku 5.5');
    assert.equal(modelName(report, 'gpt-5.4-mini'), 'GPT-5.4 Mini');
    assert.equal(modelName(report, 'not-listed'), 'not-listed');
  });

  it('gives each model its own palette colour in catalog order, built-ins keeping theirs', () => {
    assert.deepEqual(report.models.map((m) => modelClass(report, m.id)), ['model-color-0', 'model-color-1', 'model-color-2', 'model-color-3']);
  });

  it('has a colour rule for every class it hands out, swatches and bars alike, wrapping after the palette', () => {
    const many = { models: Array.from({ length: 7 }, (_, i) => ({ id: `m${i}`, displayName: `m${i}` })) } as unknown as ReportModel;
    const classes = many.models.map((m) => modelClass(many, m.id));
    assert.equal(classes[6], classes[0]);
    const css = ['panels.css', 'bars.css'].map((f) => readFileSync(new URL(`../../../media/report/${f}`, import.meta.url), 'utf8'));
    for (const cls of new Set(classes)) {
      assert.match(css[0], new RegExp(`^\\.${cls} \\{\\n  background: var\\(--vscode-charts-\\w+\\);`, 'm'), cls);
      assert.match(css[1], new RegExp(`^\\.bar-fill\\.${cls} \\{`, 'm'), cls);
    }
  });
});

describe('report webview: a gateway\'s own cost', () => {
  it('says the gateway agrees, or by how much and which way it differs', () => {
    assert.match(gatewayLine({ calls: 3, tandemMicroUsd: 4_200, gatewayMicroUsd: 4_200 }), /priced 3 calls at \$0\.0042, the same as Tandem/);
    const more = gatewayLine({ calls: 2, tandemMicroUsd: 3_000, gatewayMicroUsd: 3_500 });
    assert.match(more, /priced 2 calls at \$0\.0035; Tandem priced them at \$0\.0030 \(the gateway \+\$0\.0005\)/);
    assert.match(gatewayLine({ calls: 1, tandemMicroUsd: 3_000, gatewayMicroUsd: 2_000 }), /Tandem priced it at \$0\.0030 \(the gateway −\$0\.0010\)/);
  });
});
