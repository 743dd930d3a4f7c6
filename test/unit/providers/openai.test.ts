import assert from 'node:assert/strict';
import { fakeTokenCount, FAKE_IMAGE_TOKENS, openaiCachedTokensForPrefix, REASONING_TOKENS, startFakeProviders, type FakeProviders } from '../../fake-providers/server';
import { assertNoSampling, bodyOf, callsTo, gptRequest, openai, PNG_1X1 } from './helpers';

describe('OpenAIClient (Responses API, real SDK, fake server)', () => {
  let fake: FakeProviders;
  before(async () => {
    fake = await startFakeProviders();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('streams text deltas that add up to the final text, with normalised usage', async () => {
    const deltas: string[] = [];
    const request = gptRequest({ system: ['Rule one.', 'Rule two.'] });
    const result = await openai(fake).stream(request, { onText: (d) => deltas.push(d) });
    assert.ok(deltas.length > 1, 'several deltas');
    assert.equal(deltas.join(''), result.text);
    assert.match(result.text, /^Fake answer from gpt-5.4-mini to: Write a function/);
    assert.equal(result.stop, 'complete');
    assert.equal(result.model, 'gpt-5.4-mini');
    assert.match(result.requestId ?? '', /^req_/);
    assert.equal(result.usageEstimated, false);
    assert.ok(result.latencyMs >= 0);
    assert.ok(result.firstTokenMs !== undefined && result.firstTokenMs <= result.latencyMs, 'time to first token, within the call');
    const input = fakeTokenCount('Rule one.\n\nRule two.') + fakeTokenCount('Write a function that adds two numbers');
    assert.deepEqual(result.usage, { input, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: fakeTokenCount(result.text), reasoning: 0 });

    const body = bodyOf(callsTo(fake, '/v1/responses')[0]);
    assert.equal(body.store, false);
    assert.equal(body.stream, true);
    assert.equal(body.instructions, 'Rule one.\n\nRule two.');
    assert.equal(body.max_output_tokens, 1000);
    assert.deepEqual(body.input, [{ role: 'user', content: [{ type: 'input_text', text: 'Write a function that adds two numbers' }] }]);
    assert.equal('reasoning' in body, false);
    assert.equal('text' in body, false);
    assertNoSampling(body);
  });

  it('reports cached and reasoning tokens: input excludes the cache, output includes reasoning', async () => {
    const prefix = 'Project conventions: '.padEnd(8000, 'x'); // 2000 fake tokens, stable across calls
    const client = openai(fake);
    const ask = (question: string) =>
      client.stream(gptRequest({ system: [prefix], messages: [{ role: 'user', content: question }], reasoningEffort: 'low', promptCacheKey: 'repo-1' }));
    const first = await ask('A: first question about the code');
    assert.equal(first.usage.cacheRead, 0);
    const second = await ask('B: second question about the code');

    // The fake caches the longest common prefix of the serialised prompts: instructions + the NUL separator.
    const cached = openaiCachedTokensForPrefix(prefix.length + 1);
    assert.ok(cached > 0);
    const total = fakeTokenCount(prefix) + fakeTokenCount('B: second question about the code');
    assert.deepEqual(second.usage, {
      input: total - cached,
      cacheRead: cached,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: REASONING_TOKENS.low + fakeTokenCount(second.text),
      reasoning: REASONING_TOKENS.low,
    });
    const bodies = callsTo(fake, '/v1/responses').map(bodyOf);
    assert.deepEqual(bodies.map((b) => [b.prompt_cache_key, b.reasoning]), [['repo-1', { effort: 'low' }], ['repo-1', { effort: 'low' }]]);
  });

  it('asks for strict JSON schema output and parses the answer', async () => {
    const schema = { type: 'object', properties: { sql: { type: 'string' } }, required: ['sql'], additionalProperties: false };
    fake.script({ reply: { json: { sql: 'SELECT 1' } } });
    const result = await openai(fake).stream(gptRequest({ jsonSchema: { name: 'query', schema } }));
    assert.deepEqual(result.json, { sql: 'SELECT 1' });
    const body = bodyOf(callsTo(fake, '/v1/responses')[0]);
    assert.deepEqual(body.text, { format: { type: 'json_schema', name: 'query', strict: true, schema } });
  });

  it('sends images as input_image data URLs', async () => {
    const result = await openai(fake).stream(
      gptRequest({ messages: [{ role: 'user', content: [{ type: 'text', text: 'What is in this picture?' }, { type: 'image', mediaType: 'image/png', base64: PNG_1X1 }] }] }),
    );
    const body = bodyOf(callsTo(fake, '/v1/responses')[0]);
    const [message] = body.input as { content: unknown[] }[];
    assert.deepEqual(message.content[1], { type: 'input_image', image_url: `data:image/png;base64,${PNG_1X1}`, detail: 'auto' });
    assert.equal(result.usage.input, fakeTokenCount('You write TypeScript.') + fakeTokenCount('What is in this picture?') + FAKE_IMAGE_TOKENS);
  });

  it("stops with 'max-tokens' when the answer is cut at max_output_tokens", async () => {
    fake.script({ reply: { text: 'word '.repeat(200) } });
    const result = await openai(fake).stream(gptRequest({ maxOutputTokens: 16 }));
    assert.equal(result.stop, 'max-tokens');
    assert.equal(result.text.length, 64);
    assert.equal(result.usage.output, 16);
  });

  it('sends earlier assistant turns as text', async () => {
    await openai(fake).stream(
      gptRequest({
        messages: [
          { role: 'user', content: 'first' },
          { role: 'assistant', content: 'an answer' },
          { role: 'user', content: 'second' },
        ],
      }),
    );
    const body = bodyOf(callsTo(fake, '/v1/responses')[0]);
    assert.deepEqual((body.input as unknown[])[1], { role: 'assistant', content: 'an answer' });
  });

  it('checkKey retrieves the model with the key', async () => {
    await openai(fake).checkKey();
    const [call] = fake.requests();
    assert.equal(call.method, 'GET');
    assert.equal(call.path, '/v1/models/gpt-5.4-mini');
    assert.equal(call.auth.style, 'bearer');
  });

  it('loads no SDK until the first call, and builds the SDK client once', async () => {
    const client = openai(fake);
    assert.equal(fake.requests().length, 0);
    await client.checkKey();
    await client.stream(gptRequest());
    assert.equal(new Set(fake.requests().map((r) => r.auth.keyFingerprint)).size, 1);
  });
});
