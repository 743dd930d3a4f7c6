import type { BillBasis } from '../core/cost/billing';
import type { ModelId, ReasoningEffort } from '../core/models/modelTable';
import type { ProviderId } from '../core/models/providers';
import type { TaskKind } from '../core/models/tasks';
import type { Usage } from '../core/usage/usage';

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
  readonly stop: StopReason;
  /** What a gateway in between said the call cost (LiteLLM's x-litellm-response-cost), in micro-dollars. */
  readonly gatewayCostMicroUsd?: number;
}

/** What a call that did not finish leaves behind: the text that arrived and what it is billed for. */
export interface PartialResult {
  readonly text: string;
  readonly usage: Usage;
  readonly usageEstimated: boolean;
  /** Why the usage is what it is (core/cost/billing.ts): 'not-sent' calls are not recorded at all. */
  readonly basis: BillBasis;
  readonly latencyMs: number;
  readonly gatewayCostMicroUsd?: number;
}

/** Why a call failed, in the terms routing decides on (fallback or not) and the user reads. */
export type FailureKind =
  | 'rate-limit' // 429
  | 'server' // 5xx
  | 'overloaded' // 529 or a mid-stream overloaded_error
  | 'connection'
  | 'timeout'
  | 'mid-stream' // the stream broke after it started
  | 'bad-request' // 400, 404, 413, 422: our request or the model name is wrong
  | 'auth' // 401, 403
  | 'billing' // 402
  | 'cancelled';

/** Thrown by adapters. `message` never contains a key (adapters redact before throwing). */
export class ProviderError extends Error {
  constructor(
    readonly provider: ProviderId,
    readonly kind: FailureKind,
    message: string,
    readonly details: {
      readonly status?: number;
      readonly requestId?: string;
      /** How far the call got, and what it is billed for. */
      readonly partial?: PartialResult;
    } = {},
  ) {
    super(message);
    this.name = 'ProviderError';
  }
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
