import { costMicroUsd } from '../cost/cost';
import type { LedgerRecord } from '../ledger/record';
import type { ModelId, ModelSpec } from '../models/modelTable';
import type { TaskKind } from '../models/tasks';
import type { Usage } from '../usage/usage';
import type { BatchJob, JobKind } from './job';

export interface BatchRecordInput {
  readonly job: BatchJob;
  readonly customId: string;
  readonly usage: Usage;
  readonly model: ModelId;
  readonly requestId?: string;
  readonly outcome: 'ok' | 'error';
  readonly error?: string;
  /** When this request's result arrived. */
  readonly time: Date;
  readonly sessionId: string;
  readonly reason: string;
  /** The model's spec in force (settings may override prices). */
  readonly spec: ModelSpec;
}

/**
 * The ledger task of a job's requests. No batch-specific tasks: the report, routing and budgets key on
 * what the user asked for, and `batch: true` already tells the two apart. A folder review is a review; a
 * bulk edit rewrites existing code, so it is an edit (editSelection), not new code (generateCode).
 */
const TASK_OF: Readonly<Record<JobKind, TaskKind>> = { review: 'review', bulkEdit: 'editSelection' };

/**
 * The ledger id of one request of a batch: the same whoever records it and whenever, so the ledger itself
 * can refuse a second copy (a later poll, a reloaded window, another window, a landing that failed half-way).
 */
export function batchRecordId(jobId: string, customId: string): string {
  return `batch:${jobId}:${customId}`;
}

/**
 * One ledger line for one request of a batch, billed at the batch rate. `time` is the job's creation (the
 * ledger's time is when a call started, and the ledger looks for an id in that month's file) and `latencyMs`
 * runs from then to the result, so the line says how long the user waited. Usage is the provider's report,
 * never an estimate. Its id is batchRecordId's.
 */
export function batchLedgerRecord(input: BatchRecordInput): LedgerRecord {
  const { job, spec } = input;
  if (spec.id !== input.model) throw new Error(`The spec given is for ${spec.id}, not ${input.model}.`);
  // A line must name a request of this job: a stray result belongs to no job and is only logged.
  if (!job.items.some((item) => item.customId === input.customId)) {
    throw new Error(`Batch job ${job.id} has no request ${input.customId}.`);
  }
  return {
    v: 1,
    id: batchRecordId(job.id, input.customId),
    time: job.createdAt,
    session: input.sessionId,
    task: TASK_OF[job.kind],
    model: input.model,
    provider: spec.provider,
    usage: input.usage,
    costMicroUsd: costMicroUsd(input.usage, spec.prices, { batch: true }),
    // A clock that moved back (or a result stamped before the job) must not give a negative latency.
    latencyMs: Math.max(0, input.time.getTime() - Date.parse(job.createdAt)),
    outcome: input.outcome,
    batch: true,
    estimated: false,
    reason: input.reason,
    ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
    ...(input.outcome === 'error' && input.error !== undefined ? { error: input.error } : {}),
  };
}
