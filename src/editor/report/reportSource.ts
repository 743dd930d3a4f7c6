import * as vscode from 'vscode';
import type { BudgetCaps, BudgetMode } from '../../core/cost/budget';
import { periodRange, type Period } from '../../core/ledger/query';
import type { LedgerRecord } from '../../core/ledger/record';
import type { TimeRange } from '../../core/ledger/store';
import type { ModelTable } from '../../core/models/modelTable';
import { buildReport } from '../../core/report/buildReport';
import { recordsInPeriod } from '../../core/report/periodRecords';
import type { ReportModel } from '../../core/report/reportModel';
import type { ReportSource } from './reportPanel';

export interface LedgerReportDeps {
  readonly ledger: { read(range?: TimeRange): Promise<{ readonly records: readonly LedgerRecord[] }> };
  /** This window's session: its id, its calls (recorded before their ledger append completes) and its total. */
  readonly session: {
    readonly id: string;
    readonly records: readonly LedgerRecord[];
    readonly totals: { readonly costMicroUsd: number };
    onDidChange(listener: () => void): { dispose(): void };
  };
  /** Current prices (for cache savings and the what-if) and budget settings. */
  readonly settings: () => { readonly models: ModelTable; readonly budget: { readonly caps: BudgetCaps; readonly mode: BudgetMode } };
  readonly now?: () => Date;
  /** Notes from the features (e.g. review rules too short to be cached). */
  readonly notes?: () => readonly string[];
}

/**
 * The report's source in the running extension: the ledger, plus this session's calls that may not have
 * reached the file yet. Changes when a call is recorded or a `tandem.*` setting (prices, budgets) changes.
 */
export function ledgerReportSource(deps: LedgerReportDeps): ReportSource {
  const now = deps.now ?? (() => new Date());

  /**
   * The ledger from `from` on, with every call of this session merged in by id (some may not have reached
   * the file yet; a session that began last month keeps its earlier calls), oldest first. Periods and
   * budget sums filter by time themselves.
   */
  const load = async (from: Date | undefined): Promise<LedgerRecord[]> => {
    const byId = new Map<string, LedgerRecord>();
    for (const r of (await deps.ledger.read(from ? { from } : {})).records) byId.set(r.id, r);
    for (const r of deps.session.records) byId.set(r.id, r);
    return [...byId.values()].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  };

  return {
    async records(period: Period): Promise<LedgerRecord[]> {
      const at = now();
      if (period === 'session') return [...recordsInPeriod(deps.session.records, period, at, deps.session.id)];
      return [...recordsInPeriod(await load(periodRange(period, at).from), period, at, deps.session.id)];
    },

    async build(period: Period): Promise<ReportModel> {
      const at = now();
      const monthStart = new Date(at.getFullYear(), at.getMonth(), 1);
      const dayStart = new Date(at.getFullYear(), at.getMonth(), at.getDate());
      // One read covers both the period and this month (for the budget rows).
      const periodFrom = period === 'session' ? monthStart : periodRange(period, at).from;
      const from = period === 'all' || !periodFrom ? undefined : periodFrom < monthStart ? periodFrom : monthStart;
      const all = await load(from);
      let today = 0;
      let month = 0;
      for (const r of all) {
        const t = Date.parse(r.time);
        if (t >= monthStart.getTime()) month += r.costMicroUsd;
        if (t >= dayStart.getTime()) today += r.costMicroUsd;
      }
      const { models, budget } = deps.settings();
      return buildReport(all, {
        period,
        now: at,
        sessionId: deps.session.id,
        models,
        budget: { caps: budget.caps, mode: budget.mode, spent: { session: deps.session.totals.costMicroUsd, today, month } },
        notes: deps.notes?.() ?? [],
      });
    },

    onDidChange(listener: () => void): { dispose(): void } {
      const subscriptions = [
        deps.session.onDidChange(() => listener()),
        vscode.workspace.onDidChangeConfiguration((e) => {
          if (e.affectsConfiguration('tandem')) listener();
        }),
      ];
      return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
    },
  };
}
