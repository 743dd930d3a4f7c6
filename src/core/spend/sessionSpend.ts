import { Emitter, type Event } from '../events/emitter';

/** What this editor session has spent so far. Money is kept in integer micro-dollars so sums stay exact. */
export interface SpendTotals {
  readonly calls: number;
  readonly tokens: number;
  readonly costMicroUsd: number;
}

export interface SpendEntry {
  readonly tokens: number;
  readonly costMicroUsd: number;
}

export const NO_SPEND: SpendTotals = Object.freeze({ calls: 0, tokens: 0, costMicroUsd: 0 });

/** In-memory totals for the current session, with an event so the UI can follow them live. */
export class SessionSpend {
  private current: SpendTotals = NO_SPEND;
  private readonly changed = new Emitter<SpendTotals>();
  readonly onDidChange: Event<SpendTotals> = this.changed.event;

  get totals(): SpendTotals {
    return this.current;
  }

  add(entry: SpendEntry): void {
    if (!Number.isInteger(entry.costMicroUsd) || entry.costMicroUsd < 0 || entry.tokens < 0) {
      throw new RangeError(`A spend entry must be non-negative whole micro-dollars and tokens, got ${JSON.stringify(entry)}`);
    }
    this.current = {
      calls: this.current.calls + 1,
      tokens: this.current.tokens + entry.tokens,
      costMicroUsd: this.current.costMicroUsd + entry.costMicroUsd,
    };
    this.changed.fire(this.current);
  }

  reset(): void {
    this.current = NO_SPEND;
    this.changed.fire(this.current);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
