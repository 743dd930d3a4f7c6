import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server';
import { anthropicClient, callsTo, openaiClient, rejection, waitFor } from './helpers';

const GPT = 'gpt-5.4-mini';
const HAIKU = 'claude-haiku-4-5';
const ask = { model: GPT, input: 'Say something reasonably long so that it streams in several pieces' };
const askClaude = { model: HAIKU, max_tokens: 200, messages: [{ role: 'user' as const, content: 'Say something reasonably long please' }] };

describe('fake providers: scripted faults', () => {
  let fake: FakeProviders;
  before(async () => {
    fake = await startFakeProviders();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('OpenAI: a 429 with retry-after: 0 is retried by the SDK, then succeeds', async () => {
    fake.script({ fault: { kind: 'status', status: 429, headers: { 'retry-after': '0' } } });
    const resp = await openaiClient(fake, { maxRetries: 2 }).responses.create(ask);
    assert.equal(resp.status, 'completed');
    const calls = callsTo(fake, '/v1/responses');
    assert.equal(calls.length, 2);
    assert.deepEqual(calls.map((c) => [c.status, c.outcome]), [[429, 'error-status'], [200, 'completed']]);
    assert.deepEqual(calls.map((c) => c.headers['x-stainless-retry-count']), ['0', '1']);
  });

  it('Anthropic: a 429 with retry-after-ms is retried by the SDK, then succeeds', async () => {
    // The Anthropic SDK treats `retry-after: 0` as "no hint" and backs off ~0.5 s; retry-after-ms: 1 keeps this fast.
    fake.script({ fault: { kind: 'status', status: 429, headers: { 'retry-after': '0', 'retry-after-ms': '1' } } });
    const msg = await anthropicClient(fake, { maxRetries: 2 }).messages.create(askClaude);
    assert.equal(msg.stop_reason, 'end_turn');
    const calls = callsTo(fake, '/v1/messages');
    assert.deepEqual(calls.map((c) => c.status), [429, 200]);
    assert.deepEqual(calls.map((c) => c.headers['x-stainless-retry-count']), ['0', '1']);
  });

  it('a 429 body has each provider\'s error shape', async () => {
    fake.script({ fault: { kind: 'status', status: 429 }, times: 2 });
    const oe = await rejection(openaiClient(fake).responses.create(ask));
    assert.ok(oe instanceof OpenAI.RateLimitError);
    assert.equal(oe.code, 'rate_limit_exceeded');
    const ae = await rejection(anthropicClient(fake).messages.create(askClaude));
    assert.ok(ae instanceof Anthropic.RateLimitError);
    assert.equal(ae.type, 'rate_limit_error');
    assert.match(ae.requestID ?? '', /^req_/);
  });

  it('overloaded: Anthropic 529 OverloadedError, OpenAI 503', async () => {
    fake.script({ fault: { kind: 'overloaded' }, times: 2 });
    const ae = await rejection(anthropicClient(fake).messages.create(askClaude));
    assert.ok(ae instanceof Anthropic.OverloadedError);
    assert.equal(ae.status, 529);
    assert.equal(ae.type, 'overloaded_error');
    const oe = await rejection(openaiClient(fake).responses.create(ask));
    assert.ok(oe instanceof OpenAI.InternalServerError);
    assert.equal(oe.status, 503);
  });

  it('OpenAI: a mid-stream error surfaces as an error after the deltas sent, not as a short answer', async () => {
    fake.script({ fault: { kind: 'stream-error', afterDeltas: 2 } });
    const stream = openaiClient(fake, { maxRetries: 2 }).responses.stream(ask);
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (e) => deltas.push(e.delta));
    const err = await rejection(stream.finalResponse());
    assert.ok(err instanceof OpenAI.APIError, String(err));
    assert.equal(deltas.length, 2);
    assert.equal(callsTo(fake, '/v1/responses').length, 1, 'not retried');
  });

  it('OpenAI Chat: a mid-stream error throws from the iterator', async () => {
    fake.script({ fault: { kind: 'stream-error', afterDeltas: 1 } });
    const stream = await openaiClient(fake).chat.completions.create({ model: GPT, messages: [{ role: 'user', content: 'hi there' }], stream: true });
    const seen: string[] = [];
    const err = await rejection(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
      })(),
    );
    assert.ok(err instanceof OpenAI.APIError);
    assert.equal(seen.join(''), 'Fake ans', 'role chunk + one 8-char delta');
  });

  it('Anthropic: a mid-stream error event surfaces as an overloaded APIError and is not retried', async () => {
    fake.script({ fault: { kind: 'stream-error', afterDeltas: 1 } });
    const stream = anthropicClient(fake, { maxRetries: 2 }).messages.stream(askClaude);
    const deltas: string[] = [];
    stream.on('text', (d) => deltas.push(d));
    stream.on('error', () => undefined); // the rejection of finalMessage() is what we check
    const err = await rejection(stream.finalMessage());
    assert.ok(err instanceof Anthropic.APIError, String(err));
    assert.equal(err.type, 'overloaded_error');
    assert.equal(deltas.length, 1);
    assert.equal(callsTo(fake, '/v1/messages').length, 1);
  });

  it('a non-streaming call with a stream-error fault fails with a server error', async () => {
    fake.script({ fault: { kind: 'stream-error' } });
    await assert.rejects(openaiClient(fake).responses.create(ask), OpenAI.InternalServerError);
  });

  it('OpenAI: aborting mid-stream closes the request on the wire (outcome client-closed)', async () => {
    fake.script({ chunkDelayMs: 30 });
    const ac = new AbortController();
    const stream = openaiClient(fake).responses.stream(ask, { signal: ac.signal });
    stream.on('response.output_text.delta', () => ac.abort());
    const err = await rejection(stream.finalResponse());
    assert.ok(err instanceof OpenAI.APIUserAbortError, String(err));
    const [call] = await waitFor(() => {
      const calls = callsTo(fake, '/v1/responses');
      return calls[0]?.outcome !== 'pending' && calls;
    });
    assert.equal(call.outcome, 'client-closed');
    assert.equal(call.status, 200);
  });

  it('Anthropic: aborting mid-stream closes the request on the wire (outcome client-closed)', async () => {
    fake.script({ chunkDelayMs: 30 });
    const ac = new AbortController();
    const stream = anthropicClient(fake).messages.stream(askClaude, { signal: ac.signal });
    stream.on('text', () => ac.abort());
    stream.on('error', () => undefined);
    stream.on('abort', () => undefined);
    const err = await rejection(stream.finalMessage());
    assert.ok(err instanceof Anthropic.APIUserAbortError, String(err));
    const [call] = await waitFor(() => {
      const calls = callsTo(fake, '/v1/messages');
      return calls[0]?.outcome !== 'pending' && calls;
    });
    assert.equal(call.outcome, 'client-closed');
  });

  it('hang: the SDK times out (APIConnectionTimeoutError) and the server sees the connection end', async () => {
    fake.script({ fault: { kind: 'hang' }, times: 2 });
    const oe = await rejection(openaiClient(fake, { timeout: 150 }).responses.create(ask));
    assert.ok(oe instanceof OpenAI.APIConnectionTimeoutError, String(oe));
    const ae = await rejection(anthropicClient(fake, { timeout: 150 }).messages.create(askClaude));
    assert.ok(ae instanceof Anthropic.APIConnectionTimeoutError, String(ae));
    const calls = await waitFor(() => {
      const all = fake.requests();
      return all.length === 2 && all.every((c) => c.outcome !== 'pending') && all;
    });
    assert.deepEqual(calls.map((c) => c.outcome), ['client-closed', 'client-closed']);
    assert.equal(calls[0].status, undefined, 'nothing was ever sent');
  });

  it('drop: the socket is destroyed without a response → APIConnectionError', async () => {
    fake.script({ fault: { kind: 'drop' }, times: 2 });
    const oe = await rejection(openaiClient(fake).responses.create(ask));
    assert.ok(oe instanceof OpenAI.APIConnectionError && !(oe instanceof OpenAI.APIConnectionTimeoutError), String(oe));
    const ae = await rejection(anthropicClient(fake).messages.create(askClaude));
    assert.ok(ae instanceof Anthropic.APIConnectionError, String(ae));
    assert.deepEqual(fake.requests().map((c) => c.outcome), ['dropped', 'dropped']);
  });

  it('delay: answers normally after the pause', async () => {
    fake.script({ fault: { kind: 'delay', ms: 120 } });
    const t0 = Date.now();
    const resp = await openaiClient(fake).responses.create(ask);
    assert.ok(Date.now() - t0 >= 110);
    assert.equal(resp.status, 'completed');
  });

  it('a status fault can carry its own body and headers', async () => {
    fake.script({ fault: { kind: 'status', status: 400, body: { error: { message: 'custom', type: 'invalid_request_error', param: 'input', code: 'my_code' } }, headers: { 'x-should-retry': 'false' } } });
    const err = await rejection(openaiClient(fake).responses.create(ask));
    assert.ok(err instanceof OpenAI.BadRequestError);
    assert.equal(err.code, 'my_code');
    assert.equal(err.headers?.get('x-should-retry'), 'false');
  });

  it('a bad key (bad-…) or a missing key is a 401 in each provider\'s shape', async () => {
    await assert.rejects(openaiClient(fake, { apiKey: 'bad-openai-key' }).responses.create(ask), OpenAI.AuthenticationError);
    await assert.rejects(anthropicClient(fake, { apiKey: 'bad-anthropic-key' }).messages.create(askClaude), Anthropic.AuthenticationError);
    const noKey = await fetch(`${fake.anthropicBaseURL}/v1/messages`, { method: 'POST', headers: { 'anthropic-version': '2023-06-01' }, body: '{}' });
    assert.equal(noKey.status, 401);
    const body = (await noKey.json()) as { type: string; error: { type: string }; request_id: string };
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, 'authentication_error');
    assert.equal(body.request_id, noKey.headers.get('request-id'));
    const noKeyOpenAI = await fetch(`${fake.openaiBaseURL}/responses`, { method: 'POST', body: '{}' });
    assert.equal(noKeyOpenAI.status, 401);
    assert.ok(noKeyOpenAI.headers.get('x-request-id'));
    assert.deepEqual(fake.requests().map((r) => r.auth.style), ['bearer', 'bearer', 'none', 'none']);
    assert.ok(!JSON.stringify(fake.requests()).includes('bad-'), 'keys are never logged');
  });

  it('close() ends hung requests instead of waiting for them', async () => {
    const own = await startFakeProviders();
    own.script({ fault: { kind: 'hang' } });
    const pending = rejection(openaiClient(own, { timeout: 10_000 }).responses.create(ask));
    await waitFor(() => own.requests().length === 1);
    const t0 = Date.now();
    await own.close();
    assert.ok(Date.now() - t0 < 1000, 'close() did not wait for the hung request');
    assert.ok((await pending) instanceof OpenAI.APIConnectionError);
  });
});
