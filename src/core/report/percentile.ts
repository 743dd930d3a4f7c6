/**
 * The nearest-rank 95th percentile: the smallest value with at least 95% of the values at or below it,
 * so it is always a value that occurred (p95 of 1..20 is 19). 0 for no values. Reorders `values`.
 */
export function p95NearestRank(values: number[]): number {
  return percentileNearestRank(values, 95);
}

/** The nearest-rank percentile for a whole `percent` (1–100), as p95NearestRank: p50 of 1..4 is 2. Reorders `values`. */
export function percentileNearestRank(values: number[], percent: number): number {
  if (values.length === 0) return 0;
  // In integers: 0.95 × n in floating point can land a hair above a whole number and skip a rank.
  const rank = Math.ceil((percent * values.length) / 100);
  return select(values, rank - 1);
}

/**
 * The k-th smallest value (0-based), in place, in linear expected time (Wirth's selection: Hoare
 * partitioning around the middle element). A full sort of a year of calls per task cost more than the
 * rest of the report together; equal values, common in token counts, split evenly so they cost nothing extra.
 */
function select(a: number[], k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (left < right) {
    const pivot = a[(left + right) >> 1];
    let i = left;
    let j = right;
    do {
      while (a[i] < pivot) i++;
      while (pivot < a[j]) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) left = i;
    if (k < i) right = j;
  }
  return a[k];
}
