import assert from 'node:assert/strict';
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server';
import { callsTo, gptRequest, openai, OPENAI_KEY, providerError, waitFor } from './helpers';

describe('OpenAIClient failures → ProviderError', () => {
  let fake: FakeProviders;
  before(async () => {
    fake = await startFakeProviders();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('429 with retry-after, still failing after the SDK retries → rate-limit with the request id', async () => {
    fake.script({ fault: { kind: 'status', status: 429, headers: { 'retry-after-ms': '1', 'retry-after': '1' } }, times: 3 });
    const err = await providerError(openai(fake, { maxRetries: 2 }).stream(gptRequest()));
    assert.equal(err.kind, 'rate-limit');
    assert.equal(err.provider, 'openai');
    assert.equal(err.details.status, 429);
    assert.equal(callsTo(fake, '/v1/responses').length, 3, 'two SDK retries happened first');
    assert.match(err.details.requestId ?? '', /^req_/);
    assert.ok(err.message.includes(err.details.requestId ?? '?'));
    assert.match(err.message, /rate-limiting/);
  });

  it('529 → overloaded; 500 → server', async () => {
    fake.script({ fault: { kind: 'status', status: 529 } }, { fault: { kind: 'status', status: 500 } });
    assert.equal((await providerError(openai(fake).stream(gptRequest()))).kind, 'overloaded');
    const server = await providerError(openai(fake).stream(gptRequest()));
    assert.equal(server.kind, 'server');
    assert.equal(server.details.status, 500);
  });

  it('an error event after text started → mid-stream, keeping the partial text and an estimated usage', async () => {
    fake.script({ fault: { kind: 'stream-error', afterDeltas: 2 } });
    const seen: string[] = [];
    const err = await providerError(openai(fake).stream(gptRequest(), { onText: (d) => seen.push(d) }));
    assert.equal(err.kind, 'mid-stream');
    assert.equal(seen.length, 2);
    assert.equal(err.details.partial?.text, seen.join(''));
    assert.equal(err.details.partial?.usageEstimated, true);
    assert.ok((err.details.partial?.usage.input ?? 0) > 0);
    assert.ok((err.details.partial?.usage.output ?? 0) > 0);
  });

  it('a dropped connection → connection; a hung request with a short timeout → timeout', async () => {
    fake.script({ fault: { kind: 'drop' } }, { fault: { kind: 'hang' } });
    const dropped = await providerError(openai(fake).stream(gptRequest()));
    assert.equal(dropped.kind, 'connection');
    assert.match(dropped.message, /Could not reach OpenAI/);
    const hung = await providerError(openai(fake, { timeoutMs: 200 }).stream(gptRequest()));
    assert.equal(hung.kind, 'timeout');
    assert.match(hung.message, /200 ms/);
  });

  it('a bad key → auth, with a message that says what to do and never holds the key', async () => {
    const apiKey = 'bad-sk-proj-SECRET0123456789';
    const err = await providerError(openai(fake, { apiKey }).stream(gptRequest()));
    assert.equal(err.kind, 'auth');
    assert.equal(err.details.status, 401);
    assert.match(err.message, /rejected the API key \(401\)\. Run 'Tandem: Set API Key…'/);
    assert.equal(err.message.includes(apiKey), false);
    assert.equal(err.message.includes('SECRET'), false);
  });

  it('400 → bad-request quoting the provider, with any key in its text redacted', async () => {
    const body = { error: { message: `Invalid value for 'input' (key ${OPENAI_KEY}, also sk-other-9876543210).`, type: 'invalid_request_error', param: 'input', code: null } };
    fake.script({ fault: { kind: 'status', status: 400, body } });
    const err = await providerError(openai(fake).stream(gptRequest()));
    assert.equal(err.kind, 'bad-request');
    assert.match(err.message, /Invalid value for 'input'/);
    assert.equal(err.message.includes(OPENAI_KEY), false);
    assert.equal(err.message.includes('sk-other-9876543210'), false);
  });

  it('402 → billing; 404 (unknown model) → bad-request', async () => {
    fake.script({ fault: { kind: 'status', status: 402 } });
    assert.equal((await providerError(openai(fake).stream(gptRequest()))).kind, 'billing');
    const err = await providerError(openai(fake).stream(gptRequest({ model: 'nonexistent-model' as 'gpt-5.4-mini' })));
    assert.equal(err.kind, 'bad-request');
    assert.equal(err.details.status, 404);
  });

  it('aborting mid-stream closes the HTTP request and throws cancelled with the partial text', async () => {
    fake.script({ reply: { text: 'a slow answer '.repeat(20) }, chunkDelayMs: 40 });
    const controller = new AbortController();
    const seen: string[] = [];
    const err = await providerError(
      openai(fake).stream(gptRequest({ signal: controller.signal }), {
        onText: (d) => {
          seen.push(d);
          controller.abort();
        },
      }),
    );
    assert.equal(err.kind, 'cancelled');
    assert.ok(seen.length >= 1);
    assert.equal(err.details.partial?.text, seen.join(''));
    assert.equal(err.details.partial?.usageEstimated, true);
    const [call] = await waitFor(() => {
      const calls = callsTo(fake, '/v1/responses');
      return calls[0]?.outcome !== 'pending' ? calls : undefined;
    });
    assert.equal(call.outcome, 'client-closed');
  });

  it('an already-aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await providerError(openai(fake).stream(gptRequest({ signal: controller.signal })));
    assert.equal(err.kind, 'cancelled');
    assert.equal(err.details.partial?.usageEstimated, false);
    assert.equal(fake.requests().length, 0);
  });

  it('checkKey with a bad key → auth', async () => {
    const err = await providerError(openai(fake, { apiKey: 'bad-key-123456' }).checkKey());
    assert.equal(err.kind, 'auth');
    assert.equal(err.message.includes('bad-key-123456'), false);
  });
});
