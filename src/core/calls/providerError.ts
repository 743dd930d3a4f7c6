import type { BillBasis } from '../cost/billing';
import type { ProviderId } from '../models/providers';
import type { Usage } from '../usage/usage';

/** What a call that did not finish leaves behind: the text that arrived and what it is billed for. */
export interface PartialResult {
  readonly text: string;
  readonly usage: Usage;
  readonly usageEstimated: boolean;
  /** Why the usage is what it is (core/cost/billing.ts): 'not-sent' calls are not recorded at all. */
  readonly basis: BillBasis;
  readonly latencyMs: number;
  /** When the first text arrived, from the start of the call; absent when none did. */
  readonly firstTokenMs?: number;
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
