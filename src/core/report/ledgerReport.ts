import type { BudgetCaps, BudgetMode, SpentSoFar } from '../cost/budget';
import type { LedgerWriteState } from '../ledger/appendQueue';
import type { Disposable, RowSink } from '../ledger/callRow';
import { ioErrorText } from '../ledger/ledgerFiles';
import type { TimeRange } from '../ledger/monthFiles';
import { localDay, periodRange, type Period } from '../ledger/query';
import type { LedgerRecord } from '../ledger/record';
import type { ModelTable } from '../models/modelTable';
import { buildReport, reportFromDays } from './buildReport';
import { DayAggregates, TaskValues } from './dayAggregates';
import { recordsInPeriod } from './periodRecords';
import type { ReportModel } from './reportModel';

export interface LedgerReportDeps {
  /** The ledger store (see LedgerStore): its index feeds the report's per-day aggregates. */
  readonly ledger: {
    readonly index: { attach(sink: RowSink): Disposable };
    readonly writeState: LedgerWriteState;
    refresh(range?: TimeRange): Promise<void>;
    skippedLines(range?: TimeRange): number;
    read(range?: TimeRange): Promise<{ readonly records: readonly LedgerRecord[] }>;
  };
  /** This window's session: its id and its calls. */
  readonly session: {
    readonly id: string;
    readonly records: readonly LedgerRecord[];
  };
  /**
   * Spend this session, today and this month for the budget rows: the period spend, the source the
   * budget check and the status bar's colour read too (fed by the same ledger index).
   */
  readonly spend: { current(): Promise<SpentSoFar> };
  /** Current prices (for cache savings and the what-if) and budget settings. */
  readonly settings: () => { readonly models: ModelTable; readonly budget: { readonly caps: BudgetCaps; readonly mode: BudgetMode } };
  readonly now?: () => Date;
  /** Notes from the features (e.g. review rules too short to be cached). */
  readonly notes?: () => readonly string[];
}

/**
 * The usage report over the ledger. The ledger index keeps per-day aggregates here up to date: opening a
 * period reads only what was appended since the last look (the whole year once, on the first open) and
 * sums the period's days, and a live update after a call costs that call's record. A ledger that cannot
 * be read gives the report what is known, with a note that says so.
 */
export class LedgerReport implements Disposable {
  private readonly days = new DayAggregates();
  private readonly values = new TaskValues();
  private readonly attachment: Disposable;
  private readonly now: () => Date;

  constructor(private readonly deps: LedgerReportDeps) {
    this.now = deps.now ?? (() => new Date());
    this.attachment = deps.ledger.index.attach(this.days);
  }

  async build(period: Period): Promise<ReportModel> {
    const at = this.now();
    const monthStart = new Date(at.getFullYear(), at.getMonth(), 1);
    // One refresh covers both the period and this month (the budget rows' period spend sums the same index).
    const periodFrom = period === 'session' ? monthStart : periodRange(period, at).from;
    const range: TimeRange = period === 'all' || !periodFrom ? {} : { from: periodFrom < monthStart ? periodFrom : monthStart };
    const notes = [...(this.deps.notes?.() ?? [])];
    try {
      await this.deps.ledger.refresh(range);
    } catch (error) {
      notes.push(`The usage ledger could not be read (${ioErrorText(error)}): these figures hold what was read before and this window's calls.`);
    }
    const state = this.deps.ledger.writeState;
    if (state.kind === 'failing') {
      const [calls, they] = state.pending === 1 ? ['1 call is', 'It is'] : [`${state.pending} calls are`, 'They are'];
      notes.push(`${calls} not in the ledger file yet: ${state.dir} cannot be written (${state.error}). ${they} counted here and written once it can be.`);
    }
    const { models, budget } = this.deps.settings();
    const { session, today, month } = await this.deps.spend.current();
    const options = {
      period,
      now: at,
      sessionId: this.deps.session.id,
      models,
      budget: {
        caps: budget.caps,
        mode: budget.mode,
        spent: { session, today, month },
      },
      notes,
      skippedLines: this.deps.ledger.skippedLines(range),
    };
    if (period === 'session') return buildReport(this.deps.session.records, options);
    return reportFromDays(this.days.from(periodFrom && localDay(periodFrom)), options, this.values);
  }

  /** Exactly the records the report for this period counts, whole, for an export. */
  async records(period: Period): Promise<LedgerRecord[]> {
    const at = this.now();
    const { id, records } = this.deps.session;
    if (period === 'session') return [...recordsInPeriod(records, period, at, id)];
    const { from } = periodRange(period, at);
    return [...recordsInPeriod((await this.deps.ledger.read(from ? { from } : {})).records, period, at, id)];
  }

  dispose(): void {
    this.attachment.dispose();
  }
}
