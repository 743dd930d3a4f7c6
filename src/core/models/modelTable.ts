import type { ProviderId } from './providers';
import type { TaskKind } from './tasks';

/**
 * A model's id as its provider names it (`gpt-5.4-mini`). The catalog is the user's: the built-in models
 * plus any added in `tandem.models`, so an id is any string the catalog (or an old ledger record) holds.
 */
export type ModelId = string;

/**
 * Prices are integer micro-dollars per million tokens ($0.75/MTok = 750_000), which is the same number as
 * micro-dollars per token × 1e6: a call's cost sums tokens × price exactly in integers and divides once.
 */
export interface TokenPrices {
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  /**
   * Cache writes. Anthropic: the 5-minute and 1-hour writes. OpenAI has one kind of write (reported as
   * cacheWrite5m), billed at the model's cache-write rate: its input price where it bills no premium.
   */
  readonly cacheWrite5m: number;
  readonly cacheWrite1h: number;
}

/** Above `aboveInputTokens` prompt tokens (input, cache reads and writes), the whole request is billed at these prices. */
export interface LongContextPrices extends TokenPrices {
  readonly aboveInputTokens: number;
}

export interface ModelPrices extends TokenPrices {
  /** Batch API price as a fraction of the interactive price, in percent (50 = half price). */
  readonly batchPercent: number;
  readonly longContext?: LongContextPrices;
}

export interface ModelSpec {
  readonly id: ModelId;
  readonly provider: ProviderId;
  readonly displayName: string;
  readonly prices: ModelPrices;
  /** Whole context window (input + output). */
  readonly contextWindow: number;
  /** Most input tokens one request may carry. */
  readonly maxInput: number;
  readonly maxOutput: number;
  /** Shortest prefix the provider will cache (Anthropic: silently not cached below it). */
  readonly minCacheablePrefix: number;
  readonly sources: readonly string[];
}

/** The catalog, by id. A lookup may miss: an old ledger record or batch job can name a model since removed. */
export type ModelTable = Readonly<Record<ModelId, ModelSpec>>;

/** Defaults from product.md ("Model facts and prices"); every number can be overridden in settings. */
export const DEFAULT_MODELS: ModelTable = {
  'gpt-5.4-mini': {
    id: 'gpt-5.4-mini',
    provider: 'openai',
    displayName: 'GPT-5.4 Mini',
    // No cache-write premium: written prompt tokens cost what input costs.
    prices: { input: 750_000, output: 4_500_000, cacheRead: 75_000, cacheWrite5m: 750_000, cacheWrite1h: 750_000, batchPercent: 50 },
    contextWindow: 400_000,
    maxInput: 272_000,
    maxOutput: 128_000,
    minCacheablePrefix: 1024,
    sources: [
      'OpenAI pricing page, gpt-5.4-mini: $0.75 in, $0.075 cached in, $4.50 out per MTok; Batch API 50% off',
      'OpenAI model page: 400K context, at most 272K input, 128K output (the seed comparison says 64K output)',
      'OpenAI prompt caching guide: automatic from 1,024 prompt tokens; writing the cache costs nothing extra',
    ],
  },
  'claude-haiku-4-5': {
    id: 'claude-haiku-4-5',
    provider: 'anthropic',
    displayName: 'Claude Haiku 4.5',
    prices: { input: 1_000_000, output: 5_000_000, cacheRead: 100_000, cacheWrite5m: 1_250_000, cacheWrite1h: 2_000_000, batchPercent: 50 },
    contextWindow: 200_000,
    maxInput: 200_000,
    maxOutput: 64_000,
    minCacheablePrefix: 4096,
    sources: [
      'Anthropic pricing page, Claude Haiku 4.5: $1 in, $5 out per MTok; cache write 1.25x (5 min) / 2x (1 h), read 0.1x; Message Batches 50% off',
      'Anthropic models overview: 200K context, 64K max output',
      'Anthropic prompt caching docs: Haiku 4.5 caches prefixes of at least 4,096 tokens',
    ],
  },
};

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high';

/** One row of the routing table: which model a task goes to, why, and how it is asked. */
export interface TaskRoute {
  readonly model: ModelId;
  readonly reason: string;
  /** OpenAI reasoning effort when the task runs on an OpenAI model. */
  readonly reasoningEffort: ReasoningEffort;
  readonly maxOutputTokens: number;
  /** The workspace's own settings chose this route (the status tooltip says so). */
  readonly setByWorkspace?: boolean;
  /** The user (or the workspace) chose this route in `tandem.routing`: a routing trial leaves the task alone. */
  readonly pinned?: boolean;
}

export type RoutingTable = Readonly<Record<TaskKind, TaskRoute>>;

/** product.md "Routing" as data. */
export const DEFAULT_ROUTES: RoutingTable = {
  completion: { model: 'gpt-5.4-mini', reason: 'code; cheaper per token; latency', reasoningEffort: 'none', maxOutputTokens: 256 },
  generateCode: { model: 'gpt-5.4-mini', reason: 'stronger on code (SWE-Bench Pro 54.4% vs 52.1%)', reasoningEffort: 'low', maxOutputTokens: 8192 },
  editSelection: { model: 'gpt-5.4-mini', reason: 'stronger on code (SWE-Bench Pro 54.4% vs 52.1%)', reasoningEffort: 'low', maxOutputTokens: 8192 },
  generateSql: { model: 'gpt-5.4-mini', reason: 'fewer parse errors in structured output', reasoningEffort: 'low', maxOutputTokens: 4096 },
  generateJson: { model: 'gpt-5.4-mini', reason: 'fewer parse errors in structured output', reasoningEffort: 'low', maxOutputTokens: 4096 },
  review: { model: 'claude-haiku-4-5', reason: 'follows layered rules better (22% less deviation); 90% discount on the cached rule text', reasoningEffort: 'low', maxOutputTokens: 8192 },
  explain: { model: 'claude-haiku-4-5', reason: 'concise: ~28% fewer tokens for the same prompt', reasoningEffort: 'low', maxOutputTokens: 2048 },
};

/** Each provider's built-in model: where a task falls back when the routing table names no other. */
export const BUILT_IN_MODEL: Readonly<Record<ProviderId, ModelId>> = { openai: 'gpt-5.4-mini', anthropic: 'claude-haiku-4-5' };
