// Batch jobs, provider-neutral: many requests sent at once, answered within a day at a lower price.
import type { ModelRequest } from '../calls/modelClient';
import type { ProviderId } from '../models/providers';
import type { JobCounts } from './job';
import type { ObservedPhase } from './jobState';
import type { BatchJobClient, BatchResult } from './runnerPorts';

/** One request of a batch. `customId` joins it to its result; `request.signal` is ignored. */
export interface BatchItem {
  readonly customId: string;
  readonly request: ModelRequest;
}

/** A batch's phase and counts are the job's own (core/batch), so a status is stored as it is read. */
export type BatchPhase = ObservedPhase;

export interface BatchStatus {
  readonly id: string;
  readonly phase: BatchPhase;
  /** As the provider reports them; results() is the authoritative split per item. */
  readonly counts: JobCounts;
  /** Why it failed, when the provider says. */
  readonly message?: string;
}

/** The batch runner's shape (core/batch), so a result goes to the runner as it is read. */
export type BatchItemResult = BatchResult;

/** One interface for both providers' batch APIs, and what the batch runner polls. Every method throws ProviderError. */
export interface BatchClient extends BatchJobClient {
  readonly provider: ProviderId;
  /** Sends the items as one batch. Refuses (before any call) an empty batch, duplicate ids, or one over the provider's limits. */
  submit(items: readonly BatchItem[]): Promise<BatchStatus>;
  status(id: string): Promise<BatchStatus>;
  /** The result of every item, joined on customId. Only once the batch is no longer running or cancelling. */
  results(id: string): Promise<BatchItemResult[]>;
  cancel(id: string): Promise<BatchStatus>;
}
