import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { toProviderError, type FailureContext } from '../../../src/providers/errors';
import { ProviderError, type FailureKind } from '../../../src/core/calls/providerError';

// Real SDK error objects, built the way each SDK builds them from a response (no HTTP involved).
const KEY = 'sk-ant-configured-key-123';
const GATEWAY_TOKEN = 'gw-token-7f3a9c21';
const ctx: FailureContext = { provider: 'anthropic', secrets: [KEY, GATEWAY_TOKEN], textStarted: false };
const headers = (h: Record<string, string> = {}) => new Headers({ 'request-id': 'req_123', ...h });

function anthropicStatus(status: number, body: object = { type: 'error', error: { type: 'x', message: 'm' } }) {
  return Anthropic.APIError.generate(status, body, undefined, headers());
}

describe('toProviderError', () => {
  const cases: [number, FailureKind][] = [
    [400, 'bad-request'], [401, 'auth'], [402, 'billing'], [403, 'auth'], [404, 'bad-request'], [408, 'timeout'],
    [413, 'bad-request'], [422, 'bad-request'], [429, 'rate-limit'], [500, 'server'], [503, 'server'], [504, 'server'], [529, 'overloaded'],
  ];
  for (const [status, kind] of cases) {
    it(`HTTP ${status} → ${kind}`, () => {
      const err = toProviderError(anthropicStatus(status), Anthropic, ctx);
      assert.equal(err.kind, kind);
      assert.equal(err.details.status, status);
      assert.equal(err.details.requestId, 'req_123');
      assert.match(err.message, /\(request id req_123\)$/);
    });
  }

  it("Anthropic's status-less overloaded_error (the mid-stream error event) → overloaded", () => {
    const raw = new Anthropic.APIError(undefined, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, undefined, headers(), 'overloaded_error');
    assert.equal(toProviderError(raw, Anthropic, { ...ctx, textStarted: true }).kind, 'overloaded');
  });

  it('a status-less error event of another type → mid-stream', () => {
    const raw = new OpenAI.APIError(undefined, { code: 'server_error', message: 'boom' }, undefined, undefined);
    assert.equal(toProviderError(raw, OpenAI, { ...ctx, provider: 'openai' }).kind, 'mid-stream');
  });

  it('connection errors: before any text → connection, after → mid-stream; timeouts → timeout', () => {
    assert.equal(toProviderError(new OpenAI.APIConnectionError({}), OpenAI, { ...ctx, provider: 'openai' }).kind, 'connection');
    assert.equal(toProviderError(new OpenAI.APIConnectionError({}), OpenAI, { ...ctx, provider: 'openai', textStarted: true }).kind, 'mid-stream');
    assert.equal(toProviderError(new OpenAI.APIConnectionTimeoutError(), OpenAI, { ...ctx, provider: 'openai' }).kind, 'timeout');
  });

  it('user aborts and aborted signals → cancelled, whatever the error', () => {
    assert.equal(toProviderError(new Anthropic.APIUserAbortError(), Anthropic, ctx).kind, 'cancelled');
    const controller = new AbortController();
    controller.abort();
    assert.equal(toProviderError(anthropicStatus(500), Anthropic, { ...ctx, signal: controller.signal }).kind, 'cancelled');
  });

  it('attaches the partial result and keeps ProviderErrors as they are', () => {
    const partial = { text: 'so far', usage: { input: 1, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 2, reasoning: 0 }, usageEstimated: true, basis: 'estimated' as const, latencyMs: 5 };
    const err = toProviderError(anthropicStatus(500), Anthropic, { ...ctx, partial });
    assert.deepEqual(err.details.partial, partial);
    const own = new ProviderError('openai', 'auth', 'x');
    assert.equal(toProviderError(own, OpenAI, ctx), own);
  });

  it('never lets the configured key or a key-shaped string into the message', () => {
    const body = { type: 'error', error: { type: 'invalid_request_error', message: `bad: ${KEY} and sk-proj-AbC123xyz789 and Bearer tok_abcdef` } };
    const err = toProviderError(anthropicStatus(400, body), Anthropic, ctx);
    assert.equal(err.message.includes(KEY), false);
    assert.equal(err.message.includes('AbC123xyz789'), false);
    assert.equal(err.message.includes('tok_abcdef'), false);
    assert.match(err.message, /Anthropic said: "bad: /);
  });

  it('keeps gateway header values out of the message, as it does the key', () => {
    const body = { type: 'error', error: { type: 'permission_error', message: `virtual key ${GATEWAY_TOKEN} has no access` } };
    const err = toProviderError(anthropicStatus(403, body), Anthropic, ctx);
    assert.equal(err.message.includes(GATEWAY_TOKEN), false);
    assert.match(err.message, /virtual key \[redacted key\] has no access/);
  });

  it('an unexpected non-SDK error still becomes a ProviderError with a redacted message', () => {
    const err = toProviderError(new Error(`weird ${KEY}`), Anthropic, ctx);
    assert.equal(err.kind, 'server');
    assert.equal(err.message.includes(KEY), false);
  });
});
