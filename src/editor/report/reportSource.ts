import * as vscode from 'vscode';
import type { LedgerRecord } from '../../core/ledger/record';
import type { RoutingTable } from '../../core/models/modelTable';
import type { QualityLog } from '../../core/quality/qualityLog';
import type { RoutingHistoryEntry } from '../../core/quality/routingHistory';
import type { QualitySignal } from '../../core/quality/signal';
import { LedgerReport, type LedgerReportDeps } from '../../core/report/ledgerReport';
import { buildRoutingReport, type TrialSummary } from '../../core/report/routingReport';
import type { ReportSource } from './reportPanel';

export interface LedgerReportSourceDeps extends LedgerReportDeps {
  readonly ledger: LedgerReportDeps['ledger'] & { readonly onDidChangeWriteState: (listener: () => void) => { dispose(): void } };
  readonly session: LedgerReportDeps['session'] & { onDidChange(listener: () => void): { dispose(): void } };
  /** The quality log beside the ledger: what became of the answers. */
  readonly quality: Pick<QualityLog, 'read' | 'onDidRecord'>;
  /** The routing in force. */
  readonly routes: () => RoutingTable;
  /** Routing changes applied from the advice. */
  readonly history: () => readonly RoutingHistoryEntry[];
  /** The routing trial in progress (the trial store): the Routing view says it runs, and follows its start and stop. */
  readonly trial?: { readonly current: TrialSummary | undefined; onDidChange(listener: () => void): { dispose(): void } };
}

/**
 * The report's source in the running extension: the ledger through its index (see LedgerReport), and the
 * quality log for the Routing view. Changes when a call is recorded, when the ledger starts or stops being
 * written, or when a `tandem.*` setting (prices, budgets, routing) changes; quality signals are told apart.
 */
export function ledgerReportSource(deps: LedgerReportSourceDeps): ReportSource & vscode.Disposable {
  const report = new LedgerReport(deps);
  const signalsFor = async (records: readonly LedgerRecord[]): Promise<QualitySignal[]> => {
    if (records.length === 0) return [];
    // Signals come after their call: everything from the period's first call on.
    const from = new Date(records.reduce((first, r) => Math.min(first, Date.parse(r.time)), Infinity));
    return (await deps.quality.read({ from })).signals;
  };
  return {
    build: (period) => report.build(period),
    records: (period) => report.records(period),
    signalsFor,
    async routing(period) {
      const now = new Date();
      const records = await report.records(period);
      const trial = deps.trial?.current;
      return buildRoutingReport({
        period,
        records,
        signals: await signalsFor(records),
        routes: deps.routes(),
        models: deps.settings().models,
        now,
        history: deps.history(),
        ...(trial ? { trial } : {}),
      });
    },
    onDidChange(listener: () => void): { dispose(): void } {
      const subscriptions = [
        deps.session.onDidChange(() => listener()),
        deps.ledger.onDidChangeWriteState(() => listener()),
        vscode.workspace.onDidChangeConfiguration((e) => {
          if (e.affectsConfiguration('tandem')) listener();
        }),
        ...(deps.trial ? [deps.trial.onDidChange(() => listener())] : []),
      ];
      return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
    },
    onDidChangeQuality: (listener) => deps.quality.onDidRecord(() => listener()),
    dispose: () => report.dispose(),
  };
}
