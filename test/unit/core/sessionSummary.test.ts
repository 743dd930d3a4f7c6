import assert from 'node:assert/strict';
import { applyModelOverrides } from '../../../src/core/models/catalog';
import { DEFAULT_MODELS, DEFAULT_ROUTES } from '../../../src/core/models/modelTable';
import { applyRoutingOverrides } from '../../../src/core/models/overrides';
import { resolveEndpoint } from '../../../src/core/endpoints/endpoint';
import { endpointTooltipLines } from '../../../src/core/endpoints/endpointStatus';
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

  it('prices the session on every model of the catalog, one the user added included', () => {
    const catalog = applyModelOverrides(DEFAULT_MODELS, {
      'gpt-5.6': { provider: 'openai', inputPerMTok: 1.25, outputPerMTok: 10, contextWindow: 400_000, maxOutputTokens: 128_000 },
    }).table;
    const records = [makeRecord({ id: 'a', time: '2026-11-24T10:00:00Z', model: 'gpt-5.6', usage: { ...ZERO_USAGE, input: 1_000_000 }, costMicroUsd: 1_250_000 })];
    const md = sessionSummaryMarkdown(records, catalog, DEFAULT_ROUTES);
    assert.match(md, /\| gpt-5\.6 \| 1 \| 1M \|/);
    assert.match(md, /all on GPT-5\.4 Mini \*\*\$0\.7500\*\* · all on Claude Haiku 4\.5 \*\*\$1\.00\*\* · all on gpt-5\.6 \*\*\$1\.25\*\* \(as routed \$1\.25\)/);
    // A record of a model the catalog no longer holds is shown under its id.
    assert.match(sessionSummaryMarkdown(records, DEFAULT_MODELS), /\| gpt-5\.6 \| 1 \|/);
  });

  it('says which routes the workspace set, and nothing when it set none', () => {
    const routes = applyRoutingOverrides(DEFAULT_ROUTES, { explain: 'gpt-5.4-mini', review: 'gpt-5.4-mini' }, DEFAULT_MODELS, (task) => task === 'explain').table;
    assert.match(sessionSummaryMarkdown([], DEFAULT_MODELS, routes), /^Routing: explain → GPT-5\.4 Mini set by this workspace$/m);
    const records = [makeRecord({ id: 'a', time: '2026-11-24T10:00:00Z' })];
    assert.match(sessionSummaryMarkdown(records, DEFAULT_MODELS, routes), /^Routing: explain → GPT-5\.4 Mini set by this workspace$/m);
    const userOnly = applyRoutingOverrides(DEFAULT_ROUTES, { explain: 'gpt-5.4-mini' }, DEFAULT_MODELS).table;
    assert.doesNotMatch(sessionSummaryMarkdown(records, DEFAULT_MODELS, userOnly), /Routing:/);
  });

  it('names the endpoints that are not the providers\' own, before and after the first call', () => {
    const endpoint = resolveEndpoint('openai', undefined, { OPENAI_BASE_URL: 'https://llm.example.com/v1' }).endpoint;
    const lines = endpointTooltipLines([{ endpoint, state: 'asks' }]);
    const record = makeRecord({ id: 'a', time: '2026-11-24T10:00:00Z', costMicroUsd: 1 });
    for (const md of [sessionSummaryMarkdown([], DEFAULT_MODELS, DEFAULT_ROUTES, lines), sessionSummaryMarkdown([record], DEFAULT_MODELS, DEFAULT_ROUTES, lines)]) {
      assert.match(md, /^Endpoint: OpenAI → `https:\/\/llm\.example\.com\/v1` from `OPENAI_BASE_URL` in the environment \(not trusted yet: Tandem asks before the first request\)\n\nClick for the usage report\.$/m);
    }
    assert.doesNotMatch(sessionSummaryMarkdown([], DEFAULT_MODELS), /Endpoint/);
  });
});
