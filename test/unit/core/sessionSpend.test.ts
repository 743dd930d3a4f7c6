import assert from 'node:assert/strict';
import { SessionSpend, type SpendTotals } from '../../../src/core/spend/sessionSpend';
import { ZERO_USAGE } from '../../../src/core/usage/usage';
import { makeRecord } from './ledger/fixtures';

let n = 0;
const call = (input: number, output: number, costMicroUsd: number) =>
  makeRecord({ id: `r${n++}`, time: '2026-11-24T10:00:00.000Z', usage: { ...ZERO_USAGE, input, output }, costMicroUsd });

describe('SessionSpend', () => {
  it('starts at zero and adds calls exactly, in micro-dollars', () => {
    const spend = new SessionSpend(() => 'session-1');
    assert.deepEqual(spend.totals, { calls: 0, tokens: 0, costMicroUsd: 0 });
    // 0.1 + 0.2 dollars would drift in floating point; whole micro-dollars do not.
    spend.add(call(60, 40, 100_000));
    spend.add(call(30, 20, 200_000));
    assert.deepEqual(spend.totals, { calls: 2, tokens: 150, costMicroUsd: 300_000 });
    assert.equal(spend.records.length, 2);
  });

  it('tells listeners about every change; a reset starts a new session id', () => {
    let id = 0;
    const spend = new SessionSpend(() => `session-${++id}`);
    const seen: SpendTotals[] = [];
    const subscription = spend.onDidChange((t) => seen.push(t));
    spend.add(call(10, 0, 5));
    assert.equal(spend.id, 'session-1');
    spend.reset();
    assert.equal(spend.id, 'session-2');
    assert.equal(spend.records.length, 0);
    subscription.dispose();
    spend.add(call(1, 0, 1));
    assert.deepEqual(seen, [
      { calls: 1, tokens: 10, costMicroUsd: 5 },
      { calls: 0, tokens: 0, costMicroUsd: 0 },
    ]);
  });

  it('is busy while any request is in flight, and says so once at each edge', () => {
    const spend = new SessionSpend(() => 's');
    const edges: boolean[] = [];
    spend.onDidChangeBusy((b) => edges.push(b));
    const endA = spend.begin();
    const endB = spend.begin();
    assert.ok(spend.busy);
    endA();
    endA(); // ending twice is harmless
    assert.ok(spend.busy);
    endB();
    assert.ok(!spend.busy);
    assert.deepEqual(edges, [true, false]);
  });

  it('refuses fractional or negative money instead of corrupting the total', () => {
    const spend = new SessionSpend(() => 's');
    assert.throws(() => spend.add(call(1, 0, 0.5)), RangeError);
    assert.throws(() => spend.add(call(1, 0, -1)), RangeError);
    assert.equal(spend.totals.calls, 0);
  });
});
