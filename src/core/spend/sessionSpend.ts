import { Emitter, type Event } from '../events/emitter';
import type { LedgerRecord } from '../ledger/record';
import { totalTokens } from '../usage/usage';

/** What this editor session has spent so far. Money is kept in integer micro-dollars so sums stay exact. */
export interface SpendTotals {
  readonly calls: number;
  readonly tokens: number;
  readonly costMicroUsd: number;
}

export const NO_SPEND: SpendTotals = Object.freeze({ calls: 0, tokens: 0, costMicroUsd: 0 });

/**
 * The current session: its id (new after a reset, so the report's "session" period restarts too), its
 * calls for the status bar's breakdown, running totals, and how many requests are in flight.
 */
export class SessionSpend {
  private current: SpendTotals = NO_SPEND;
  private calls: LedgerRecord[] = [];
  private running = 0;
  private readonly changed = new Emitter<SpendTotals>();
  /** Fires after every recorded call and every reset. */
  readonly onDidChange: Event<SpendTotals> = this.changed.event;
  private readonly busyChanged = new Emitter<boolean>();
  /** Fires when the first request starts and when the last one ends. */
  readonly onDidChangeBusy: Event<boolean> = this.busyChanged.event;

  constructor(
    private readonly newSessionId: () => string,
    private sessionId = newSessionId(),
  ) {}

  get id(): string {
    return this.sessionId;
  }

  get totals(): SpendTotals {
    return this.current;
  }

  get records(): readonly LedgerRecord[] {
    return this.calls;
  }

  get busy(): boolean {
    return this.running > 0;
  }

  add(record: LedgerRecord): void {
    if (!Number.isInteger(record.costMicroUsd) || record.costMicroUsd < 0) {
      throw new RangeError(`A call's cost must be whole non-negative micro-dollars, got ${record.costMicroUsd}`);
    }
    this.calls.push(record);
    this.current = {
      calls: this.current.calls + 1,
      tokens: this.current.tokens + totalTokens(record.usage),
      costMicroUsd: this.current.costMicroUsd + record.costMicroUsd,
    };
    this.changed.fire(this.current);
  }

  /** Marks a request in flight; call the returned function when it ends, however it ends. */
  begin(): () => void {
    if (this.running++ === 0) this.busyChanged.fire(true);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.running === 0) this.busyChanged.fire(false);
    };
  }

  reset(): void {
    this.sessionId = this.newSessionId();
    this.calls = [];
    this.current = NO_SPEND;
    this.changed.fire(this.current);
  }

  dispose(): void {
    this.changed.dispose();
    this.busyChanged.dispose();
  }
}
