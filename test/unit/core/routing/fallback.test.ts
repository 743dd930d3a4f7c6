import assert from 'node:assert/strict';
import { Cooldowns, shouldFallBack } from '../../../../src/core/routing/fallback';

describe('fallback rules', () => {
  it('falls back on rate limits, overload, server, connection, timeout and broken streams', () => {
    for (const kind of ['rate-limit', 'overloaded', 'server', 'connection', 'timeout', 'mid-stream']) {
      assert.ok(shouldFallBack(kind), kind);
    }
  });

  it('never falls back on a bad request, a bad key, billing or a cancel', () => {
    for (const kind of ['bad-request', 'auth', 'billing', 'cancelled']) assert.ok(!shouldFallBack(kind), kind);
  });

  it('cools a provider down for a while, then lets it back', () => {
    let now = 1000;
    const cooldowns = new Cooldowns(5000, () => now);
    cooldowns.trip('openai');
    assert.ok(cooldowns.isCoolingDown('openai'));
    assert.ok(!cooldowns.isCoolingDown('anthropic'));
    now += 4999;
    assert.ok(cooldowns.isCoolingDown('openai'));
    now += 1;
    assert.ok(!cooldowns.isCoolingDown('openai'));
  });
});
