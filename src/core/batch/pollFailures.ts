import { nextPollDelayMs, type BackoffOptions } from './backoff';
import type { BatchJob } from './job';

/**
 * After a failed poll (offline, provider down, key removed, storage refused) the next try waits 30 s, then
 * twice as long each time up to 15 minutes: a provider that is down is not asked every 30 s for a day, and
 * a job still lands within minutes of the provider's return.
 */
export const POLL_ERROR_BACKOFF: BackoffOptions = { firstMs: 30_000, factor: 2, maxMs: 900_000 };

/** After this many failed polls in a row (about 3.5 minutes of trying), the user is told, once per job. */
export const TELL_AFTER_FAILURES = 4;

export interface PollFailure {
  /** Failed polls of this job in a row, this one included. */
  readonly count: number;
  readonly retryInMs: number;
  /** The user is to be told now: the streak just reached TELL_AFTER_FAILURES, and this job was never told. */
  readonly tell: boolean;
}

/** The failed polls of each job in a row, in this window's memory: a reload starts counting again. */
export class PollFailures {
  private readonly streaks = new Map<string, number>();
  private readonly told = new Set<string>();

  /** A poll of job `id` failed. `seed` jitters the wait, as the poll backoff does (see nextPollDelayMs). */
  failed(id: string, seed: string): PollFailure {
    const count = (this.streaks.get(id) ?? 0) + 1;
    this.streaks.set(id, count);
    const tell = count >= TELL_AFTER_FAILURES && !this.told.has(id);
    if (tell) this.told.add(id);
    return { count, retryInMs: nextPollDelayMs(count - 1, `${seed}!failed`, POLL_ERROR_BACKOFF), tell };
  }

  /** A poll of job `id` worked; how many had failed in a row before it (0: none). */
  succeeded(id: string): number {
    const count = this.streaks.get(id) ?? 0;
    this.streaks.delete(id);
    return count;
  }
}

/** What the user is told when a job's polls keep failing: what failed, that Tandem keeps trying, how to stop it. */
export function pollTroubleMessage(job: Pick<BatchJob, 'title'>, failure: PollFailure, error: string): string {
  const minutes = Math.max(1, Math.round(failure.retryInMs / 60_000));
  return `Tandem: checking the batch job "${job.title}" has failed ${failure.count} times in a row (${error}). `
    + `Tandem keeps trying, less and less often (next in about ${minutes} min), and the results land once it gets through. `
    + 'To stop, run Tandem: Show Batch Jobs and cancel the job, or remove it from the list.';
}
