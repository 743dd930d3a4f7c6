import assert from 'node:assert/strict';
import { retryDelayMs } from '../../../../src/core/telemetry/retryBackoff';

describe('retryDelayMs', () => {
  it('waits 1 s before the first retry and doubles up to the export interval', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 50].map((attempt) => retryDelayMs(attempt, { capMs: 30_000 }));
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('never waits longer than an interval shorter than 1 s', () => {
    assert.equal(retryDelayMs(1, { capMs: 300 }), 300);
  });

  it('with jitter waits between half and all of the scheduled delay', () => {
    assert.equal(retryDelayMs(3, { capMs: 60_000, random: () => 0 }), 2000);
    assert.equal(retryDelayMs(3, { capMs: 60_000, random: () => 0.5 }), 3000);
    assert.equal(retryDelayMs(3, { capMs: 60_000, random: () => 0.999999 }), 4000);
    assert.equal(retryDelayMs(10, { capMs: 60_000, random: () => 0 }), 30_000, 'the cap is jittered too');
  });

  it('refuses an attempt number that is not a positive integer, or a cap that is not positive', () => {
    assert.throws(() => retryDelayMs(0, { capMs: 1000 }), RangeError);
    assert.throws(() => retryDelayMs(1.5, { capMs: 1000 }), RangeError);
    assert.throws(() => retryDelayMs(1, { capMs: 0 }), RangeError);
  });
});
