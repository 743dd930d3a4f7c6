import assert from 'node:assert/strict';
import { fakeTokenCount, FAKE_IMAGE_TOKENS, startFakeProviders, type FakeProviders } from '../../fake-providers/server';
import { anthropic, assertNoSampling, bodyOf, callsTo, claudeRequest, PNG_1X1 } from './helpers';

describe('AnthropicClient (Messages API, real SDK, fake server)', () => {
  let fake: FakeProviders;
  before(async () => {
    fake = await startFakeProviders();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('streams text deltas that add up to the final text, with normalised usage', async () => {
    const deltas: string[] = [];
    const result = await anthropic(fake).stream(claudeRequest(), { onText: (d) => deltas.push(d) });
    assert.ok(deltas.length > 1);
    assert.equal(deltas.join(''), result.text);
    assert.match(result.text, /^Fake answer from claude-haiku-4-5 to: Explain/);
    assert.equal(result.stop, 'complete');
    assert.equal(result.model, 'claude-haiku-4-5');
    assert.match(result.requestId ?? '', /^req_/);
    const input = fakeTokenCount('You explain code briefly.') + fakeTokenCount('Explain what this loop does please');
    assert.deepEqual(result.usage, { input, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: fakeTokenCount(result.text), reasoning: 0 });
    assert.equal(result.usageEstimated, false);

    const body = bodyOf(callsTo(fake, '/v1/messages')[0]);
    assert.equal(body.max_tokens, 1000);
    assert.equal(body.stream, true);
    // Too short to be cached: no breakpoint.
    assert.deepEqual(body.system, [{ type: 'text', text: 'You explain code briefly.' }]);
    assert.deepEqual(body.messages, [{ role: 'user', content: 'Explain what this loop does please' }]);
    assertNoSampling(body);
  });

  it('marks only the last system block, and only when long enough: cache write, then cache read', async () => {
    // 18,000 characters: 4,500 fake tokens, above Haiku's 4,096-token minimum.
    const rules = ['Team rules: '.padEnd(10_000, 'r'), 'More rules: '.padEnd(8_000, 's')];
    const prefixTokens = fakeTokenCount(rules[0]) + fakeTokenCount(rules[1]);
    const client = anthropic(fake);
    const ask = (q: string) => client.stream(claudeRequest({ task: 'review', system: rules, messages: [{ role: 'user', content: q }] }));
    const first = await ask('Review this diff please');
    const second = await ask('Review this other diff');
    assert.deepEqual(first.usage, {
      input: fakeTokenCount('Review this diff please'), cacheRead: 0, cacheWrite5m: prefixTokens, cacheWrite1h: 0, output: fakeTokenCount(first.text), reasoning: 0,
    });
    assert.deepEqual(second.usage, {
      input: fakeTokenCount('Review this other diff'), cacheRead: prefixTokens, cacheWrite5m: 0, cacheWrite1h: 0, output: fakeTokenCount(second.text), reasoning: 0,
    });
    const system = bodyOf(callsTo(fake, '/v1/messages')[0]).system as Record<string, unknown>[];
    assert.equal(system.length, 2);
    assert.equal('cache_control' in system[0], false);
    assert.deepEqual(system[1].cache_control, { type: 'ephemeral' });
  });

  it("uses the 1-hour cache lifetime when asked, counted as a 1h write", async () => {
    const rules = ['Rules: '.padEnd(17_000, 'q')];
    const result = await anthropic(fake).stream(claudeRequest({ system: rules, cacheTtl: '1h' }));
    assert.equal(result.usage.cacheWrite1h, fakeTokenCount(rules[0]));
    assert.equal(result.usage.cacheWrite5m, 0);
    const system = bodyOf(callsTo(fake, '/v1/messages')[0]).system as Record<string, unknown>[];
    assert.deepEqual(system[0].cache_control, { type: 'ephemeral', ttl: '1h' });
  });

  it('asks for structured output with output_config and parses the answer', async () => {
    const schema = { type: 'object', properties: { findings: { type: 'array', items: { type: 'string' } } }, required: ['findings'], additionalProperties: false };
    fake.script({ reply: { json: { findings: ['no tests'] } } });
    const result = await anthropic(fake).stream(claudeRequest({ jsonSchema: { name: 'review', schema } }));
    assert.deepEqual(result.json, { findings: ['no tests'] });
    const body = bodyOf(callsTo(fake, '/v1/messages')[0]);
    assert.deepEqual(body.output_config, { format: { type: 'json_schema', schema } });
    assert.equal('tools' in body, false);
  });

  it('leaves json undefined when no schema was asked for', async () => {
    fake.script({ reply: { text: '{"a":1}' } });
    const result = await anthropic(fake).stream(claudeRequest());
    assert.equal(result.json, undefined);
  });

  it('sends images as base64 image blocks without a data: prefix', async () => {
    const result = await anthropic(fake).stream(
      claudeRequest({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Explain this diagram' }, { type: 'image', mediaType: 'image/png', base64: PNG_1X1 }] }] }),
    );
    const body = bodyOf(callsTo(fake, '/v1/messages')[0]);
    const [message] = body.messages as { content: unknown[] }[];
    assert.deepEqual(message.content[1], { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_1X1 } });
    assert.equal(result.usage.input, fakeTokenCount('You explain code briefly.') + fakeTokenCount('Explain this diagram') + FAKE_IMAGE_TOKENS);
  });

  it("stops with 'max-tokens' when the answer reaches max_tokens", async () => {
    fake.script({ reply: { text: 'word '.repeat(100) } });
    const result = await anthropic(fake).stream(claudeRequest({ maxOutputTokens: 5 }));
    assert.equal(result.stop, 'max-tokens');
    assert.equal(result.text.length, 20);
    assert.equal(result.usage.output, 5);
  });

  it('checkKey retrieves the model with the anthropic-version header', async () => {
    await anthropic(fake).checkKey();
    const [call] = fake.requests();
    assert.equal(call.provider, 'anthropic');
    assert.equal(call.path, '/v1/models/claude-haiku-4-5');
    assert.ok(call.headers['anthropic-version']);
  });
});
