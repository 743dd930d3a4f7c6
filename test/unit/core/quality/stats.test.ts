import assert from 'node:assert/strict';
import { bootstrapMeanDifference, bootstrapMeanInterval, mean, newcombeDifference, wilsonInterval } from '../../../../src/core/quality/stats';
import { seededRandom } from '../../../../src/core/random/seeded';

/** Published intervals are given to four decimals. */
function assertInterval(actual: { low: number; high: number }, low: number, high: number, what: string): void {
  assert.ok(Math.abs(actual.low - low) < 0.00006 && Math.abs(actual.high - high) < 0.00006, `${what}: ${actual.low}, ${actual.high}`);
}

describe('wilsonInterval', () => {
  it('matches the score intervals in Newcombe (1998), single proportion, method 3', () => {
    assertInterval(wilsonInterval(81, 263).ci, 0.2553, 0.3662, '81/263');
    assertInterval(wilsonInterval(15, 148).ci, 0.0624, 0.1605, '15/148');
    assertInterval(wilsonInterval(0, 20).ci, 0, 0.1611, '0/20');
    assertInterval(wilsonInterval(1, 29).ci, 0.0061, 0.1718, '1/29');
    assert.equal(wilsonInterval(81, 263).estimate, 81 / 263);
  });

  it('stays inside [0, 1], touching the edge exactly at none or all', () => {
    assert.equal(wilsonInterval(0, 20).ci.low, 0);
    assert.equal(wilsonInterval(20, 20).ci.high, 1);
    assert.ok(wilsonInterval(20, 20).ci.low > 0.8);
  });

  it('says nothing is known with no observations: 0 and [0, 1]', () => {
    assert.deepEqual(wilsonInterval(0, 0), { estimate: 0, ci: { low: 0, high: 1 } });
  });

  it('widens with a larger z', () => {
    const narrow = wilsonInterval(30, 60).ci;
    const wide = wilsonInterval(30, 60, 2.576).ci;
    assert.ok(wide.low < narrow.low && wide.high > narrow.high);
  });
});

describe('newcombeDifference (hybrid score, method 10), second minus first', () => {
  // Newcombe (1998), "Interval estimation for the difference between independent proportions", Table II,
  // given there as p1 − p2; here the same pairs passed the other way round give the same interval.
  it('matches the published examples', () => {
    assertInterval(newcombeDifference(48, 80, 56, 70).ci, 0.0524, 0.3339, '56/70 − 48/80');
    assertInterval(newcombeDifference(3, 10, 9, 10).ci, 0.1705, 0.809, '9/10 − 3/10');
    assertInterval(newcombeDifference(0, 29, 5, 56).ci, -0.0381, 0.1926, '5/56 − 0/29');
    assertInterval(newcombeDifference(0, 20, 0, 10).ci, -0.1611, 0.2775, '0/10 − 0/20');
    assertInterval(newcombeDifference(0, 20, 10, 10).ci, 0.6791, 1, '10/10 − 0/20');
    assert.ok(Math.abs(newcombeDifference(48, 80, 56, 70).estimate - 0.2) < 1e-12);
  });

  it('mirrors when the sides swap', () => {
    const forward = newcombeDifference(48, 80, 56, 70);
    const backward = newcombeDifference(56, 70, 48, 80);
    assert.ok(Math.abs(forward.ci.low + backward.ci.high) < 1e-12 && Math.abs(forward.ci.high + backward.ci.low) < 1e-12);
  });

  it('is 0 and [−1, 1] when a side has no observations', () => {
    assert.deepEqual(newcombeDifference(0, 0, 5, 10), { estimate: 0, ci: { low: -1, high: 1 } });
    assert.deepEqual(newcombeDifference(5, 10, 0, 0), { estimate: 0, ci: { low: -1, high: 1 } });
  });
});

// Forty shares, as survival values would be.
const SAMPLE = [
  0.12, 0.95, 0.4, 0.77, 0.33, 0.61, 0.88, 0.05, 0.5, 0.72, 0.29, 0.91, 0.64, 0.18, 0.83, 0.47, 0.36, 0.99, 0.55, 0.7,
  0.26, 0.81, 0.42, 0.67, 0.09, 0.58, 0.74, 0.31, 0.86, 0.49, 0.63, 0.22, 0.93, 0.38, 0.69, 0.15, 0.52, 0.79, 0.44, 0.6,
];

