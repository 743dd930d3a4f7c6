import assert from 'node:assert/strict';
import { callEvent } from '../../../../src/core/telemetry/callEvent';
import { microUsdFromUsd } from '../../../../src/core/telemetry/callMeasurements';
import { makeRecord } from '../ledger/fixtures';
import { CALL_TIME, cachedReviewCall } from './callFixtures';

const time = CALL_TIME;
const FAKE_KEY = 'sk-live-FAKE-never-in-an-event';

const cachedCall = cachedReviewCall({ id: 'call-id-123', session: 'session-id-456', requestId: 'req_secret_42', reason: 'review of a large diff' });

describe('callEvent', () => {
  it("is the GenAI inference event at the call's start, with exactly the usage, cost and timing attributes", () => {
    const event = callEvent(cachedCall);
    assert.equal(event.eventName, 'gen_ai.client.inference.operation.details');
    assert.equal(event.timeMs, Date.parse(time));
    assert.deepEqual(event.attributes, {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-haiku-4-5',
      'gen_ai.usage.input_tokens': 120 + 4000 + 700 + 300,
      'gen_ai.usage.output_tokens': 90,
      'gen_ai.usage.cache_read.input_tokens': 4000,
      'gen_ai.usage.cache_creation.input_tokens': 1000,
      'tandem.task': 'review',
      'tandem.outcome': 'ok',
      'tandem.batch': false,
      'tandem.estimated': false,
      'tandem.cost.usd': 0.002695,
      'tandem.latency_ms': 2350,
      'tandem.first_token_ms': 410,
    });
  });

  it('gives the cost in USD that converts back to the ledger micro-dollars exactly', () => {
    for (const costMicroUsd of [0, 1, 2695, 123_456_789]) {
      const usd = callEvent(makeRecord({ id: 'c', time, costMicroUsd })).attributes['tandem.cost.usd'];
      assert.equal(typeof usd, 'number');
      assert.equal(microUsdFromUsd(usd as number), costMicroUsd);
    }
  });

  it('marks an error or a fallback with error.type _OTHER, and no other outcome', () => {
    const errorType = (outcome: 'ok' | 'error' | 'cancelled' | 'fallback') =>
      callEvent(makeRecord({ id: 'c', time, outcome, error: `HTTP 401 for ${FAKE_KEY}` })).attributes['error.type'];
    assert.equal(errorType('error'), '_OTHER');
    assert.equal(errorType('fallback'), '_OTHER');
    assert.equal(errorType('ok'), undefined);
    assert.equal(errorType('cancelled'), undefined);
  });

  it('leaves out the time to first token when the call has none (a batch call)', () => {
    const event = callEvent(makeRecord({ id: 'c', time, batch: true, estimated: true }));
    assert.equal('tandem.first_token_ms' in event.attributes, false);
    assert.equal(event.attributes['tandem.batch'], true);
    assert.equal(event.attributes['tandem.estimated'], true);
  });

  it('carries no id, error text, reason or key', () => {
    const failed = { ...cachedCall, outcome: 'error' as const, error: `HTTP 401 Unauthorized for key ${FAKE_KEY}` };
    const text = JSON.stringify(callEvent(failed));
    for (const secret of ['call-id-123', 'session-id-456', 'req_secret_42', 'large diff', 'Unauthorized', FAKE_KEY]) {
      assert.equal(text.includes(secret), false, secret);
    }
  });
});
