import assert from 'node:assert/strict';
import { DEFAULT_BACKOFF, dueIn, nextPollDelayMs } from '../../../../src/core/batch/backoff';

// Without jitter: 5 s, 8 s, 12.8 s, 20.48 s, … ×1.6 each poll, capped at 5 min from the 10th poll on (polls = 9).
const BASE = [5_000, 8_000, 12_800, 20_480, 32_768, 52_428.8, 83_886.08, 134_217.728, 214_748.3648, 300_000];
const SEEDS = Array.from({ length: 200 }, (_, i) => `job-${i.toString(36)}-${(i * 7919).toString(16)}`);

describe('nextPollDelayMs', () => {
  it('stays within 10% under the geometric schedule, for every seed', () => {
    for (const seed of SEEDS) {
      BASE.forEach((base, polls) => {
        const delay = nextPollDelayMs(polls, seed);
        assert.ok(Number.isInteger(delay), `${seed}@${polls}: ${delay}`);
        assert.ok(delay <= Math.round(base) && delay >= Math.round(base * 0.9), `${seed}@${polls}: ${delay} vs ${base}`);
      });
    }
  });

  it('grows with every poll until the cap', () => {
    for (const seed of SEEDS.slice(0, 20)) {
      const delays = BASE.map((_, polls) => nextPollDelayMs(polls, seed));
      for (let i = 1; i < delays.length; i++) assert.ok(delays[i] > delays[i - 1], `${seed}: ${delays.join(', ')}`);
    }
  });

  it('never waits longer than the cap, even after a day of polls', () => {
    for (const polls of [9, 10, 50, 288, 10_000, 1e9]) {
      const delay = nextPollDelayMs(polls, 'job-7f3a');
      assert.ok(delay <= DEFAULT_BACKOFF.maxMs && delay >= DEFAULT_BACKOFF.maxMs * 0.9, `${polls}: ${delay}`);
    }
  });

  it('is deterministic: the same job and poll give the same wait, in any run', () => {
    assert.deepEqual([0, 1, 2, 3, 9].map((p) => nextPollDelayMs(p, 'job-7f3a')), [4_598, 7_648, 12_683, 19_458, 273_480]);
    assert.equal(nextPollDelayMs(4, 'job-7f3a'), nextPollDelayMs(4, 'job-7f3a'));
  });

  it('spreads jobs polled at the same step across the jitter band, at the cap too', () => {
    for (const polls of [3, 20]) {
      const delays = SEEDS.map((seed) => nextPollDelayMs(polls, seed));
      const base = Math.min(300_000, 5_000 * 1.6 ** polls);
      assert.ok(new Set(delays).size >= 190, `${polls}: only ${new Set(delays).size} distinct waits`);
      // Both ends of the band are reached: the lowest within 2% of -10%, the highest within 2% of the base.
      assert.ok(Math.min(...delays) < base * 0.92 && Math.max(...delays) > base * 0.98, `${polls}: ${Math.min(...delays)}–${Math.max(...delays)}`);
    }
  });

  it('gives one job a different jitter at each poll, and two windows different waits for the same job', () => {
    const ratios = [0, 1, 2, 3, 4, 5].map((p) => nextPollDelayMs(p, 'job-7f3a') / (5_000 * 1.6 ** p));
    assert.ok(new Set(ratios.map((r) => r.toFixed(3))).size >= 5, ratios.join(', '));
    assert.notEqual(nextPollDelayMs(2, 'job-7f3a/session-1'), nextPollDelayMs(2, 'job-7f3a/session-2'));
  });

  it('follows other options', () => {
    const options = { firstMs: 1_000, factor: 2, maxMs: 10_000 };
    const delays = [0, 1, 2, 3, 4, 5].map((p) => nextPollDelayMs(p, 'x', options));
    [1_000, 2_000, 4_000, 8_000, 10_000, 10_000].forEach((base, i) => assert.ok(delays[i] <= base && delays[i] >= base * 0.9, `${i}: ${delays[i]}`));
  });

  it('refuses a poll count that is not a whole number ≥ 0', () => {
    for (const polls of [-1, 1.5, Number.NaN, Infinity]) assert.throws(() => nextPollDelayMs(polls, 'job'), RangeError);
  });
});

describe('dueIn', () => {
  const now = new Date('2025-03-04T09:00:00.000Z');

  it('is the time left until the next poll', () => {
    assert.equal(dueIn({ nextPollAt: '2025-03-04T09:00:12.800Z' }, now), 12_800);
    assert.equal(dueIn({ nextPollAt: '2025-03-04T09:05:00.000Z' }, now.getTime()), 300_000);
  });

  it('is 0 when the poll is due, overdue (a session later) or not set', () => {
    assert.equal(dueIn({ nextPollAt: '2025-03-04T09:00:00.000Z' }, now), 0);
    assert.equal(dueIn({ nextPollAt: '2025-03-01T17:30:00.000Z' }, now), 0);
    assert.equal(dueIn({}, now), 0);
    assert.equal(dueIn({ nextPollAt: 'not a time' }, now), 0);
  });
});