describe('bootstrapMeanInterval', () => {
  it('comes close to the t-interval of a roughly symmetric sample', () => {
    const m = mean(SAMPLE);
    const sd = Math.sqrt(SAMPLE.reduce((sum, x) => sum + (x - m) ** 2, 0) / (SAMPLE.length - 1));
    const half = (2.0227 * sd) / Math.sqrt(SAMPLE.length); // t(0.975, 39)
    const { estimate, ci } = bootstrapMeanInterval(SAMPLE, seededRandom(7), 2000);
    assert.equal(estimate, m);
    // The percentile bootstrap runs a little narrower than t at n = 40; within 15% of the half-width.
    assert.ok(Math.abs(ci.low - (m - half)) < 0.15 * half, `low ${ci.low} vs ${m - half}`);
    assert.ok(Math.abs(ci.high - (m + half)) < 0.15 * half, `high ${ci.high} vs ${m + half}`);
  });

  it('agrees with mean ± z·SE for a sample of thousands, the same on every build', () => {
    const large = Array.from({ length: 5000 }, (_, i) => SAMPLE[i % SAMPLE.length] * ((i % 7) / 6));
    const m = mean(large);
    const half = 1.96 * Math.sqrt(large.reduce((sum, x) => sum + (x - m) ** 2, 0) / large.length / large.length);
    const { ci } = bootstrapMeanInterval(large, seededRandom(5), 2000);
    assert.ok(Math.abs(ci.low - (m - half)) < 0.1 * half && Math.abs(ci.high - (m + half)) < 0.1 * half, `${ci.low}, ${ci.high} vs ±${half}`);
    assert.deepEqual(bootstrapMeanInterval(large, seededRandom(5), 2000).ci, ci);
  });

  it('is the same for the same seed, and only slightly different for another', () => {
    const first = bootstrapMeanInterval(SAMPLE, seededRandom(42), 2000);
    assert.deepEqual(bootstrapMeanInterval(SAMPLE, seededRandom(42), 2000), first);
    const other = bootstrapMeanInterval(SAMPLE, seededRandom(43), 2000);
    assert.notDeepEqual(other, first);
    assert.ok(Math.abs(other.ci.low - first.ci.low) < 0.02 && Math.abs(other.ci.high - first.ci.high) < 0.02);
  });

  it('is the value itself for one value or all equal, and [0, 1] for none', () => {
    assert.deepEqual(bootstrapMeanInterval([0.25, 0.25, 0.25], seededRandom(1), 100), { estimate: 0.25, ci: { low: 0.25, high: 0.25 } });
    assert.deepEqual(bootstrapMeanInterval([0.7], seededRandom(1), 100), { estimate: 0.7, ci: { low: 0.7, high: 0.7 } });
    assert.deepEqual(bootstrapMeanInterval([], seededRandom(1), 100), { estimate: 0, ci: { low: 0, high: 1 } });
  });
});

describe('bootstrapMeanDifference, second minus first', () => {
  it('centres on the difference of the means and covers it', () => {
    const shifted = SAMPLE.map((x) => x - 0.2);
    const { estimate, ci } = bootstrapMeanDifference(SAMPLE, shifted, seededRandom(3), 2000);
    assert.ok(Math.abs(estimate + 0.2) < 1e-12);
    assert.ok(ci.low < -0.2 && ci.high > -0.2 && ci.high < 0, `${ci.low}, ${ci.high}`);
    // Two independent samples: wider than either mean's own interval.
    const single = bootstrapMeanInterval(SAMPLE, seededRandom(3), 2000).ci;
    assert.ok(ci.high - ci.low > single.high - single.low);
  });

  it('is deterministic for a seed, and 0 and [−1, 1] with an empty side', () => {
    assert.deepEqual(bootstrapMeanDifference(SAMPLE, [0.5, 0.6], seededRandom(9), 500), bootstrapMeanDifference(SAMPLE, [0.5, 0.6], seededRandom(9), 500));
    assert.deepEqual(bootstrapMeanDifference([], SAMPLE, seededRandom(9), 500), { estimate: 0, ci: { low: -1, high: 1 } });
  });
});
