import type * as vscode from 'vscode';
import { dueIn } from '../../core/batch/backoff';
import { batchLedgerRecord } from '../../core/batch/batchRecords';
import type { BatchJob, JobItem, JobItemOutcome } from '../../core/batch/job';
import { isActive, landed, observed } from '../../core/batch/jobState';
import { joinResults } from '../../core/batch/joinResults';
import type { ModelService } from '../../core/calls/modelService';
import { errorText } from '../../core/format/errorText';
import type { Logger } from '../../core/log/logger';
import type { ModelTable } from '../../core/models/modelTable';
import type { ProviderId } from '../../core/models/providers';
import type { BatchClient, BatchItemResult } from '../../providers/batch/types';
import type { JobStore } from './jobStore';

/** A job's results, each joined to the file it was about (never by order). */
export interface JoinedResult {
  readonly item: JobItem;
  readonly result: BatchItemResult;
}

/** Puts a finished job's results where the user sees them; returns each item's outcome. */
export type Lander = (job: BatchJob, results: readonly JoinedResult[]) => Promise<JobItemOutcome[]>;

export interface RunnerDeps {
  readonly store: JobStore;
  readonly client: (provider: ProviderId) => Promise<BatchClient>;
  readonly landers: Readonly<Record<BatchJob['kind'], Lander>>;
  readonly service: Pick<ModelService, 'recordCall' | 'nextRecordId' | 'sessionId'>;
  readonly models: () => ModelTable;
  readonly log: Logger;
  /** Tells the user a job ended, with what landed and what did not. */
  readonly tell: (job: BatchJob) => void;
  readonly now?: () => Date;
}

/** After a failed poll (offline, provider down), the next try waits this long. */
const RETRY_AFTER_ERROR_MS = 30_000;

/**
 * Polls every active job with backoff, in this window; when a job ends, fetches its results once,
 * records each at the batch rate and lands them. Picks up the jobs of earlier sessions on start.
 */
export class BatchRunner implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly polling = new Set<string>();
  private readonly now: () => Date;

  constructor(private readonly deps: RunnerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Schedules every job still to poll or to land (after a reload, in a later session). */
  resume(): void {
    for (const job of this.deps.store.all()) if (isActive(job)) this.schedule(job);
  }

  schedule(job: BatchJob, delayMs = dueIn(job, this.now().getTime())): void {
    clearTimeout(this.timers.get(job.id));
    this.timers.set(job.id, setTimeout(() => void this.poll(job.id), delayMs));
  }

  /** Polls now (the jobs list's refresh, and tests). Resolves when this poll is done. */
  async poll(id: string): Promise<BatchJob | undefined> {
    if (this.polling.has(id)) return this.deps.store.get(id);
    this.polling.add(id);
    clearTimeout(this.timers.get(id));
    try {
      let job = this.deps.store.get(id);
      if (!job || !isActive(job) || !job.batchId) return job;
      const client = await this.deps.client(job.provider);
      if (job.phase === 'running' || job.phase === 'cancelling' || job.phase === 'submitting') {
        job = observed(job, await client.status(job.batchId), this.now(), this.jitterSeed(job));
        await this.deps.store.put(job);
      }
      if (job.phase === 'running' || job.phase === 'cancelling') {
        this.schedule(job);
        return job;
      }
      job = await this.land(job, client);
      return job;
    } catch (error) {
      this.deps.log.warn(`batch job ${id}: polling failed (${errorText(error)}); trying again in ${RETRY_AFTER_ERROR_MS / 1000} s.`);
      const job = this.deps.store.get(id);
      if (job) this.schedule(job, RETRY_AFTER_ERROR_MS);
      return job;
    } finally {
      this.polling.delete(id);
    }
  }

  /** Asks the provider to cancel; the job then ends as cancelled and whatever finished still lands. */
  async cancel(id: string): Promise<BatchJob | undefined> {
    const job = this.deps.store.get(id);
    if (!job?.batchId || !isActive(job)) return job;
    const client = await this.deps.client(job.provider);
    const next = observed(job, await client.cancel(job.batchId), this.now(), this.jitterSeed(job));
    await this.deps.store.put(next);
    this.deps.log.info(`batch job ${id}: cancel requested (${next.phase}).`);
    this.schedule(next, 0);
    return next;
  }

  private async land(job: BatchJob, client: BatchClient): Promise<BatchJob> {
    const current = this.deps.store.get(job.id);
    if (!current || current.landed) return current ?? job; // another poll got there first
    const results = job.phase === 'failed' ? [] : await client.results(job.batchId ?? '');
    const { matched, missing, unknown, duplicates } = joinResults(job.items, results);
    unknown.forEach((customId) => this.deps.log.warn(`batch job ${job.id}: a result for an unknown request (${customId}) was ignored.`));
    duplicates.forEach((customId) => this.deps.log.warn(`batch job ${job.id}: a second result for ${customId} was ignored.`));
    const joined = [...matched.values()];
    await this.record(job, joined);
    const outcomes = [
      ...(await this.deps.landers[job.kind](job, joined)),
      ...missing.map((item) => ({ customId: item.customId, kind: 'errored' as const, reason: job.phase === 'failed' ? (job.message ?? 'the batch failed') : 'no result was returned' })),
    ];
    const done = landed(job, outcomes);
    await this.deps.store.put(done);
    for (const o of outcomes.filter((x) => x.kind !== 'succeeded')) {
      const item = job.items.find((i) => i.customId === o.customId);
      this.deps.log.warn(`batch job ${job.id}: ${item?.path ?? o.customId} ${o.kind}${o.reason ? `: ${o.reason}` : ''}`);
    }
    this.deps.tell(done);
    return done;
  }

  /** Every answered request into the ledger and the session spend, at the batch rate. */
  private async record(job: BatchJob, joined: readonly JoinedResult[]): Promise<void> {
    const models = this.deps.models();
    for (const { result } of joined) {
      if (result.kind !== 'succeeded') continue;
      const spec = models[job.model];
      await this.deps.service.recordCall(batchLedgerRecord({
        job,
        customId: result.customId,
        usage: result.usage,
        model: job.model,
        requestId: result.requestId,
        outcome: 'ok',
        time: this.now(),
        sessionId: this.deps.service.sessionId,
        id: this.deps.service.nextRecordId(),
        reason: `${job.kind === 'review' ? 'review' : 'bulk edit'} → ${spec.displayName} through the Batch API (${100 - spec.prices.batchPercent}% off)`,
        spec,
      }));
    }
  }

  /** Windows watching the same job each jitter their polls differently, so they do not poll in step. */
  private jitterSeed(job: BatchJob): string {
    return `${job.id}/${this.deps.service.sessionId}`;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
