// What the batch runner needs from the world, as the smallest shapes it uses: the editor gives the job
// store and the landers (VS Code's parts), providers/batch the clients, the model service the ledger.
import type { LedgerRecord } from '../ledger/record';
import type { Usage } from '../usage/usage';
import type { BatchJob, JobItem, JobItemOutcome } from './job';
import type { ObservedStatus } from './jobState';

/** One request's result, joined to its item on customId (never by order). */
export type BatchResult =
  | { readonly customId: string; readonly kind: 'succeeded'; readonly text: string; readonly usage: Usage; readonly model: string; readonly requestId?: string }
  | { readonly customId: string; readonly kind: 'errored' | 'expired' | 'cancelled'; readonly reason: string };

export type SucceededResult = Extract<BatchResult, { readonly kind: 'succeeded' }>;

/** A provider's Batch API, as far as a submitted job needs it. Every method may throw (offline, provider down). */
export interface BatchJobClient {
  status(batchId: string): Promise<ObservedStatus>;
  /** Only once the batch has stopped. */
  results(batchId: string): Promise<readonly BatchResult[]>;
  cancel(batchId: string): Promise<ObservedStatus>;
  /**
   * Deletes what the batch keeps at the provider once its results have landed: the uploaded requests and the
   * result files (OpenAI), the batch and its results (Anthropic). Something already deleted counts as done.
   */
  deleteAtProvider(batchId: string): Promise<void>;
}

/** Where jobs are kept between polls, reloads and sessions. */
export interface BatchJobStore {
  all(): readonly BatchJob[];
  get(id: string): BatchJob | undefined;
  put(job: BatchJob): Promise<void>;
}

/** An answer to land, with the file it is about. */
export interface LandingItem {
  readonly item: JobItem;
  readonly result: SucceededResult;
}

/**
 * Puts a finished job's answers where the user sees them and returns each one's outcome. Never throws for
 * one file: a file deleted, moved, changed or unreadable since it was sent is that item's `errored` outcome,
 * with a reason the user can act on, and the other files still land.
 */
export type Lander = (job: BatchJob, answers: readonly LandingItem[]) => Promise<JobItemOutcome[]>;

/** The ledger, through the one door that makes a result count once whoever offers it again. */
export interface BatchLedger {
  /** Records unless the ledger already holds a record with this record's id; true when recorded now. */
  recordOnce(record: LedgerRecord): Promise<boolean>;
}

/** setTimeout and clearTimeout, replaceable in tests. */
export interface Timers {
  set(run: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

export const GLOBAL_TIMERS: Timers = {
  set: (run, delayMs) => setTimeout(run, delayMs),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
