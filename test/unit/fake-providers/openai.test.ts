import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { FAKE_IMAGE_TOKENS, defaultAnswer, fakeTokenCount, startFakeProviders, type FakeProviders } from '../../fake-providers/server';
import { callsTo, openaiClient, rejection, textOfTokens } from './helpers';

const MODEL = 'gpt-5.4-mini';
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==';

describe('fake OpenAI: Responses API', () => {
  let fake: FakeProviders;
  before(async () => {
    fake = await startFakeProviders();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('streams deltas that add up to the final text, with usage (incl. reasoning) only on the last event', async () => {
    const stream = openaiClient(fake).responses.stream({
      model: MODEL,
      instructions: 'Be brief.',
      input: 'Write a haiku about tests',
      reasoning: { effort: 'low' },
    });
    const deltas: string[] = [];
    const events: { type: string; usage?: unknown }[] = [];
    stream.on('response.output_text.delta', (e) => deltas.push(e.delta));
    stream.on('event', (e) => events.push({ type: e.type, usage: 'response' in e ? e.response.usage : undefined }));
    const final = await stream.finalResponse();

    const text = defaultAnswer(MODEL, 'Write a haiku about tests');
    assert.equal(final.output_text, text);
    assert.ok(deltas.length > 1, 'several deltas');
    assert.equal(deltas.join(''), final.output_text);
    assert.deepEqual(final.usage, {
      input_tokens: fakeTokenCount('Be brief.') + fakeTokenCount('Write a haiku about tests'),
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: 16 + fakeTokenCount(text),
      output_tokens_details: { reasoning_tokens: 16 },
      total_tokens: fakeTokenCount('Be brief.') + fakeTokenCount('Write a haiku about tests') + 16 + fakeTokenCount(text),
    });
    assert.equal(events[0].type, 'response.created');
    assert.equal(events.at(-1)?.type, 'response.completed');
    assert.ok(events.filter((e) => e.type !== 'response.completed').every((e) => e.usage == null), 'usage only at the end');
    assert.equal(final.output[0].type, 'reasoning', 'a reasoning item precedes the message');
  });

  it('answers JSON with a request id, counting text and image inputs', async () => {
    const resp = await openaiClient(fake).responses.create({
      model: MODEL,
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'What is in this picture?' }, { type: 'input_image', image_url: PNG, detail: 'auto' }] }],
    });
    assert.equal(resp.status, 'completed');
    assert.equal(resp.output_text, defaultAnswer(MODEL, 'What is in this picture?'));
    assert.equal(resp.usage?.input_tokens, fakeTokenCount('What is in this picture?') + FAKE_IMAGE_TOKENS);
    assert.equal(resp.usage?.output_tokens, fakeTokenCount(resp.output_text));
    assert.match(resp._request_id ?? '', /^req_/);
    const [logged] = callsTo(fake, '/v1/responses');
    assert.equal(logged.outcome, 'completed');
    assert.equal(logged.status, 200);
    assert.equal(logged.auth.style, 'bearer');
    assert.equal(logged.headers.authorization, '[redacted]', 'the key is never stored');
    assert.ok(!JSON.stringify(fake.requests()).includes('sk-test-openai'));
  });

  it('gives a scripted reply to the matching request only', async () => {
    fake.script({ match: { model: 'gpt-4o-mini' }, reply: { text: 'scripted!' } });
    const client = openaiClient(fake);
    const other = await client.responses.create({ model: MODEL, input: 'hi' });
    const matched = await client.responses.create({ model: 'gpt-4o-mini', input: 'hi' });
    assert.equal(other.output_text, defaultAnswer(MODEL, 'hi'));
    assert.equal(matched.output_text, 'scripted!');
  });

  it('truncates at max_output_tokens: status incomplete, JSON and stream alike', async () => {
    const client = openaiClient(fake);
    fake.script({ reply: { text: 'y'.repeat(200) }, times: 2 });
    const resp = await client.responses.create({ model: MODEL, input: 'long please', max_output_tokens: 20 });
    assert.equal(resp.status, 'incomplete');
    assert.deepEqual(resp.incomplete_details, { reason: 'max_output_tokens' });
    assert.equal(resp.output_text, 'y'.repeat(80));
    assert.equal(resp.usage?.output_tokens, 20);

    const streamed = await client.responses.stream({ model: MODEL, input: 'long please', max_output_tokens: 20 }).finalResponse();
    assert.equal(streamed.status, 'incomplete');
    assert.equal(streamed.output_text, 'y'.repeat(80));
    assert.equal(streamed.usage?.output_tokens, 20);
  });

  it('answers a json_schema request with a minimal valid instance, or the scripted JSON', async () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
        count: { type: 'integer' },
        ok: { type: 'boolean' },
        kind: { type: 'string', enum: ['sql', 'json'] },
        nested: { type: 'object', properties: { at: { type: ['number', 'null'] } }, required: ['at'], additionalProperties: false },
      },
      required: ['name', 'tags', 'count', 'ok', 'kind', 'nested'],
      additionalProperties: false,
    };
    const client = openaiClient(fake);
    const text = { format: { type: 'json_schema' as const, name: 'thing', strict: true, schema } };
    const resp = await client.responses.create({ model: MODEL, input: 'make one', text });
    assert.deepEqual(JSON.parse(resp.output_text), { name: 'text', tags: [], count: 0, ok: false, kind: 'sql', nested: { at: 0 } });

    fake.script({ reply: { json: { name: 'scripted' } } });
    const scripted = await client.responses.create({ model: MODEL, input: 'make one', text });
    assert.deepEqual(JSON.parse(scripted.output_text), { name: 'scripted' });
  });

  it('rejects temperature and top_p on GPT-5 models with unsupported_value, but not on others', async () => {
    const client = openaiClient(fake);
    const err = await rejection(client.responses.create({ model: MODEL, input: 'hi', temperature: 0.2 }));
    assert.ok(err instanceof OpenAI.BadRequestError);
    assert.equal(err.code, 'unsupported_value');
    assert.equal(err.param, 'temperature');
    await assert.rejects(client.responses.create({ model: MODEL, input: 'hi', top_p: 0.5 }), OpenAI.BadRequestError);
    const ok = await client.responses.create({ model: 'gpt-4o-mini', input: 'hi', temperature: 0.2 });
    assert.equal(ok.status, 'completed');
  });

  it('answers an unknown model with 404 model_not_found', async () => {
    const err = await rejection(openaiClient(fake).responses.create({ model: 'no-such-model', input: 'hi' }));
    assert.ok(err instanceof OpenAI.NotFoundError);
    assert.equal(err.code, 'model_not_found');
  });

  it('reports cached tokens for a repeated prefix of 1024+ tokens, in steps of 128', async () => {
    const client = openaiClient(fake);
    const instructions = textOfTokens(2000); // 8000 chars
    const first = await client.responses.create({ model: MODEL, instructions, input: 'first question' });
    const second = await client.responses.create({ model: MODEL, instructions, input: 'second question' });
    assert.equal(first.usage?.input_tokens_details.cached_tokens, 0);
    // Common prefix: 8000 chars of instructions + the separator → 2000 tokens → 1920 (a multiple of 128).
    assert.equal(second.usage?.input_tokens_details.cached_tokens, 1920);
    assert.equal(second.usage?.input_tokens, 2000 + fakeTokenCount('second question'), 'input_tokens includes cached tokens');

    const otherKey = await client.responses.create({ model: MODEL, instructions, input: 'third', prompt_cache_key: 'k2' });
    assert.equal(otherKey.usage?.input_tokens_details.cached_tokens, 0, 'prompt_cache_key separates caches');

    const short = textOfTokens(1000, 'b');
    await client.responses.create({ model: MODEL, instructions: short, input: 'q1' });
    const shortAgain = await client.responses.create({ model: MODEL, instructions: short, input: 'q2' });
    assert.equal(shortAgain.usage?.input_tokens_details.cached_tokens, 0, 'below 1024 tokens nothing is cached');
  });
});

