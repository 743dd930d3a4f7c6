import { errorText } from '../format/errorText';
import type { Logger } from '../log/logger';
import type { ModelSpec, ModelTable } from '../models/modelTable';
import type { ProviderId } from '../models/providers';
import { dueIn } from './backoff';
import { batchLedgerRecord } from './batchRecords';
import type { BatchJob, JobItemOutcome, JobKind } from './job';
import { isActive, isFinal, landed, observed, type ObservedStatus } from './jobState';
import { jobOutcomes, joinResults, type Joined } from './joinResults';
import { PollFailures, pollTroubleMessage } from './pollFailures';
import { retryAdvice } from './sentFile';
import { GLOBAL_TIMERS, type BatchJobClient, type BatchJobStore, type BatchLedger, type BatchResult, type Lander, type LandingItem, type Timers } from './runnerPorts';
import { inBackground } from '../log/background';

export interface RunnerDeps {
  readonly store: BatchJobStore;
  readonly client: (provider: ProviderId) => Promise<BatchJobClient>;
  readonly landers: Readonly<Record<JobKind, Lander>>;
  readonly ledger: BatchLedger;
  readonly models: () => ModelTable;
  /** This window's session: the ledger's `session` of what it records, and its polls' jitter. */
  readonly sessionId: () => string;
  readonly log: Logger;
  /** Tells the user a job ended, with what landed and what did not. */
  readonly tell: (job: BatchJob) => void;
  /** Tells the user, once per job, that its polls keep failing: `message` says what failed and what to do. */
  readonly tellPollTrouble: (job: BatchJob, message: string) => void;
  readonly now?: () => Date;
  readonly timers?: Timers;
}

/**
 * Polls every active job with backoff, one poll at a time per job; when a job ends, fetches its results,
 * records each in the ledger at the batch rate and lands them, marks the job landed, then deletes what the
 * job left at the provider (best effort). A poll that fails is tried again later and later (pollFailures.ts),
 * and the user is told once when a job's polls keep failing. Each result's
 * record carries an id made from (job id, custom id) and goes through the ledger's recordOnce, so a result
 * counts once however often it is offered: more polls, a landing that failed before the job was marked
 * landed, a reloaded window, another window watching the same job.
 */
export class BatchRunner {
  private readonly timers = new Map<string, unknown>();
  private readonly polls = new Map<string, Promise<BatchJob | undefined>>();
  private readonly failures = new PollFailures();
  private readonly now: () => Date;
  private readonly clock: Timers;
  private disposed = false;

  constructor(private readonly deps: RunnerDeps) {
    this.now = deps.now ?? (() => new Date());
    this.clock = deps.timers ?? GLOBAL_TIMERS;
  }

  /** Schedules every job still to poll or to land (after a reload, in a later session). */
  resume(): void {
    for (const job of this.deps.store.all()) if (isActive(job)) this.schedule(job);
  }

  schedule(job: BatchJob, delayMs = dueIn(job, this.now())): void {
    if (this.disposed) return;
    this.clearTimer(job.id);
    this.timers.set(job.id, this.clock.set(() => {
      this.timers.delete(job.id);
      inBackground(this.poll(job.id), this.deps.log, `batch job ${job.id}: polling`);
    }, delayMs));
  }

  /**
   * Polls now (the jobs list's Check Now, and tests); resolves with the job when this poll is done. While a
   * poll of the job is in flight, a second call waits for that one instead of starting another.
   */
  poll(id: string): Promise<BatchJob | undefined> {
    const inFlight = this.polls.get(id);
    if (inFlight) return inFlight;
    const poll = this.pollOnce(id).finally(() => this.polls.delete(id));
    this.polls.set(id, poll);
    return poll;
  }

