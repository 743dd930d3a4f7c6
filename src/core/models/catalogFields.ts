import type { ModelPrices, ModelSpec, TokenPrices } from './modelTable';
import { isProviderId, providerInfo, type ProviderId } from './providers';
import { isPlainObject, usdPerMTok } from './settingsText';

/**
 * The fields of a `tandem.models["<id>"]` entry, how each is checked, and the provider's rules for the
 * prices an entry leaves out. Settings speak dollars per million tokens; the table holds integer
 * micro-dollars per million tokens, so that cost arithmetic stays exact.
 */

/** Why a value is impossible, or undefined when it can be used. */
export type Check = (value: unknown) => string | undefined;

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Above this a "price" is almost surely micro-dollars typed as dollars. */
const MAX_USD_PER_MTOK = 10_000;
/** Regional processing adds 10% (1.1), priority tiers about 2×; ten times list price is a typo. */
const MAX_MULTIPLIER = 10;
const MAX_NAME = 60;

const price: Check = (v) => {
  if (!isNumber(v) || v < 0) return 'is not a price (must be a number ≥ 0)';
  return v > MAX_USD_PER_MTOK ? `is not a plausible price (at most $${MAX_USD_PER_MTOK.toLocaleString('en-US')} per million tokens)` : undefined;
};
const tokens: Check = (v) => (Number.isSafeInteger(v) && (v as number) > 0 ? undefined : 'is not a token count (must be a whole number > 0)');
const discount: Check = (v) => (isNumber(v) && v >= 0 && v <= 100 ? undefined : 'is not a discount (must be a number from 0 to 100)');
const multiplier: Check = (v) =>
  isNumber(v) && v > 0 && v <= MAX_MULTIPLIER ? undefined : `is not a price multiplier (must be a number above 0 and at most ${MAX_MULTIPLIER}; 1.1 adds 10%)`;
const provider: Check = (v) => (isProviderId(v) ? undefined : 'is not a provider (must be "openai" or "anthropic")');
const displayName: Check = (v) =>
  typeof v === 'string' && v.trim() !== '' && v.length <= MAX_NAME ? undefined : `is not a display name (must be text of 1 to ${MAX_NAME} characters)`;
const tier: Check = (v) => (isPlainObject(v) ? undefined : 'is not an object of long-context prices');

const PRICE_FIELDS = {
  inputPerMTok: price,
  outputPerMTok: price,
  cacheReadPerMTok: price,
  cacheWritePerMTok: price,
  cacheWrite5mPerMTok: price,
  cacheWrite1hPerMTok: price,
} as const;

/** Every field `tandem.models["<id>"]` accepts, by its settings name. */
export const MODEL_FIELDS: Readonly<Record<string, Check>> = {
  provider,
  displayName,
  ...PRICE_FIELDS,
  batchDiscountPercent: discount,
  contextWindow: tokens,
  maxInputTokens: tokens,
  maxOutputTokens: tokens,
  minCacheablePrefixTokens: tokens,
  longContext: tier,
  priceMultiplier: multiplier,
};

/** Every field of `tandem.models["<id>"].longContext`. */
export const TIER_FIELDS: Readonly<Record<string, Check>> = { aboveInputTokens: tokens, ...PRICE_FIELDS };

/** What a new model cannot do without; everything else has a default. */
export const REQUIRED_FOR_NEW_MODEL = ['provider', 'inputPerMTok', 'outputPerMTok', 'contextWindow', 'maxOutputTokens'] as const;
export const REQUIRED_FOR_TIER = ['aboveInputTokens', 'inputPerMTok', 'outputPerMTok'] as const;

/** OpenAI bills one kind of cache write; Anthropic two (5-minute and 1-hour lifetimes). */
const CACHE_WRITE_FIELDS: Readonly<Record<ProviderId, readonly string[]>> = {
  openai: ['cacheWritePerMTok'],
  anthropic: ['cacheWrite5mPerMTok', 'cacheWrite1hPerMTok'],
};

/** Both providers cache prompts from 1,024 tokens unless a model says otherwise (Haiku 4.5: 4,096). */
export const DEFAULT_MIN_CACHEABLE_PREFIX = 1024;
export const DEFAULT_BATCH_DISCOUNT_PERCENT = 50;

/** A price field that is not the provider's, or undefined when it is. */
export function wrongCacheWriteField(field: string, id: ProviderId): string | undefined {
  const other: ProviderId = id === 'openai' ? 'anthropic' : 'openai';
  if (!CACHE_WRITE_FIELDS[other].includes(field)) return undefined;
  return `is for ${providerInfo(other).displayName} models; ${providerInfo(id).displayName} models take ${CACHE_WRITE_FIELDS[id].join(' and ')}`;
}

