import assert from 'node:assert/strict';
import { DEFAULT_MODELS } from '../../../src/core/models/modelTable';
import { sessionSummaryMarkdown } from '../../../src/core/spend/sessionSummary';
import { ZERO_USAGE } from '../../../src/core/usage/usage';
import { makeRecord } from './ledger/fixtures';

describe('status bar tooltip', () => {
  it('says there were no calls yet', () => {
    assert.match(sessionSummaryMarkdown([], DEFAULT_MODELS), /no model calls yet/);
  });

  it('breaks the session down per model and per task, with the single-model what-if', () => {
    const records = [
      // 1,000,000 input on GPT-5.4 Mini: $0.75; on Haiku it would be $1.00.
      makeRecord({ id: 'a', time: '2026-11-24T10:00:00Z', task: 'generateCode', usage: { ...ZERO_USAGE, input: 1_000_000 }, costMicroUsd: 750_000 }),
      // 100,000 output on Haiku: $0.50; on GPT-5.4 Mini $0.45. 300,000 cache reads, 100,000 input: 75% hit.
      makeRecord({ id: 'b', time: '2026-11-24T10:01:00Z', task: 'review', model: 'claude-haiku-4-5', provider: 'anthropic',
        usage: { ...ZERO_USAGE, input: 100_000, cacheRead: 300_000, output: 100_000 }, costMicroUsd: 630_000 }),
    ];
    const md = sessionSummaryMarkdown(records, DEFAULT_MODELS);
    assert.match(md, /this session: \*\*\$1\.38\*\* in 2 calls/);
    assert.match(md, /\| GPT-5\.4 Mini \| 1 \| 1M \| 0 \| 0 \| 0 \| \$0\.7500 \| 0% \|/);
    assert.match(md, /\| Claude Haiku 4\.5 \| 1 \| 100k \| 300k \| 0 \| 100k \| \$0\.6300 \| 75% \|/);
    assert.match(md, /\| review \| 1 \|/);
    // All on GPT: 0.75 + (100k×0.75 + 300k×0.075 + 100k×4.5)/1e6 = 0.75 + 0.5475 = $1.30.
    // All on Haiku: 1.00 + 0.63 = $1.63.
    assert.match(md, /all on GPT-5\.4 Mini \*\*\$1\.30\*\* · all on Claude Haiku 4\.5 \*\*\$1\.63\*\* \(as routed \$1\.38\)/);
  });
});
