import assert from 'node:assert/strict';
import { SessionSpend, type SpendTotals } from '../../../src/core/spend/sessionSpend';

describe('SessionSpend', () => {
  it('starts at zero and adds calls exactly, in micro-dollars', () => {
    const spend = new SessionSpend();
    assert.deepEqual(spend.totals, { calls: 0, tokens: 0, costMicroUsd: 0 });
    // 0.1 + 0.2 dollars would drift in floating point; whole micro-dollars do not.
    spend.add({ tokens: 100, costMicroUsd: 100_000 });
    spend.add({ tokens: 50, costMicroUsd: 200_000 });
    assert.deepEqual(spend.totals, { calls: 2, tokens: 150, costMicroUsd: 300_000 });
  });

  it('tells listeners about every change, reset included, until they unsubscribe', () => {
    const spend = new SessionSpend();
    const seen: SpendTotals[] = [];
    const subscription = spend.onDidChange((t) => seen.push(t));
    spend.add({ tokens: 10, costMicroUsd: 5 });
    spend.reset();
    subscription.dispose();
    spend.add({ tokens: 1, costMicroUsd: 1 });
    assert.deepEqual(seen, [
      { calls: 1, tokens: 10, costMicroUsd: 5 },
      { calls: 0, tokens: 0, costMicroUsd: 0 },
    ]);
  });

  it('refuses fractional or negative money instead of corrupting the total', () => {
    const spend = new SessionSpend();
    assert.throws(() => spend.add({ tokens: 1, costMicroUsd: 0.5 }), RangeError);
    assert.throws(() => spend.add({ tokens: 1, costMicroUsd: -1 }), RangeError);
    assert.throws(() => spend.add({ tokens: -1, costMicroUsd: 1 }), RangeError);
    assert.equal(spend.totals.calls, 0);
  });
});
