import type { Interval } from './routingAnalysis';

// The few formulas the routing advice needs, written out: each is a handful of lines from its paper, and no
// dependency in package.json offers them (a statistics library would bring much more than these four).

/** An estimate with its two-sided confidence interval. */
export interface Estimate {
  readonly estimate: number;
  readonly ci: Interval;
}

/** Nothing observed: a share could be anything from 0 to 1. */
const NO_SHARE: Estimate = { estimate: 0, ci: { low: 0, high: 1 } };
/** Nothing observed on a side: the difference of two shares could be anything from −1 to 1. */
const NO_DIFFERENCE: Estimate = { estimate: 0, ci: { low: -1, high: 1 } };

export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * The Wilson score interval for a proportion (Wilson 1927; Newcombe 1998, "Two-sided confidence intervals for
 * the single proportion", method 3): unlike successes/n ± z·SE it stays inside [0, 1] and keeps its coverage
 * for small n and for shares near 0 or 1, which is where a new cell's acceptance rate starts.
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): Estimate {
  if (n === 0) return NO_SHARE;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 or n successes the bound is exactly 0 or 1; rounding would leave a hair off it.
  const low = successes === 0 ? 0 : Math.max(0, centre - half);
  const high = successes === n ? 1 : Math.min(1, centre + half);
  return { estimate: p, ci: { low, high } };
}

/**
 * The interval for the difference p2 − p1 of two independent proportions (x1 of n1 against x2 of n2), by
 * Newcombe's hybrid score method (Newcombe 1998, "Interval estimation for the difference between independent
 * proportions", method 10): each side's Wilson interval, combined. The second minus the first, so the routing
 * advice passes (current, other) and reads other − current. Either side empty → 0 and [−1, 1].
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, z = 1.96): Estimate {
  if (n1 === 0 || n2 === 0) return NO_DIFFERENCE;
  const first = wilsonInterval(x1, n1, z);
  const second = wilsonInterval(x2, n2, z);
  const p1 = first.estimate;
  const p2 = second.estimate;
  const below = Math.hypot(p2 - second.ci.low, first.ci.high - p1);
  const above = Math.hypot(second.ci.high - p2, p1 - first.ci.low);
  return { estimate: p2 - p1, ci: { low: p2 - p1 - below, high: p2 - p1 + above } };
}

/**
 * A percentile bootstrap interval for the mean of `values` (Efron): resample with replacement, take the
 * middle of the resampled means. `random` is a seeded generator (core/random/seeded.ts), so the same data
 * give the same interval each time the report is built. The means here are of shares, so no values → [0, 1].
 */
export function bootstrapMeanInterval(values: readonly number[], random: () => number, resamples: number, z = 1.96): Estimate {
  if (values.length === 0) return NO_SHARE;
  const draw = meanSampler(values, random);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) means[r] = draw();
  return { estimate: mean(values), ci: percentileInterval(means, z) };
}

/**
 * A percentile bootstrap interval for mean(b) − mean(a), each side resampled on its own (the second minus the
 * first, as in newcombeDifference). Either side empty → 0 and [−1, 1].
 */
export function bootstrapMeanDifference(
  a: readonly number[],
  b: readonly number[],
  random: () => number,
  resamples: number,
  z = 1.96,
): Estimate {
  if (a.length === 0 || b.length === 0) return NO_DIFFERENCE;
  const drawA = meanSampler(a, random);
  const drawB = meanSampler(b, random);
  const differences = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) differences[r] = drawB() - drawA();
  return { estimate: mean(b) - mean(a), ci: percentileInterval(differences, z) };
}

/**
 * Above this many values a resample's mean is drawn from its normal limit instead: for shares (bounded, so
 * the central limit theorem sets in early) the two agree within the resampling noise, and resampling ten
 * thousand completions 2,000 times would hold up a report build by half a second per interval.
 */
const RESAMPLE_AT_MOST = 500;

/** Draws the mean of one bootstrap resample of `values`. */
function meanSampler(values: readonly number[], random: () => number): () => number {
  const n = values.length;
  if (n <= RESAMPLE_AT_MOST) {
    return () => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += values[Math.floor(random() * n)];
      return sum / n;
    };
  }
  // The resampled mean's own spread: the sample's plug-in variance (over n, as resampling sees it) over n.
  const m = mean(values);
  const standardError = Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / n / n);
  return () => m + standardError * standardNormal(random);
}

/** A standard normal draw from two uniform ones (Box–Muller); 1 − u keeps the logarithm away from 0. */
function standardNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** The bootstrap distribution's quantiles that leave the normal tail of z outside on each side (2.5% for 1.96). */
function percentileInterval(samples: Float64Array, z: number): Interval {
  samples.sort();
  const tail = normalUpperTail(z);
  return { low: quantile(samples, tail), high: quantile(samples, 1 - tail) };
}

/** Linear interpolation between order statistics (Hyndman and Fan type 7, R's default). `sorted` ascending. */
function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const below = Math.floor(h);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
}

/**
 * P(Z > z) for a standard normal Z, from Abramowitz and Stegun 7.1.26 (error below 1.5e-7): so the bootstrap
 * intervals follow the same confidence level as the score intervals when z is changed.
 */
function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const tail = 0.5 * poly * Math.exp(-x * x);
  return z >= 0 ? tail : 1 - tail;
}