  /** Asks the provider to cancel; the job then ends as cancelled and whatever finished still lands. */
  async cancel(id: string): Promise<BatchJob | undefined> {
    const job = this.deps.store.get(id);
    if (!job?.batchId || !isActive(job)) return job;
    const client = await this.deps.client(job.provider);
    const status = await client.cancel(job.batchId);
    const next = this.observedNow(id, status);
    if (!next) return undefined;
    await this.deps.store.put(next);
    this.deps.log.info(`batch job ${id}: cancel requested (${next.phase}).`);
    this.schedule(next, 0);
    return next;
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) this.clock.clear(timer);
    this.timers.clear();
  }

  private async pollOnce(id: string): Promise<BatchJob | undefined> {
    this.clearTimer(id);
    try {
      let job = this.deps.store.get(id);
      const batchId = job?.batchId;
      if (!job || !isActive(job) || !batchId) return job;
      const client = await this.deps.client(job.provider);
      if (!isFinal(job.phase)) {
        const status = await client.status(batchId);
        const next = this.observedNow(id, status);
        if (!next) return undefined;
        job = next;
        await this.deps.store.put(job);
      }
      if (!isFinal(job.phase)) {
        this.recovered(id);
        this.schedule(job);
        return job;
      }
      const done = await this.land(job, client, batchId);
      this.recovered(id);
      return done;
    } catch (error) {
      return this.pollFailed(id, error);
    }
  }

  /** Tries again later each time; tells the user once when the failures go on. */
  private pollFailed(id: string, error: unknown): BatchJob | undefined {
    const job = this.deps.store.get(id);
    if (!job || !isActive(job)) return job;
    const failure = this.failures.failed(id, this.jitterSeed(job));
    this.deps.log.warn(`batch job ${id}: polling failed (${errorText(error)}); trying again in ${Math.round(failure.retryInMs / 1000)} s (failure ${failure.count} in a row).`);
    if (failure.tell) this.deps.tellPollTrouble(job, pollTroubleMessage(job, failure, errorText(error)));
    this.schedule(job, failure.retryInMs);
    return job;
  }

  private recovered(id: string): void {
    const failed = this.failures.succeeded(id);
    if (failed > 0) this.deps.log.info(`batch job ${id}: polling works again after ${failed} failed ${failed === 1 ? 'try' : 'tries'}.`);
  }

  /**
   * An answer applied to the job as stored now, not as it was before the request: another window may have
   * moved it on (or landed it) meanwhile, and `observed` never moves a job back. Undefined when the user
   * removed the job from the list meanwhile: it is not brought back.
   */
  private observedNow(id: string, status: ObservedStatus): BatchJob | undefined {
    const current = this.deps.store.get(id);
    return current && observed(current, status, this.now(), this.jitterSeed(current));
  }

  private async land(job: BatchJob, client: BatchJobClient, batchId: string): Promise<BatchJob | undefined> {
    const current = this.deps.store.get(job.id);
    if (!current || current.landed) return current; // another poll or window got there first
    const results = job.phase === 'failed' ? [] : await client.results(batchId);
    const joined = joinResults(job.items, results);
    joined.unknown.forEach((customId) => this.deps.log.warn(`batch job ${job.id}: a result for an unknown request (${customId}) was ignored.`));
    joined.duplicates.forEach((customId) => this.deps.log.warn(`batch job ${job.id}: a second result for ${customId} was ignored.`));
    const answers = [...joined.matched.values()].filter((m): m is LandingItem => m.result.kind === 'succeeded');
    // Recorded before landing: whatever happens to the landing, the money is in the ledger, once.
    await this.record(job, answers);
    const done = landed(job, this.outcomes(job, joined, await this.landAnswers(job, answers)));
    await this.deps.store.put(done);
    for (const o of done.outcomes ?? []) {
      if (o.kind === 'succeeded') continue;
      const item = job.items.find((i) => i.customId === o.customId);
      this.deps.log.warn(`batch job ${job.id}: ${item?.path ?? o.customId} ${o.kind}${o.reason ? `: ${o.reason}` : ''}`);
    }
    this.deps.tell(done);
    await this.deleteAtProvider(done, client, batchId);
    return done;
  }

  /**
   * Best effort, once the job is stored as landed (its results are no longer needed): a failure is logged and
   * never undoes or fails the landing. Another window may have deleted them first; the client takes that as done.
   */
  private async deleteAtProvider(job: BatchJob, client: BatchJobClient, batchId: string): Promise<void> {
    try {
      await client.deleteAtProvider(batchId);
      this.deps.log.info(`batch job ${job.id}: deleted its files at the provider.`);
    } catch (error) {
      this.deps.log.warn(`batch job ${job.id}: could not delete its files at the provider (${errorText(error)}); they stay in the account until deleted there.`);
    }
  }

  /** Every answered request into the ledger and the session spend, at the batch rate, unless already there. */
  private async record(job: BatchJob, answers: readonly LandingItem[]): Promise<void> {
    const spec = this.deps.models()[job.model] ?? specOfRemovedModel(job);
    const reason = `${job.kind === 'review' ? 'review' : 'bulk edit'} → ${spec.displayName} through the Batch API (${100 - spec.prices.batchPercent}% off)`;
    let already = 0;
    for (const { result } of answers) {
      const record = batchLedgerRecord({
        job,
        customId: result.customId,
        usage: result.usage,
        model: job.model,
        requestId: result.requestId,
        outcome: 'ok',
        time: this.now(),
        sessionId: this.deps.sessionId(),
        reason,
        spec,
      });
      if (!(await this.deps.ledger.recordOnce(record))) already++;
    }
    if (already > 0) this.deps.log.info(`batch job ${job.id}: ${already} of ${answers.length} results were already in the ledger; not counted again.`);
  }

  /**
   * The lander's outcomes. A lander must not throw; if one does anyway (a defect), its answers end as
   * errored with the reason, and the job lands: a landing that threw once would throw on every later poll,
   * and the job would never end.
   */
  private async landAnswers(job: BatchJob, answers: readonly LandingItem[]): Promise<JobItemOutcome[]> {
    if (answers.length === 0) return [];
    try {
      return await this.deps.landers[job.kind](job, answers);
    } catch (error) {
      this.deps.log.error(`batch job ${job.id}: landing the results failed (${errorText(error)}).`);
      const reason = `the result could not be shown (${errorText(error)}); ${retryAdvice(job.kind)}`;
      return answers.map(({ item }) => ({ customId: item.customId, kind: 'errored', reason }));
    }
  }

  /** One outcome per item, in the job's order: the lander's for the answers, the provider's for the rest. */
  private outcomes(job: BatchJob, joined: Joined<BatchResult>, fromLander: readonly JobItemOutcome[]): JobItemOutcome[] {
    const landedById = new Map(fromLander.map((o) => [o.customId, o]));
    return jobOutcomes(job.items, joined).map((o) => {
      const fromLanding = landedById.get(o.customId);
      if (fromLanding) return fromLanding;
      // A failed batch returns no results: its reason is the batch's.
      if (job.phase === 'failed' && !joined.matched.has(o.customId)) return { ...o, reason: job.message ?? 'the batch failed' };
      return o;
    });
  }

  /** Windows watching the same job each jitter their polls differently, so they do not poll in step. */
  private jitterSeed(job: BatchJob): string {
    return `${job.id}/${this.deps.sessionId()}`;
  }

  private clearTimer(id: string): void {
    const timer = this.timers.get(id);
    if (timer !== undefined) this.clock.clear(timer);
    this.timers.delete(id);
  }
}

/**
 * A job's model as the job itself remembers it, for a model removed from the catalog since it was sent;
 * without its prices (a job from before they were stored) the results cannot be priced, and the poll says so.
 */
function specOfRemovedModel(job: BatchJob): ModelSpec {
  if (!job.prices) throw new Error(`the model ${job.model} is no longer in tandem.models and the job does not hold its prices; add the model back to land the results`);
  return { id: job.model, provider: job.provider, displayName: job.model, prices: job.prices, contextWindow: 0, maxInput: 0, maxOutput: 0, minCacheablePrefix: 0, sources: [] };
}
