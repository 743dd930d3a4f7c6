/**
 * Cost exact to the micro-dollar, end to end: the real SDKs against the fake server, through the model
 * layer into the ledger. Expected figures are worked from the fake's documented usage rules and
 * product.md's prices (µ$ per token = $ per MTok).
 */
import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { costMicroUsd } from '../../../../src/core/cost/cost';
import { DEFAULT_MODELS } from '../../../../src/core/models/modelTable';
import { normaliseOpenAIUsage } from '../../../../src/providers/openai';
import { fakeTokenCount, openaiCachedTokensForPrefix, REASONING_TOKENS } from '../../../fake-providers/tokens';
import { startFakeProviders, type FakeProviders } from '../../../fake-providers/server';
import { createHarness, TEST_KEYS, type Harness } from '../../../fixtures/modelHarness';

describe('cost exact to the micro-dollar (real SDKs, fake server)', () => {
  let fake: FakeProviders;
  let h: Harness;

  before(async () => {
    fake = await startFakeProviders({ batchDelayMs: 30 });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.reset();
    h = createHarness(fake);
  });
  afterEach(() => h.cleanup());

  it('OpenAI with cached and reasoning tokens', async () => {
    const system = `You are a careful SQL assistant. ${'Schema line; '.repeat(600)}`; // ~7,800 chars: cacheable
    const answer = 'SELECT 1;';
    fake.script({ match: { provider: 'openai' }, times: 2, reply: { text: answer } });
    const ask = (q: string) => h.service.run({ task: 'generateSql', system: [system], messages: [{ role: 'user', content: q }], promptCacheKey: 'sql' });
    await ask('All customers');
    await ask('Orders per month'); // differs from the first question at its first character

    const { records } = await h.ledger.read();
    const second = records[1];
    const promptTokens = fakeTokenCount(system) + fakeTokenCount('Orders per month');
    // The fake caches the common prefix: the instructions and the NUL that separates them from the input.
    const cached = openaiCachedTokensForPrefix(system.length + 1);
    const output = fakeTokenCount(answer) + REASONING_TOKENS.low;
    assert.ok(cached >= 1024, 'the prefix was long enough to be cached');
    assert.deepEqual(second.usage, { input: promptTokens - cached, cacheRead: cached, cacheWrite5m: 0, cacheWrite1h: 0, output, reasoning: REASONING_TOKENS.low });
    // $0.75 in, $0.075 cached in, $4.50 out per MTok; one rounding at the end.
    const expected = Math.round(((promptTokens - cached) * 750_000 + cached * 75_000 + output * 4_500_000) / 1e6);
    assert.equal(second.costMicroUsd, expected);
    assert.equal(h.session.totals.costMicroUsd, records[0].costMicroUsd + expected);
  });

  it('Anthropic with a cache write, then a cache read', async () => {
    const rules = `# Team rules\n${'- R1: every public function has a doc comment.\n'.repeat(500)}`; // > 4,096 fake tokens
    const answer = '{"findings":[]}';
    fake.script({ match: { provider: 'anthropic' }, times: 2, reply: { text: answer } });
    const review = (code: string) => h.service.run({ task: 'review', system: [rules], messages: [{ role: 'user', content: code }] });
    await review('1: const a = 1;');
    await review('1: const b = 2;');

    const [first, second] = (await h.ledger.read()).records;
    const prefix = fakeTokenCount(rules);
    const output = fakeTokenCount(answer);
    assert.ok(prefix >= 4096);
    assert.deepEqual([first.usage.cacheWrite5m, first.usage.cacheRead], [prefix, 0]);
    assert.deepEqual([second.usage.cacheWrite5m, second.usage.cacheRead], [0, prefix]);
    const input = fakeTokenCount('1: const a = 1;');
    // $1 in, $1.25 5-minute cache write, $0.10 cache read, $5 out per MTok.
    assert.equal(first.costMicroUsd, Math.round((input * 1_000_000 + prefix * 1_250_000 + output * 5_000_000) / 1e6));
    assert.equal(second.costMicroUsd, Math.round((input * 1_000_000 + prefix * 100_000 + output * 5_000_000) / 1e6));
  });

  it('a batch call at half price', async () => {
    const client = new OpenAI({ apiKey: TEST_KEYS.openai, baseURL: fake.openaiBaseURL, maxRetries: 0 });
    const body = { model: 'gpt-5.4-mini', instructions: 'Rename variables.', input: 'let x = 1;', reasoning: { effort: 'low' }, store: false };
    const line = JSON.stringify({ custom_id: 'file-1', method: 'POST', url: '/v1/responses', body });
    fake.batchOutcome('file-1', 'succeeded', { text: 'let count = 1;' });
    const file = await client.files.create({ file: await toFile(Buffer.from(`${line}\n`), 'batch.jsonl'), purpose: 'batch' });
    let batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/responses', completion_window: '24h' });
    while (!['completed', 'failed', 'expired', 'cancelled'].includes(batch.status)) {
      await new Promise((r) => setTimeout(r, 20));
      batch = await client.batches.retrieve(batch.id);
    }
    assert.equal(batch.status, 'completed');
    const output = await (await client.files.content(batch.output_file_id!)).text();
    const result = JSON.parse(output.trim()) as { custom_id: string; response: { body: { usage: Parameters<typeof normaliseOpenAIUsage>[0] } } };
    const usage = normaliseOpenAIUsage(result.response.body.usage);

    const input = fakeTokenCount('Rename variables.') + fakeTokenCount('let x = 1;');
    const out = fakeTokenCount('let count = 1;') + REASONING_TOKENS.low;
    assert.deepEqual([usage.input, usage.output], [input, out]);
    const full = (input * 750_000 + out * 4_500_000) / 1e6;
    assert.equal(costMicroUsd(usage, DEFAULT_MODELS['gpt-5.4-mini'].prices, { batch: true }), Math.round(full / 2));
    assert.equal(costMicroUsd(usage, DEFAULT_MODELS['gpt-5.4-mini'].prices), Math.round(full));
  });
});