describe('fake OpenAI: Chat Completions', () => {
  let fake: FakeProviders;
  before(async () => {
    fake = await startFakeProviders();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('answers JSON with usage', async () => {
    const completion = await openaiClient(fake).chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'developer', content: 'You write SQL.' },
        { role: 'user', content: 'List all users' },
      ],
      max_completion_tokens: 200,
    });
    const text = defaultAnswer(MODEL, 'List all users');
    assert.equal(completion.choices[0].message.content, text);
    assert.equal(completion.choices[0].finish_reason, 'stop');
    assert.equal(completion.usage?.prompt_tokens, fakeTokenCount('You write SQL.') + fakeTokenCount('List all users'));
    assert.equal(completion.usage?.completion_tokens, fakeTokenCount(text));
  });

  it('streams with include_usage: the last chunk has no choices and carries the usage', async () => {
    const stream = await openaiClient(fake).chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Stream me' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    assert.equal(text, defaultAnswer(MODEL, 'Stream me'));
    const last = chunks.at(-1);
    assert.deepEqual(last?.choices, []);
    assert.equal(last?.usage?.prompt_tokens, fakeTokenCount('Stream me'));
    assert.equal(last?.usage?.completion_tokens, fakeTokenCount(text));
    assert.ok(chunks.slice(0, -1).every((c) => c.usage == null));
    assert.equal(chunks.at(-2)?.choices[0].finish_reason, 'stop');
  });

  it("refuses max_tokens on GPT-5 models (they take max_completion_tokens)", async () => {
    const err = await rejection(
      openaiClient(fake).chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'x' }], max_tokens: 10 }),
    );
    assert.ok(err instanceof OpenAI.BadRequestError);
    assert.equal(err.param, 'max_tokens');
  });
});
