// Shared types of the fake provider server. Public ones are re-exported from server.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Provider = 'openai' | 'anthropic';

export type Outcome = 'pending' | 'completed' | 'client-closed' | 'dropped' | 'error-status';

export interface RecordedRequest {
  id: number;
  provider: Provider;
  method: string;
  path: string;
  /** Request headers, lower-cased; authorization / x-api-key / api-key are replaced by '[redacted]'. */
  headers: Record<string, string>;
  /** fingerprint = first 8 hex chars of sha256(key): lets a test tell keys apart without storing them. */
  auth: { style: 'bearer' | 'x-api-key' | 'none'; keyFingerprint?: string };
  /** Parsed JSON body; for a multipart upload a summary { filename, purpose, bytes }; undefined when empty. */
  body: unknown;
  receivedAt: number;
  /** performance.now() in the fake's process when the request arrived: comparable only within that process. */
  receivedAtHr: number;
  outcome: Outcome;
  status?: number;
  /** When the response finished or the connection ended (absent while pending). */
  endedAt?: number;
}

/** The model's answer. text wins over json; toolInput is the input of a forced Anthropic tool call. */
export interface ScriptReply {
  text?: string;
  json?: unknown;
  toolInput?: unknown;
}

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'overloaded' }
  | { kind: 'stream-error'; afterDeltas?: number }
  /** The stream begins, sends `afterDeltas` deltas, then goes silent with the connection left open. */
  | { kind: 'stall'; afterDeltas?: number }
  /** The stream begins, sends `afterDeltas` deltas, then the connection is cut (no error event). */
  | { kind: 'cut'; afterDeltas?: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'drop' };

export interface ScriptStep {
  /** All given fields must match. Without `path` or `method`, a step only applies to model calls
   *  (POST /v1/responses, /v1/chat/completions, /v1/messages); give `path` or `method` (e.g. 'DELETE') to
   *  target any other endpoint. */
  match?: { provider?: Provider; path?: string; method?: string; model?: string };
  /** How many matching requests this step applies to (default 1). */
  times?: number;
  reply?: ScriptReply;
  fault?: Fault;
  /** Pause between stream events, so a test can cancel mid-stream. */
  chunkDelayMs?: number;
  /** Extra response headers, e.g. a gateway's `x-litellm-response-cost`. */
  headers?: Record<string, string>;
}

/** What a batch entry (by custom_id) should do instead of succeeding with the default answer. */
export type BatchOutcome = 'succeeded' | 'errored' | 'expired';

export interface FakeProviders {
  url: string;
  openaiBaseURL: string;
  anthropicBaseURL: string;
  requests(): RecordedRequest[];
  script(...steps: ScriptStep[]): void;
  /** Drops the scripted steps not taken yet (the request log stays). */
  clearScript(): void;
  /** Make the batch entry with this custom_id error or expire (or succeed with `reply`), until reset(). */
  batchOutcome(customId: string, outcome: BatchOutcome, reply?: ScriptReply): void;
  /** Change the time a batch takes from creation to completion. */
  setBatchDelay(ms: number): void;
  reset(): void;
  close(): Promise<void>;
}

/** Result of running one model call without any transport: used by the JSON, stream and batch paths. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; status: number; body: unknown };

/** One request in flight, handed to the route handlers. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  record: RecordedRequest;
  url: URL;
  body: unknown;
  rawBody: Buffer;
  /** The script step that matched this request, if any (already consumed). */
  step?: ScriptStep;
  /** Absolute base of this server, e.g. http://127.0.0.1:1234 (for Anthropic's results_url). */
  origin: string;
  /** True once the client has gone away. */
  isClosed(): boolean;
}
