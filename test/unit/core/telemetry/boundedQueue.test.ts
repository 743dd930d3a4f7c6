import { strict as assert } from 'node:assert';
import { BoundedQueue } from '../../../../src/core/telemetry/boundedQueue';

describe('BoundedQueue', () => {
  it('keeps items in order and hands out the oldest first', () => {
    const q = new BoundedQueue<number>(5);
    [1, 2, 3].forEach((n) => q.push(n));
    assert.deepEqual(q.take(2), [1, 2]);
    assert.deepEqual(q.take(), [3]);
    assert.equal(q.size, 0);
    assert.equal(q.dropped, 0);
  });

  it('drops the oldest when full and counts every drop', () => {
    const q = new BoundedQueue<number>(3);
    for (let n = 1; n <= 10; n++) q.push(n);
    assert.deepEqual(q.take(), [8, 9, 10]);
    assert.equal(q.dropped, 7);
  });

  it('puts a failed batch back in front of newer items, dropping the oldest when they no longer fit', () => {
    const q = new BoundedQueue<number>(4);
    [1, 2, 3].forEach((n) => q.push(n));
    const batch = q.take(2);
    q.push(4);
    q.push(5);
    q.putBack(batch);
    assert.deepEqual(q.take(), [2, 3, 4, 5]);
    assert.equal(q.dropped, 1);
  });

  it('refuses a capacity that is not a positive integer', () => {
    assert.throws(() => new BoundedQueue(0), RangeError);
    assert.throws(() => new BoundedQueue(1.5), RangeError);
  });
});
