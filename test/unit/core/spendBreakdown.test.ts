import assert from 'node:assert/strict';
import { DEFAULT_MODELS } from '../../../src/core/models/modelTable';
import { spendBreakdown } from '../../../src/core/spend/spendBreakdown';
import { ZERO_USAGE } from '../../../src/core/usage/usage';
import { makeRecord } from './ledger/fixtures';

describe('the Tandem view\'s session spend', () => {
  const records = [
    makeRecord({ id: 'a', time: '2026-11-24T10:00:00Z', task: 'generateCode', usage: { ...ZERO_USAGE, input: 12_000, output: 300 }, costMicroUsd: 10_400 }),
    makeRecord({ id: 'b', time: '2026-11-24T10:01:00Z', task: 'generateCode', model: 'claude-haiku-4-5', provider: 'anthropic',
      usage: { ...ZERO_USAGE, input: 1_000, cacheRead: 3_000, output: 200, reasoning: 50 }, costMicroUsd: 2_300 }),
    makeRecord({ id: 'c', time: '2026-11-24T10:02:00Z', task: 'review', model: 'claude-haiku-4-5', provider: 'anthropic',
      usage: { ...ZERO_USAGE, input: 500, output: 100 }, costMicroUsd: 500, batch: true }),
  ];

  it('totals the session at the top: cost, calls, tokens in (cached or not) and out, as the status bar formats them', () => {
    const { total } = spendBreakdown(records, DEFAULT_MODELS);
    assert.equal(total.label, 'This session');
    assert.equal(total.description, '$0.0132 · 3 calls · 16.5k in · 600 out');
    assert.equal(total.costMicroUsd, 13_200);
    assert.match(total.tooltip, /this session: \*\*\$0\.0132\*\* in 3 calls/);
    assert.match(total.tooltip, /Through the Batch API: 1 of them/);
  });

  it('lists tasks and models by name, most expensive first', () => {
    const { byTask, byModel } = spendBreakdown(records, DEFAULT_MODELS);
    assert.deepEqual(byTask.map((r) => [r.label, r.description]), [
      ['Generate code', '$0.0127 · 2 calls · 16k in · 500 out'],
      ['Compliance review', '$0.0005 · 1 call · 500 in · 100 out'],
    ]);
    assert.deepEqual(byModel.map((r) => [r.key, r.label, r.description]), [
      ['gpt-5.4-mini', 'GPT-5.4 Mini', '$0.0104 · 1 call · 12k in · 300 out'],
      ['claude-haiku-4-5', 'Claude Haiku 4.5', '$0.0028 · 2 calls · 4.5k in · 300 out'],
    ]);
  });

  it('splits a task by model and a model by task in the tooltip, with the cache and reasoning', () => {
    const { byTask, byModel } = spendBreakdown(records, DEFAULT_MODELS);
    const code = byTask[0].tooltip;
    assert.match(code, /- GPT\\-5\\\.4 Mini: \$0\.0104 in 1 call/);
    assert.match(code, /- Claude Haiku 4\\\.5: \$0\.0023 in 1 call/);
    assert.match(code, /Tokens in: 16k \(13k uncached, 3k from the cache, 0 written to it; cache hit 19%\)/);
    assert.match(code, /Tokens out: 500 \(50 of them reasoning\)/);
    assert.match(byModel[1].tooltip, /- Generate code: \$0\.0023 in 1 call\n- Compliance review: \$0\.0005 in 1 call/);
  });

  it('an empty session is $0.00 and no rows', () => {
    const empty = spendBreakdown([], DEFAULT_MODELS);
    assert.equal(empty.total.description, '$0.00 · 0 calls');
    assert.deepEqual([empty.byTask, empty.byModel], [[], []]);
  });

  it('a model no longer in the catalog keeps its id, and markdown in a name is shown as text', () => {
    const gone = makeRecord({ id: 'd', time: '2026-11-24T10:03:00Z', model: 'my_old*model', costMicroUsd: 1 });
    const [row] = spendBreakdown([gone], DEFAULT_MODELS).byModel;
    assert.equal(row.label, 'my_old*model');
    assert.match(row.tooltip, /\*\*my\\_old\\\*model\*\*/);
  });
});
