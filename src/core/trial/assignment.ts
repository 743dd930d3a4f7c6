import type { TrialArm } from '../ledger/record';
import { newSeed, seededRandom } from '../random/seeded';

/** One draw: the arm and the seed it came from (recorded, so the draw can be replayed). */
export interface TrialDraw {
  readonly arm: TrialArm;
  readonly seed: number;
}

/** The arm a seed gives at a share: the first number of the seeded generator below the share is the trial arm. */
export function armFor(seed: number, share: number): TrialArm {
  return seededRandom(seed)() < share ? 'trial' : 'routed';
}

export interface TrialAssignerOptions {
  /** Milliseconds, for the burst pause. */
  readonly now: () => number;
  /** A call this long after the last one of its burst starts a new burst (and a new draw). */
  readonly burstPauseMs: number;
  readonly seeds?: () => number;
}

/**
 * Draws the arm of each call. Calls that share a burst key (an inline completion's prompt cache key) are one
 * burst while they come less than `burstPauseMs` apart and get the burst's draw: keystroke by keystroke the
 * completion stays on one model, so its cache and the provider's prompt cache keep working.
 */
export class TrialAssigner {
  private readonly bursts = new Map<string, { draw: TrialDraw; lastAt: number }>();
  private readonly seeds: () => number;

  constructor(private readonly options: TrialAssignerOptions) {
    this.seeds = options.seeds ?? newSeed;
  }

  draw(trialId: string, share: number, burstKey?: string): TrialDraw {
    const now = this.options.now();
    this.forgetEnded(now);
    if (burstKey === undefined) return this.fresh(share);
    const key = `${trialId}\u0000${burstKey}`;
    const burst = this.bursts.get(key);
    if (burst) {
      burst.lastAt = now;
      return burst.draw;
    }
    const draw = this.fresh(share);
    this.bursts.set(key, { draw, lastAt: now });
    return draw;
  }

  private fresh(share: number): TrialDraw {
    const seed = this.seeds() >>> 0;
    return { arm: armFor(seed, share), seed };
  }

  /** Bursts past their pause end: the map holds only the few files being typed in now. */
  private forgetEnded(now: number): void {
    for (const [key, burst] of this.bursts) if (now - burst.lastAt >= this.options.burstPauseMs) this.bursts.delete(key);
  }
}
