import { pricesFor } from '../cost/cost';
import type { ModelPrices } from '../models/modelTable';
import type { Usage } from '../usage/usage';

const SCALE = 100_000_000; // µ$/MTok × percent → µ$

/**
 * What the cache saved, summed exactly and rounded once. Per call: cache reads at full input price minus
 * their cache price, less what cache writes cost above plain input; scaled by the batch percent like
 * costMicroUsd. One call's scaled figure is an exact integer, but a year of them can pass 2^53, so whole
 * micro-dollars and remainders are kept apart (remainders stay far below 2^53).
 */
export class CacheSavings {
  private micro = 0;
  private remainder = 0;

  add(usage: Usage, prices: ModelPrices, batch: boolean): void {
    if (usage.cacheRead === 0 && usage.cacheWrite5m === 0 && usage.cacheWrite1h === 0) return;
    // A long-context call pays the tier's rates for every token, cached or not.
    const p = pricesFor(usage, prices);
    const perMTok =
      usage.cacheRead * (p.input - p.cacheRead) -
      usage.cacheWrite5m * (p.cacheWrite5m - p.input) -
      usage.cacheWrite1h * (p.cacheWrite1h - p.input);
    const scaled = perMTok * (batch ? prices.batchPercent : 100);
    const whole = Math.floor(scaled / SCALE);
    this.micro += whole;
    this.remainder += scaled - whole * SCALE;
  }

  /** Adds another sum's calls (one day's to a period's): exact, as whole parts and remainders add apart. */
  addSavings(other: CacheSavings): void {
    this.micro += other.micro;
    this.remainder += other.remainder;
  }

  /** Rounded half up, as costMicroUsd rounds. */
  microUsd(): number {
    const whole = Math.floor(this.remainder / SCALE);
    return this.micro + whole + Math.round((this.remainder - whole * SCALE) / SCALE);
  }
}
