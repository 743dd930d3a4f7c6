import type { ModelPrices, ModelSpec, TokenPrices } from '../models/modelTable';
import { promptTokens, type Usage } from '../usage/usage';

/** µ$/MTok × percent → µ$. */
const SCALE = 100_000_000n;

/**
 * The per-token prices a call is billed at: the long-context tier's for the whole request when its prompt
 * (input, cache reads and writes) is above the tier's threshold, the base prices otherwise.
 */
export function pricesFor(usage: Usage, prices: ModelPrices): TokenPrices {
  const tier = prices.longContext;
  return tier && promptTokens(usage) > tier.aboveInputTokens ? tier : prices;
}

/**
 * Cost of one call in integer micro-dollars, from the provider's reported usage (normalised: `input`
 * excludes cache reads and writes). Prices are micro-dollars per MTok, so Σ tokens × price is an exact
 * integer in micro-dollars × 1e6; it is divided (and rounded half up) once, at the end. The sum is taken in
 * BigInt: a million tokens at a few thousand dollars per MTok, times the batch percent, is past 2^53.
 */
export function costMicroUsd(usage: Usage, prices: ModelPrices, options: { batch?: boolean } = {}): number {
  const p = pricesFor(usage, prices);
  const scaled =
    BigInt(usage.input) * BigInt(p.input) +
    BigInt(usage.cacheRead) * BigInt(p.cacheRead) +
    BigInt(usage.cacheWrite5m) * BigInt(p.cacheWrite5m) +
    BigInt(usage.cacheWrite1h) * BigInt(p.cacheWrite1h) +
    BigInt(usage.output) * BigInt(p.output);
  const total = scaled * BigInt(options.batch ? prices.batchPercent : 100);
  const whole = total / SCALE;
  return Number(total % SCALE * 2n >= SCALE ? whole + 1n : whole);
}

/**
 * The same call's tokens as another model would have billed them, for the what-if comparison. The prompt
 * and answer sizes are kept; cache tokens keep their role where the target has that kind of cache: an
 * OpenAI model has one kind of cache write (Anthropic's 1-hour writes become writes at its rate), and a
 * cached prefix shorter than the target will cache (Haiku: 4,096 tokens, OpenAI: 1,024) is plain input there.
 */
export function usageOnModel(usage: Usage, target: ModelSpec): Usage {
  const writes = usage.cacheWrite5m + usage.cacheWrite1h;
  const cached = usage.cacheRead + writes;
  if (cached > 0 && cached < target.minCacheablePrefix) {
    return { ...usage, input: usage.input + cached, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0 };
  }
  if (target.provider === 'openai' && usage.cacheWrite1h > 0) return { ...usage, cacheWrite5m: writes, cacheWrite1h: 0 };
  return usage;
}

/** What the same usage would have cost on `target`. */
export function costOnModel(usage: Usage, target: ModelSpec, options: { batch?: boolean } = {}): number {
  return costMicroUsd(usageOnModel(usage, target), target.prices, options);
}
