import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { FAKE_IMAGE_TOKENS, defaultAnswer, fakeTokenCount, startFakeProviders, type FakeProviders } from '../../fake-providers/server';
import { ANTHROPIC_KEY, anthropicClient, callsTo, rejection, textOfTokens } from './helpers';

const HAIKU = 'claude-haiku-4-5';
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==';

const findingSchema = {
  type: 'object',
  properties: {
    findings: { type: 'array', items: { type: 'object' } },
    severity: { type: 'string', enum: ['error', 'warning'] },
  },
  required: ['findings', 'severity'],
  additionalProperties: false,
};

describe('fake Anthropic: Messages API', () => {
  let fake: FakeProviders;
  before(async () => {
    fake = await startFakeProviders();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('streams text deltas that add up to the final message, with usage', async () => {
    const stream = anthropicClient(fake).messages.stream({
      model: HAIKU,
      max_tokens: 300,
      system: 'Be concise.',
      messages: [{ role: 'user', content: 'Explain closures' }],
    });
    const deltas: string[] = [];
    const types: string[] = [];
    stream.on('text', (d) => deltas.push(d));
    stream.on('streamEvent', (e) => types.push(e.type));
    const final = await stream.finalMessage();

    const text = defaultAnswer(HAIKU, 'Explain closures');
    assert.equal(final.content[0].type === 'text' && final.content[0].text, text);
    assert.ok(deltas.length > 1, 'several deltas');
    assert.equal(deltas.join(''), text);
    assert.equal(final.stop_reason, 'end_turn');
    assert.equal(final.usage.input_tokens, fakeTokenCount('Be concise.') + fakeTokenCount('Explain closures'));
    assert.equal(final.usage.output_tokens, fakeTokenCount(text));
    assert.equal(final.usage.cache_creation_input_tokens, 0);
    assert.equal(final.usage.cache_read_input_tokens, 0);
    assert.deepEqual([types[0], types[1], types.at(-2), types.at(-1)], ['message_start', 'content_block_start', 'message_delta', 'message_stop']);
    const [logged] = callsTo(fake, '/v1/messages');
    assert.equal(logged.headers['anthropic-version'], '2026-10-21');
    assert.equal(logged.outcome, 'completed');
  });

  it('answers JSON with a request id, counting an image block', async () => {
    const { data: msg, request_id } = await anthropicClient(fake)
      .messages.create({
        model: HAIKU,
        max_tokens: 200,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
              { type: 'text', text: 'Turn this into HTML' },
            ],
          },
        ],
      })
      .withResponse();
    assert.equal(msg.type, 'message');
    assert.equal(msg.content[0].type === 'text' && msg.content[0].text, defaultAnswer(HAIKU, 'Turn this into HTML'));
    assert.equal(msg.usage.input_tokens, FAKE_IMAGE_TOKENS + fakeTokenCount('Turn this into HTML'));
    assert.match(request_id ?? '', /^req_/);
  });

  it('rejects an image sent as a data: URL instead of bare base64', async () => {
    const err = await rejection(
      anthropicClient(fake).messages.create({
        model: HAIKU,
        max_tokens: 50,
        messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: `data:image/png;base64,${PNG_BASE64}` } }] }],
      }),
    );
    assert.ok(err instanceof Anthropic.BadRequestError);
  });

  it('accepts both SDK credentials (apiKey, authToken) and a raw x-api-key header', async () => {
    const body = { model: HAIKU, max_tokens: 50, messages: [{ role: 'user' as const, content: 'hi' }] };
    await anthropicClient(fake, { apiKey: ANTHROPIC_KEY }).messages.create(body);
    await anthropicClient(fake, { authToken: ANTHROPIC_KEY }).messages.create(body);
    const raw = await fetch(`${fake.anthropicBaseURL}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': ANTHROPIC_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(raw.status, 200);
    assert.match(raw.headers.get('request-id') ?? '', /^req_/);
    const logged = callsTo(fake, '/v1/messages');
    assert.deepEqual(logged.map((r) => r.auth.style), ['bearer', 'bearer', 'x-api-key']);
    assert.equal(new Set(logged.map((r) => r.auth.keyFingerprint)).size, 1, 'the same key, fingerprinted');
    assert.match(logged[0].auth.keyFingerprint ?? '', /^[0-9a-f]{8}$/);
    assert.equal(logged[2].headers['x-api-key'], '[redacted]');
  });

  it('counts tokens: the whole prompt, system included', async () => {
    const res = await anthropicClient(fake).messages.countTokens({
      model: HAIKU,
      system: 'You review code.',
      messages: [{ role: 'user', content: 'function f() {}' }],
    });
    assert.deepEqual(res, { input_tokens: fakeTokenCount('You review code.') + fakeTokenCount('function f() {}') });
  });

  it('stops at max_tokens with stop_reason max_tokens', async () => {
    fake.script({ reply: { text: 'z'.repeat(100) } });
    const msg = await anthropicClient(fake).messages.create({ model: HAIKU, max_tokens: 5, messages: [{ role: 'user', content: 'go' }] });
    assert.equal(msg.stop_reason, 'max_tokens');
    assert.equal(msg.content[0].type === 'text' && msg.content[0].text, 'z'.repeat(20));
    assert.equal(msg.usage.output_tokens, 5);
  });

  it('refuses temperature / top_p / top_k (API 2026-10-21) and a missing max_tokens', async () => {
    const client = anthropicClient(fake);
    const messages = [{ role: 'user' as const, content: 'hi' }];
    for (const extra of [{ temperature: 0.2 }, { top_p: 0.9 }, { top_k: 5 }]) {
      const err = await rejection(client.messages.create({ model: HAIKU, max_tokens: 50, messages, ...extra }));
      assert.ok(err instanceof Anthropic.BadRequestError, JSON.stringify(extra));
      assert.equal(err.type, 'invalid_request_error');
    }
    const noMax = { model: HAIKU, messages } as unknown as Anthropic.MessageCreateParamsNonStreaming;
    const err = await rejection(client.messages.create(noMax));
    assert.ok(err instanceof Anthropic.BadRequestError);
    assert.match(err.message, /max_tokens/);
  });

  it('answers output_config json_schema with JSON text, streamed or not', async () => {
    const client = anthropicClient(fake);
    const params = {
      model: HAIKU,
      max_tokens: 500,
      messages: [{ role: 'user' as const, content: 'review this' }],
      output_config: { format: { type: 'json_schema' as const, schema: findingSchema } },
    };
    const msg = await client.messages.create(params);
    assert.deepEqual(JSON.parse(msg.content[0].type === 'text' ? msg.content[0].text : ''), { findings: [], severity: 'error' });
    fake.script({ reply: { json: { findings: [{ rule: 'R1' }], severity: 'warning' } } });
    const streamed = await client.messages.stream(params).finalMessage();
    assert.deepEqual(JSON.parse(streamed.content[0].type === 'text' ? streamed.content[0].text : ''), { findings: [{ rule: 'R1' }], severity: 'warning' });
  });

  it('answers a forced tool with a tool_use block, streamed as input_json_delta', async () => {
    const client = anthropicClient(fake);
    const params = {
      model: HAIKU,
      max_tokens: 500,
      messages: [{ role: 'user' as const, content: 'review this' }],
      tools: [{ name: 'report_findings', description: 'Report findings', input_schema: { ...findingSchema, type: 'object' as const } }],
      tool_choice: { type: 'tool' as const, name: 'report_findings' },
    };
    const msg = await client.messages.create(params);
    assert.equal(msg.stop_reason, 'tool_use');
    const block = msg.content[0];
    assert.ok(block.type === 'tool_use');
    assert.equal(block.name, 'report_findings');
    assert.deepEqual(block.input, { findings: [], severity: 'error' });

    const input = { findings: [{ rule: 'R2', line: 3 }], severity: 'warning' };
    fake.script({ reply: { toolInput: input } });
    const stream = client.messages.stream(params);
    const partials: string[] = [];
    stream.on('inputJson', (partial) => partials.push(partial));
    const final = await stream.finalMessage();
    assert.ok(partials.length > 1, 'input arrives in pieces');
    assert.equal(partials.join(''), JSON.stringify(input));
    assert.deepEqual(final.content[0].type === 'tool_use' && final.content[0].input, input);
    assert.equal(final.usage.output_tokens, fakeTokenCount(JSON.stringify(input)));
  });

  it('writes the cache for a cache_control prefix at or above the model minimum, then reads it', async () => {
    const client = anthropicClient(fake);
    const rules = textOfTokens(5000); // above Haiku's 4096 minimum
    const ask = (question: string, ttl?: '1h') =>
      client.messages.create({
        model: HAIKU,
        max_tokens: 100,
        system: [{ type: 'text', text: rules, cache_control: ttl ? { type: 'ephemeral', ttl } : { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: question }],
      });
    const first = await ask('review a');
    assert.equal(first.usage.cache_creation_input_tokens, 5000);
    assert.equal(first.usage.cache_creation?.ephemeral_5m_input_tokens, 5000);
    assert.equal(first.usage.cache_read_input_tokens, 0);
    assert.equal(first.usage.input_tokens, fakeTokenCount('review a'), 'input_tokens excludes the cache');
    const second = await ask('review b');
    assert.equal(second.usage.cache_read_input_tokens, 5000);
    assert.equal(second.usage.cache_creation_input_tokens, 0);
    assert.equal(second.usage.input_tokens, fakeTokenCount('review b'));

    const hour = await client.messages.create({
      model: HAIKU,
      max_tokens: 100,
      system: [{ type: 'text', text: textOfTokens(5000, 'h'), cache_control: { type: 'ephemeral', ttl: '1h' } }],
      messages: [{ role: 'user', content: 'q' }],
    });
    assert.equal(hour.usage.cache_creation?.ephemeral_1h_input_tokens, 5000);
    assert.equal(hour.usage.cache_creation?.ephemeral_5m_input_tokens, 0);
  });

  it('does not cache a prefix below the minimum (4096 for Haiku 4.5, 1024 for others)', async () => {
    const client = anthropicClient(fake);
    const rules = textOfTokens(2000);
    const ask = (model: string) =>
      client.messages.create({
        model,
        max_tokens: 100,
        system: [{ type: 'text', text: rules, cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: 'q' }],
      });
    const haiku = await ask(HAIKU);
    assert.equal(haiku.usage.cache_creation_input_tokens, 0);
    assert.equal(haiku.usage.input_tokens, 2000 + fakeTokenCount('q'));
    const sonnet = await ask('claude-sonnet-4-6');
    assert.equal(sonnet.usage.cache_creation_input_tokens, 2000);
  });

  it('answers an unknown model with 404 not_found_error', async () => {
    const err = await rejection(anthropicClient(fake).messages.create({ model: 'gpt-5.4-mini', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }));
    assert.ok(err instanceof Anthropic.NotFoundError);
    assert.equal(err.type, 'not_found_error');
  });
});
