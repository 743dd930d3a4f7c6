import assert from 'node:assert/strict';
import { p95NearestRank, percentileNearestRank } from '../../../../src/core/report/percentile';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('p95NearestRank', () => {
  it('is the value at rank ⌈0.95 n⌉ of the sorted values', () => {
    assert.equal(p95NearestRank(range(1, 20)), 19); // rank 19
    assert.equal(p95NearestRank(range(1, 21)), 20); // ⌈19.95⌉ = 20
    assert.equal(p95NearestRank(range(1, 100)), 95);
    assert.equal(p95NearestRank(range(1, 10)), 10); // ⌈9.5⌉ = 10: with few calls p95 is the largest
  });

  it('does not depend on the order the values come in', () => {
    assert.equal(p95NearestRank([20, 3, 19, 1, 18, 2, 17, 4, 16, 5, 15, 6, 14, 7, 13, 8, 12, 9, 11, 10]), 19);
    assert.equal(p95NearestRank([300, 1000]), 1000);
  });

  it('handles one value, repeated values and none', () => {
    assert.equal(p95NearestRank([7]), 7);
    assert.equal(p95NearestRank([5, 5, 5, 5]), 5);
    assert.equal(p95NearestRank([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 900]), 0);
    assert.equal(p95NearestRank([]), 0);
  });

  it('agrees with sorting on many lists full of repeats', () => {
    let seed = 1;
    const next = (): number => (seed = (seed * 48271) % 2147483647);
    for (let n = 1; n <= 300; n += 7) {
      const values = Array.from({ length: n }, () => next() % 13);
      const sorted = [...values].sort((a, b) => a - b);
      assert.equal(p95NearestRank(values), sorted[Math.ceil((95 * n) / 100) - 1], `n = ${n}`);
    }
  });
});

describe('percentileNearestRank', () => {
  it('gives the median as the value at rank ⌈n / 2⌉, one that occurred', () => {
    assert.equal(percentileNearestRank(range(1, 4), 50), 2);
    assert.equal(percentileNearestRank([900, 100, 300], 50), 300);
    assert.equal(percentileNearestRank([], 50), 0);
    assert.equal(percentileNearestRank(range(1, 20), 95), p95NearestRank(range(1, 20)));
  });
});