const microPerMTok = (usd: number): number => Math.round(usd * 1e6);

/**
 * Cache prices for a given input price where the entry names none. `like` (the model's base prices, for a
 * long-context tier) is followed in proportion: a tier that doubles input doubles the cache prices too.
 * Without it, the provider's rule: a cache read is 0.1× input; Anthropic's writes are 1.25× (5 minutes)
 * and 2× (1 hour); OpenAI's writes cost what input costs.
 */
function defaultCachePrices(input: number, id: ProviderId, like?: TokenPrices): Pick<TokenPrices, 'cacheRead' | 'cacheWrite5m' | 'cacheWrite1h'> {
  if (like && like.input > 0) {
    const scaled = (p: number): number => Math.round((p * input) / like.input);
    return { cacheRead: scaled(like.cacheRead), cacheWrite5m: scaled(like.cacheWrite5m), cacheWrite1h: scaled(like.cacheWrite1h) };
  }
  return id === 'anthropic'
    ? { cacheRead: Math.round(input / 10), cacheWrite5m: Math.round(input * 1.25), cacheWrite1h: input * 2 }
    : { cacheRead: Math.round(input / 10), cacheWrite5m: input, cacheWrite1h: input };
}

/**
 * Token prices from an entry's accepted fields: each named price as given, the rest from `fallback` (a
 * built-in's own prices) or else from the rules above.
 */
export function tokenPrices(accepted: ReadonlyMap<string, unknown>, id: ProviderId, fallback: TokenPrices | undefined, like?: TokenPrices): TokenPrices {
  const given = (field: string): number | undefined => (accepted.has(field) ? microPerMTok(accepted.get(field) as number) : undefined);
  const input = given('inputPerMTok') ?? fallback?.input ?? 0;
  const rules = fallback ?? defaultCachePrices(input, id, like);
  const write = given('cacheWritePerMTok');
  return {
    input,
    output: given('outputPerMTok') ?? fallback?.output ?? 0,
    cacheRead: given('cacheReadPerMTok') ?? rules.cacheRead,
    cacheWrite5m: write ?? given('cacheWrite5mPerMTok') ?? rules.cacheWrite5m,
    cacheWrite1h: write ?? given('cacheWrite1hPerMTok') ?? rules.cacheWrite1h,
  };
}

/** Every price × `factor` (data residency, regional processing), still whole micro-dollars per MTok. */
export function multiplyPrices(prices: ModelPrices, factor: number): ModelPrices {
  const scale = <T extends TokenPrices>(p: T): T => ({
    ...p,
    input: Math.round(p.input * factor),
    output: Math.round(p.output * factor),
    cacheRead: Math.round(p.cacheRead * factor),
    cacheWrite5m: Math.round(p.cacheWrite5m * factor),
    cacheWrite1h: Math.round(p.cacheWrite1h * factor),
  });
  return prices.longContext ? { ...scale(prices), longContext: scale(prices.longContext) } : scale(prices);
}

/** A built-in's value of a field, as the user would write it, for "keeping …". */
export function currentValue(spec: ModelSpec, field: string): string {
  const p = spec.prices;
  switch (field) {
    case 'provider': return `"${spec.provider}"`;
    case 'displayName': return JSON.stringify(spec.displayName);
    case 'inputPerMTok': return usdPerMTok(p.input);
    case 'outputPerMTok': return usdPerMTok(p.output);
    case 'cacheReadPerMTok': return usdPerMTok(p.cacheRead);
    case 'cacheWritePerMTok':
    case 'cacheWrite5mPerMTok': return usdPerMTok(p.cacheWrite5m);
    case 'cacheWrite1hPerMTok': return usdPerMTok(p.cacheWrite1h);
    case 'batchDiscountPercent': return `${100 - p.batchPercent}%`;
    case 'contextWindow': return spec.contextWindow.toLocaleString('en-US');
    case 'maxInputTokens': return spec.maxInput.toLocaleString('en-US');
    case 'maxOutputTokens': return spec.maxOutput.toLocaleString('en-US');
    case 'minCacheablePrefixTokens': return spec.minCacheablePrefix.toLocaleString('en-US');
    case 'priceMultiplier': return 'the prices unmultiplied';
    default: return p.longContext ? 'its long-context tier' : 'no long-context tier';
  }
}
