import * as vscode from 'vscode';
import { LedgerReport, type LedgerReportDeps } from '../../core/report/ledgerReport';
import type { ReportSource } from './reportPanel';

export interface LedgerReportSourceDeps extends LedgerReportDeps {
  readonly ledger: LedgerReportDeps['ledger'] & { readonly onDidChangeWriteState: (listener: () => void) => { dispose(): void } };
  readonly session: LedgerReportDeps['session'] & { onDidChange(listener: () => void): { dispose(): void } };
}

/**
 * The report's source in the running extension: the ledger through its index (see LedgerReport).
 * Changes when a call is recorded, when the ledger starts or stops being written, or when a `tandem.*`
 * setting (prices, budgets) changes.
 */
export function ledgerReportSource(deps: LedgerReportSourceDeps): ReportSource & vscode.Disposable {
  const report = new LedgerReport(deps);
  return {
    build: (period) => report.build(period),
    records: (period) => report.records(period),
    onDidChange(listener: () => void): { dispose(): void } {
      const subscriptions = [
        deps.session.onDidChange(() => listener()),
        deps.ledger.onDidChangeWriteState(() => listener()),
        vscode.workspace.onDidChangeConfiguration((e) => {
          if (e.affectsConfiguration('tandem')) listener();
        }),
      ];
      return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
    },
    dispose: () => report.dispose(),
  };
}
