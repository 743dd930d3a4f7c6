import type { ModelId, ReasoningEffort } from '../models/modelTable';
import type { ProviderId } from '../models/providers';
import type { TaskKind } from '../models/tasks';
import type { Usage } from '../usage/usage';

// The model contracts: what core asks of a provider and what it gets back. Providers implement them (one
// adapter each); core never imports a provider.
/** One part of a user message. Images go to both models as image inputs. */
export type ContentPart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image'; readonly mediaType: 'image/png' | 'image/jpeg'; readonly base64: string };

export interface ChatMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string | readonly ContentPart[];
}

/** A provider-neutral request. Adapters turn it into each API's shape. */
export interface ModelRequest {
  readonly task: TaskKind;
  readonly model: ModelId;
  /**
   * Stable text first (system prompt, rules, schema) so prompt caching works: OpenAI `instructions`;
   * Anthropic `system` blocks, with `cache_control` on the last one when it is long enough to be cached.
   */
  readonly system: readonly string[];
  readonly messages: readonly ChatMessage[];
  /** Structured output: the answer must be JSON valid against this schema. */
  readonly jsonSchema?: {
    readonly name: string;
    readonly schema: Record<string, unknown>;
    /**
     * OpenAI `strict` (default true): false sends a schema strict mode cannot express as a hint only.
     * Anthropic has no such flag, and its adapter ignores this one.
     */
    readonly strict?: boolean;
  };
  readonly maxOutputTokens: number;
  readonly reasoningEffort?: ReasoningEffort;
  /** OpenAI `prompt_cache_key`; ignored by Anthropic. */
  readonly promptCacheKey?: string;
  /** Anthropic cache lifetime for the cached system prefix. */
  readonly cacheTtl?: '5m' | '1h';
  /** Shortest prefix the model caches (its catalog entry); Anthropic's cache mark is set only at or above it. */
  readonly minCacheablePrefix?: number;
  readonly signal?: AbortSignal;
}

export type StopReason = 'complete' | 'max-tokens' | 'cancelled' | 'failed';

export interface ModelResult {
  readonly text: string;
  /** Parsed JSON when a schema was given and the answer parsed. */
  readonly json?: unknown;
  readonly usage: Usage;
  /** True when the provider reported no usage and `usage` is an estimate (see core/cost/billing.ts). */
  readonly usageEstimated: boolean;
  /** The model id the provider says answered. */
  readonly model: string;
  readonly requestId?: string;
  readonly latencyMs: number;
  /** Time to the first text, from the start of the call (the wait a user feels); absent when no text came. */
  readonly firstTokenMs?: number;
  readonly stop: StopReason;
  /** What a gateway in between said the call cost (LiteLLM's x-litellm-response-cost), in micro-dollars. */
  readonly gatewayCostMicroUsd?: number;
}

export interface StreamHandlers {
  /** Each text delta as it arrives. */
  readonly onText?: (delta: string) => void;
}

/** One interface for both providers. */
export interface ModelClient {
  readonly provider: ProviderId;
  /** Streams the answer; resolves with the final result, or throws ProviderError. */
  stream(request: ModelRequest, handlers?: StreamHandlers): Promise<ModelResult>;
  /** A cheap authenticated call to check a key (lists or retrieves a model). Throws ProviderError. */
  checkKey(): Promise<void>;
}

/** What an adapter needs to build its SDK client. The base URL is always Tandem's choice (core/endpoints). */
export interface ClientConfig {
  readonly apiKey: string;
  readonly baseURL: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Per-attempt timeout in ms. */
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
}
