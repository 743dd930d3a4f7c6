import type { LedgerRecord } from '../ledger/record';
import type { SpentSoFar } from './budget';

/**
 * Today's and this month's spend for budget checks, without reading the ledger on every call: this
 * month's records are loaded once, then each new call is added. Calls made in another window after the
 * load are not seen until the next start (budgets are a guard rail, not an invoice).
 */
export class PeriodSpend {
  private readonly calls = new Map<string, { time: number; cost: number }>();
  private loading?: Promise<void>;

  constructor(
    private readonly loadSince: (from: Date) => Promise<readonly LedgerRecord[]>,
    private readonly sessionTotal: () => number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  add(record: LedgerRecord): void {
    this.calls.set(record.id, { time: Date.parse(record.time), cost: record.costMicroUsd });
  }

  async current(): Promise<SpentSoFar> {
    const now = this.now();
    const monthStart = new Date(now.getFullYear(), now.getMonth(), 1);
    this.loading ??= this.loadSince(monthStart).then((records) => records.forEach((r) => this.add(r)));
    await this.loading;
    const dayStart = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
    let today = 0;
    let month = 0;
    for (const { time, cost } of this.calls.values()) {
      if (time >= monthStart.getTime()) month += cost;
      if (time >= dayStart) today += cost;
    }
    return { session: this.sessionTotal(), today, month };
  }
}
