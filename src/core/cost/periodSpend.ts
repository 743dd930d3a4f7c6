import type { CallRow, Disposable, RowSink } from '../ledger/callRow';
import { ioErrorText } from '../ledger/ledgerFiles';
import type { TimeRange } from '../ledger/monthFiles';
import { localDay } from '../ledger/query';
import type { Logger } from '../log/logger';
import { LocalDays } from '../report/localDays';
import type { SpentSoFar } from './budget';

/** What the budgets know, and what they leave out when the ledger could not be read. */
export interface KnownSpend extends SpentSoFar {
  /** Set while this month's ledger could not be read: says what today's and this month's figures count. */
  readonly caveat?: string;
}

/** What the period spend needs of the ledger (a LedgerStore): its index's rows, and reading the files into it. */
export interface SpendLedger {
  readonly index: { attach(sink: RowSink): Disposable };
  refresh(range?: TimeRange): Promise<void>;
}

/**
 * Spend this session, today and this month: the one source of those figures for the budget check, the
 * status bar's colour and the report's budget rows, so they cannot disagree. It sums, per local day,
 * the rows of the ledger's index: this window's calls from the moment they are appended (written or
 * still waiting to be), and what the files held when read. The month's files are read into the index
 * once, on first use; after that a budget check reads nothing, and calls made in another window count
 * from the next time the index reads the files (the report does on every build).
 *
 * A failed read is never kept: it is tried again on the next use, and meanwhile the budgets count what is
 * known (this window's calls since it started) and say so, rather than blocking every call.
 */
export class PeriodSpend implements RowSink, Disposable {
  /** Cost per local day (YYYY-MM-DD), the same days the report counts. */
  private readonly byDay = new Map<string, number>();
  private readonly days = new LocalDays();
  private readonly attachment: Disposable;
  private loading?: Promise<void>;
  private loaded = false;
  private failure?: string;
  private readonly since: Date;

  constructor(
    private readonly ledger: SpendLedger,
    private readonly sessionTotal: () => number,
    private readonly now: () => Date = () => new Date(),
    private readonly log?: Logger,
  ) {
    this.since = now();
    this.attachment = ledger.index.attach(this);
  }

  add(row: CallRow): void {
    const day = this.days.dayOfMs(row.timeMs);
    this.byDay.set(day, (this.byDay.get(day) ?? 0) + row.costMicroUsd);
  }

  clear(): void {
    this.byDay.clear();
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
    const today = localDay(now);
    const month = localDay(monthStart);
    let todaySpend = 0;
    let monthSpend = 0;
    for (const [day, cost] of this.byDay) {
      // Local days as YYYY-MM-DD compare in time order as text.
      if (day >= month) monthSpend += cost;
      if (day >= today) todaySpend += cost;
    }
    const spent = { session: this.sessionTotal(), today: todaySpend, month: monthSpend };
    return this.failure === undefined ? spent : { ...spent, caveat: unreadCaveat(this.failure, this.since, now) };
  }

  dispose(): void {
    this.attachment.dispose();
  }

  private async load(monthStart: Date): Promise<void> {
    try {
      await this.ledger.refresh({ from: monthStart });
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
