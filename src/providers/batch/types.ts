// Batch jobs, provider-neutral: many requests sent at once, answered within a day at a lower price.
import type { ProviderId } from '../../core/models/providers';
import type { Usage } from '../../core/usage/usage';
import type { ModelRequest } from '../types';

/** One request of a batch. `customId` joins it to its result; `request.signal` is ignored. */
export interface BatchItem {
  readonly customId: string;
  readonly request: ModelRequest;
}

export type BatchPhase = 'running' | 'cancelling' | 'ended' | 'cancelled' | 'failed' | 'expired';

export interface BatchCounts {
  readonly total: number;
  readonly done: number;
  readonly succeeded: number;
  readonly errored: number;
  readonly expired: number;
  readonly cancelled: number;
}

export interface BatchStatus {
  readonly id: string;
  readonly phase: BatchPhase;
  /** As the provider reports them; results() is the authoritative split per item. */
  readonly counts: BatchCounts;
  /** Why it failed, when the provider says. */
  readonly message?: string;
}

export type BatchItemResult =
  | { readonly customId: string; readonly kind: 'succeeded'; readonly text: string; readonly usage: Usage; readonly model: string; readonly requestId?: string }
  | { readonly customId: string; readonly kind: 'errored' | 'expired' | 'cancelled'; readonly reason: string };

/** One interface for both providers' batch APIs. Every method throws ProviderError. */
export interface BatchClient {
  readonly provider: ProviderId;
  /** Sends the items as one batch. Refuses (before any call) an empty batch, duplicate ids, or one over the provider's limits. */
  submit(items: readonly BatchItem[]): Promise<BatchStatus>;
  status(id: string): Promise<BatchStatus>;
  /** The result of every item, joined on customId. Only once the batch is no longer running or cancelling. */
  results(id: string): Promise<BatchItemResult[]>;
  cancel(id: string): Promise<BatchStatus>;
}
