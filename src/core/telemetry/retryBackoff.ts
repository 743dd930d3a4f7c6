import { geometricDelayMs } from '../batch/backoff';

/** The wait before the first retry of a failed export. */
export const FIRST_RETRY_DELAY_MS = 1000;

export interface BackoffOptions {
  /** The longest wait: the export interval, so a collector that is back gets data no later than a regular export would. */
  readonly capMs: number;
  /**
   * A number in [0, 1) (Math.random in use, fixed in tests). With it each wait is between half and all of the
   * schedule's, so a team's exporters that failed together do not all retry in the same instant.
   */
  readonly random?: () => number;
}

/** The wait before retry `attempt` (1 for the first): 1 s, 2 s, 4 s, … up to the cap. */
export function retryDelayMs(attempt: number, { capMs, random }: BackoffOptions): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a positive integer, not ${attempt}`);
  if (!(capMs > 0)) throw new RangeError(`capMs must be positive, not ${capMs}`);
  const scheduled = geometricDelayMs(attempt - 1, { firstMs: FIRST_RETRY_DELAY_MS, factor: 2, maxMs: capMs });
  if (!random) return scheduled;
  return Math.round(scheduled / 2 + (random() * scheduled) / 2);
}
