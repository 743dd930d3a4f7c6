import { nextPollDelayMs } from './backoff';
import type { BatchJob, JobCounts, JobItemOutcome, JobPhase } from './job';

/** Pure transitions of a persisted job: each returns a new job and leaves the old one as it was. */

export type ObservedPhase = Exclude<JobPhase, 'submitting'>;

export interface ObservedStatus {
  readonly phase: ObservedPhase;
  readonly counts: JobCounts;
  readonly message?: string;
}

/** Phases the provider will not leave again. */
const FINAL_PHASES: readonly JobPhase[] = ['ended', 'cancelled', 'failed', 'expired'];
/** Final phases whose per-request results can still be fetched (a failed batch has none). */
const WITH_RESULTS: readonly JobPhase[] = ['ended', 'cancelled', 'expired'];

export function isFinal(phase: JobPhase): boolean {
  return FINAL_PHASES.includes(phase);
}

function pollAt(now: Date, polls: number, seed: string): string {
  return new Date(now.getTime() + nextPollDelayMs(polls, seed)).toISOString();
}

/** The provider accepted the batch: from now on it is polled. */
export function submitted(job: BatchJob, batchId: string, now: Date): BatchJob {
  if (job.phase !== 'submitting') throw new Error(`Batch job ${job.id} is already ${job.phase}; it cannot be submitted again.`);
  return { ...job, batchId, phase: 'running', polls: 0, nextPollAt: pollAt(now, 0, job.id) };
}

/** Submitting failed (upload refused, no key, network): nothing reached the provider's queue. */
export function submitFailed(job: BatchJob, message: string): BatchJob {
  if (job.phase !== 'submitting') throw new Error(`Batch job ${job.id} is ${job.phase}, not submitting.`);
  return without({ ...job, phase: 'failed', message }, 'nextPollAt');
}

/**
 * What a poll saw. The next poll is scheduled from the backoff while the job still needs one. A stale
 * answer (a poll that raced another window's, or arrived after the results landed) never moves a job
 * back out of a final phase. `jitterSeed` defaults to the job id; see nextPollDelayMs.
 */
export function observed(job: BatchJob, status: ObservedStatus, now: Date, jitterSeed: string = job.id): BatchJob {
  if (job.landed || (isFinal(job.phase) && !isFinal(status.phase))) return job;
  const polls = job.polls + 1;
  // The message describes the latest status only: an old one must not outlive it.
  const next: BatchJob = { ...without(job, 'message'), phase: status.phase, counts: status.counts, polls };
  const seen = status.message === undefined ? next : { ...next, message: status.message };
  return isActive(seen) ? { ...seen, nextPollAt: pollAt(now, polls, jitterSeed) } : without(seen, 'nextPollAt');
}

/** The results were applied or shown: a later session must not land them again. */
export function landed(job: BatchJob, outcomes: readonly JobItemOutcome[]): BatchJob {
  if (!isFinal(job.phase)) throw new Error(`Batch job ${job.id} is ${job.phase}: its results cannot land yet.`);
  return without({ ...job, landed: true, outcomes: [...outcomes] }, 'nextPollAt');
}

/** Still needs polling: in flight, or ended with results not yet fetched and landed. */
export function isActive(job: BatchJob): boolean {
  return !isFinal(job.phase) || (WITH_RESULTS.includes(job.phase) && !job.landed);
}

/** One line for the jobs view, e.g. "7 of 12 done" or "ended: 10 succeeded, 1 errored, 1 expired". */
export function progressLabel(job: BatchJob): string {
  const total = job.counts?.total ?? job.items.length;
  const done = `${job.counts?.done ?? 0} of ${total} done`;
  switch (job.phase) {
    case 'submitting':
      return `submitting ${total} ${total === 1 ? 'file' : 'files'}`;
    case 'running':
      return done;
    case 'cancelling':
      return `cancelling (${done})`;
    case 'failed':
      return job.message ? `failed: ${job.message}` : 'failed';
    case 'cancelled':
      return job.counts && job.counts.succeeded > 0 ? `cancelled: ${tally(job.counts)}` : 'cancelled';
    case 'ended':
    case 'expired':
      return job.counts ? `${job.phase}: ${tally(job.counts)}` : job.phase;
  }
}

/** "10 succeeded, 1 errored, 1 expired": succeeded always, the others only when there are any. */
function tally(counts: JobCounts): string {
  const others = (['errored', 'expired', 'cancelled'] as const).filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}`);
  return [`${counts.succeeded} succeeded`, ...others].join(', ');
}

/** A copy without an optional field (absent, not `undefined`, so the stored JSON stays minimal). */
function without(job: BatchJob, field: 'message' | 'nextPollAt'): BatchJob {
  const copy: { -readonly [K in keyof BatchJob]: BatchJob[K] } = { ...job };
  delete copy[field];
  return copy;
}
