import type { BatchJob } from './job';

export interface BackoffOptions {
  /** Wait before the first poll. */
  readonly firstMs: number;
  /** Each wait is this many times the one before. */
  readonly factor: number;
  /** The longest wait: batches can take up to 24 h, and a result should land within minutes of the end. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { firstMs: 5_000, factor: 1.6, maxMs: 300_000 };

/** Jitter shortens a wait by up to this share. */
export const JITTER_SHARE = 0.1;

/**
 * How long to wait before the next poll, after `polls` polls. The wait grows geometrically (a small job
 * ends in seconds, a large one takes hours) up to maxMs, then is shortened by a jitter of up to 10% drawn
 * from `seed` and `polls`. Why jitter: jobs started together (a review and a bulk edit, or jobs from several
 * windows after a reload) would otherwise poll in lockstep and hit the provider's rate limit together; a
 * caller that adds its window's session id to the job id spreads windows watching the same job as well.
 * Why deterministic: a reloaded window recomputes the same schedule, and tests can pin it. Why only
 * shorter: the cap stays a true maximum, and waits at the cap stay spread.
 */
export function nextPollDelayMs(polls: number, seed: string, options: BackoffOptions = DEFAULT_BACKOFF): number {
  if (!Number.isInteger(polls) || polls < 0) throw new RangeError(`polls must be a whole number ≥ 0, not ${polls}`);
  return Math.round(geometricDelayMs(polls, options) * (1 - JITTER_SHARE * unitHash(`${seed}#${polls}`)));
}

/** The wait after `steps` earlier waits, before jitter: firstMs × factor^steps, at most maxMs. */
export function geometricDelayMs(steps: number, options: BackoffOptions): number {
  // Past the cap the power only grows (and would reach Infinity): clamp before multiplying.
  return Math.min(options.maxMs, options.firstMs * options.factor ** Math.min(steps, 1_000));
}

/** Milliseconds until the job's next poll is due; 0 when it is due now or has no time set. `now`: a Date or epoch ms. */
export function dueIn(job: Pick<BatchJob, 'nextPollAt'>, now: Date | number): number {
  if (job.nextPollAt === undefined) return 0;
  const at = Date.parse(job.nextPollAt);
  return Number.isNaN(at) ? 0 : Math.max(0, at - (typeof now === 'number' ? now : now.getTime()));
}

/**
 * FNV-1a (32 bits) of the text, as a number in [0, 1): cheap, stable across runs and platforms. FNV alone
 * barely moves its top bits for a change in the last character (`job#1` vs `job#2`), so murmur3's final
 * mix spreads every input bit over the whole word first.
 */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 2 ** 32;
}
