import { ioErrorText } from '../ledger/ledgerFiles';
import { localDay } from '../ledger/query';
import type { LedgerRecord } from '../ledger/record';
import type { Logger } from '../log/logger';
import type { SpentSoFar } from './budget';

/** What the budgets know, and what they leave out when the ledger could not be read. */
export interface KnownSpend extends SpentSoFar {
  /** Set while this month's ledger could not be read: says what today's and this month's figures count. */
  readonly caveat?: string;
}

/**
 * Today's and this month's spend for budget checks, without reading the ledger on every call: this
 * month's records are loaded once, then each new call is added. Calls made in another window after the
 * load are not seen until the next start (budgets are a guard rail, not an invoice).
 *
 * A failed load is never kept: it is tried again on the next use, and meanwhile the budgets count what is
 * known (this window's calls since it started) and say so, rather than blocking every call.
 */
export class PeriodSpend {
  private readonly calls = new Map<string, { time: number; cost: number }>();
  private loading?: Promise<void>;
  private loaded = false;
  private failure?: string;
  private readonly since: Date;

  constructor(
    private readonly loadSince: (from: Date) => Promise<readonly LedgerRecord[]>,
    private readonly sessionTotal: () => number,
    private readonly now: () => Date = () => new Date(),
    private readonly log?: Logger,
  ) {
    this.since = now();
  }

  add(record: LedgerRecord): void {
    this.calls.set(record.id, { time: Date.parse(record.time), cost: record.costMicroUsd });
  }

  async current(): Promise<KnownSpend> {
    const now = this.now();
    const monthStart = new Date(now.getFullYear(), now.getMonth(), 1);
    if (!this.loaded) {
      this.loading ??= this.load(monthStart).finally(() => {
        this.loading = undefined;
      });
      await this.loading;
    }
    const dayStart = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
    let today = 0;
    let month = 0;
    for (const { time, cost } of this.calls.values()) {
      if (time >= monthStart.getTime()) month += cost;
      if (time >= dayStart) today += cost;
    }
    const spent = { session: this.sessionTotal(), today, month };
    return this.failure === undefined ? spent : { ...spent, caveat: unreadCaveat(this.failure, this.since, now) };
  }

  private async load(monthStart: Date): Promise<void> {
    try {
      const records = await this.loadSince(monthStart);
      records.forEach((r) => this.add(r));
      this.loaded = true;
      if (this.failure !== undefined) this.log?.info("budget: the ledger was read; today's and this month's spend are complete again");
      this.failure = undefined;
    } catch (error) {
      const text = ioErrorText(error);
      if (this.failure !== text) this.log?.warn(`budget: ${unreadCaveat(text, this.since, this.now())} Trying again on the next call.`);
      this.failure = text;
    }
  }
}

/** What the budget figures count while the ledger cannot be read. */
function unreadCaveat(error: string, since: Date, now: Date): string {
  const sameDay = since.toDateString() === now.toDateString();
  const hhmm = `${String(since.getHours()).padStart(2, '0')}:${String(since.getMinutes()).padStart(2, '0')}`;
  const when = sameDay ? hhmm : `${localDay(since)} ${hhmm}`;
  return `Today's and this month's spend could not be read from the ledger (${error}); only this window's calls since ${when} are counted.`;
}
