import assert from 'node:assert/strict';
import { fakeTokenCount, startFakeProviders, type FakeProviders } from '../../fake-providers/server';
import { anthropic, ANTHROPIC_KEY, callsTo, claudeRequest, providerError, waitFor } from './helpers';

describe('AnthropicClient failures → ProviderError', () => {
  let fake: FakeProviders;
  before(async () => {
    fake = await startFakeProviders();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('429 still failing after the SDK retries → rate-limit with the request id', async () => {
    fake.script({ fault: { kind: 'status', status: 429, headers: { 'retry-after-ms': '1', 'retry-after': '0' } }, times: 3 });
    const err = await providerError(anthropic(fake, { maxRetries: 2 }).stream(claudeRequest()));
    assert.equal(err.kind, 'rate-limit');
    assert.equal(err.provider, 'anthropic');
    assert.equal(callsTo(fake, '/v1/messages').length, 3);
    assert.match(err.details.requestId ?? '', /^req_/);
    assert.ok(err.message.includes(err.details.requestId ?? '?'));
  });

  it('529 → overloaded', async () => {
    fake.script({ fault: { kind: 'overloaded' } });
    const err = await providerError(anthropic(fake).stream(claudeRequest()));
    assert.equal(err.kind, 'overloaded');
    assert.equal(err.details.status, 529);
    assert.match(err.message, /Anthropic is overloaded/);
  });

  it('a mid-stream overloaded_error event → overloaded, with the partial text and reported input usage', async () => {
    fake.script({ fault: { kind: 'stream-error', afterDeltas: 2 } });
    const seen: string[] = [];
    const err = await providerError(anthropic(fake).stream(claudeRequest(), { onText: (d) => seen.push(d) }));
    assert.equal(err.kind, 'overloaded');
    assert.equal(err.details.status, undefined);
    assert.match(err.details.requestId ?? '', /^req_/);
    assert.equal(err.details.partial?.text, seen.join(''));
    assert.equal(seen.length, 2);
    // Input as message_start reported it; output estimated from the text so far.
    const partial = err.details.partial;
    assert.equal(partial?.usage.input, fakeTokenCount('You explain code briefly.') + fakeTokenCount('Explain what this loop does please'));
    assert.ok((partial?.usage.output ?? 0) >= 1);
    assert.equal(partial?.usageEstimated, true);
  });

  it('a dropped connection → connection; a hung request with a short timeout → timeout', async () => {
    fake.script({ fault: { kind: 'drop' } }, { fault: { kind: 'hang' } });
    assert.equal((await providerError(anthropic(fake).stream(claudeRequest()))).kind, 'connection');
    assert.equal((await providerError(anthropic(fake, { timeoutMs: 200 }).stream(claudeRequest()))).kind, 'timeout');
  });

  it('a bad key → auth, with a message that never holds the key', async () => {
    const apiKey = 'bad-sk-ant-SECRET0123456789';
    const err = await providerError(anthropic(fake, { apiKey }).stream(claudeRequest()));
    assert.equal(err.kind, 'auth');
    assert.match(err.message, /Anthropic rejected the API key \(401\)\. Run 'Tandem: Set API Key…'/);
    assert.equal(err.message.includes(apiKey), false);
    assert.equal(err.message.includes('SECRET'), false);
  });

  it('400 → bad-request, provider text redacted; 402 → billing; 413 → bad-request', async () => {
    const body = { type: 'error', error: { type: 'invalid_request_error', message: `messages: bad block (x-api-key ${ANTHROPIC_KEY})` } };
    fake.script({ fault: { kind: 'status', status: 400, body } }, { fault: { kind: 'status', status: 402 } }, { fault: { kind: 'status', status: 413 } });
    const bad = await providerError(anthropic(fake).stream(claudeRequest()));
    assert.equal(bad.kind, 'bad-request');
    assert.match(bad.message, /messages: bad block/);
    assert.equal(bad.message.includes(ANTHROPIC_KEY), false);
    assert.equal((await providerError(anthropic(fake).stream(claudeRequest()))).kind, 'billing');
    assert.equal((await providerError(anthropic(fake).stream(claudeRequest()))).kind, 'bad-request');
  });

  it('aborting mid-stream closes the HTTP request and throws cancelled with the partial text', async () => {
    fake.script({ reply: { text: 'a slow answer '.repeat(20) }, chunkDelayMs: 40 });
    const controller = new AbortController();
    const seen: string[] = [];
    const err = await providerError(
      anthropic(fake).stream(claudeRequest({ signal: controller.signal }), {
        onText: (d) => {
          seen.push(d);
          controller.abort();
        },
      }),
    );
    assert.equal(err.kind, 'cancelled');
    assert.equal(err.details.partial?.text, seen.join(''));
    assert.ok(seen.length >= 1);
    const [call] = await waitFor(() => {
      const calls = callsTo(fake, '/v1/messages');
      return calls[0]?.outcome !== 'pending' ? calls : undefined;
    });
    assert.equal(call.outcome, 'client-closed');
  });

  it('checkKey with a bad key → auth', async () => {
    const err = await providerError(anthropic(fake, { apiKey: 'bad-anthropic-key' }).checkKey());
    assert.equal(err.kind, 'auth');
    assert.equal(err.message.includes('bad-anthropic-key'), false);
  });
});
