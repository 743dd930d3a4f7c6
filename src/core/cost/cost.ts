import type { ModelPrices, ModelSpec } from '../models/modelTable';
import type { Usage } from '../usage/usage';

/**
 * Cost of one call in integer micro-dollars, from the provider's reported usage (normalised: `input`
 * excludes cache reads and writes). Prices are micro-dollars per MTok, so Σ tokens × price is an exact
 * integer in micro-dollars × 1e6; it is divided (and rounded half up) once, at the end.
 */
export function costMicroUsd(usage: Usage, prices: ModelPrices, options: { batch?: boolean } = {}): number {
  const scaled =
    usage.input * prices.input +
    usage.cacheRead * prices.cacheRead +
    usage.cacheWrite5m * prices.cacheWrite5m +
    usage.cacheWrite1h * prices.cacheWrite1h +
    usage.output * prices.output;
  const percent = options.batch ? prices.batchPercent : 100;
  return Math.round((scaled * percent) / 100_000_000);
}

/**
 * The same call's tokens as another model would have billed them, for the what-if comparison. The prompt
 * and answer sizes are kept; cache tokens keep their role where the target has that kind of cache, and are
 * billed as plain input where it does not (OpenAI has no paid cache writes) or where the cached prefix is
 * shorter than the target will cache (Haiku: 4,096 tokens, OpenAI: 1,024).
 */
export function usageOnModel(usage: Usage, target: ModelSpec): Usage {
  const writes = usage.cacheWrite5m + usage.cacheWrite1h;
  const cached = usage.cacheRead + writes;
  if (cached > 0 && cached < target.minCacheablePrefix) {
    return { ...usage, input: usage.input + cached, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 };
  }
  if (target.prices.cacheWrite5m === 0 && target.prices.cacheWrite1h === 0) {
    return { ...usage, input: usage.input + writes, cacheWrite5m: 0, cacheWrite1h: 0 };
  }
  return usage;
}

/** What the same usage would have cost on `target`. */
export function costOnModel(usage: Usage, target: ModelSpec, options: { batch?: boolean } = {}): number {
  return costMicroUsd(usageOnModel(usage, target), target.prices, options);
}
