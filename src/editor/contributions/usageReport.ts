import * as vscode from 'vscode';
import { isPeriod } from '../../core/report/periods';
import { ReportPanel } from '../report/reportPanel';
import { ledgerReportSource } from '../report/reportSource';
import type { TandemContribution } from './contribution';

/** Show Usage and Cost: the report of the ledger, opened on a period if one is passed. */
export const usageReport: TandemContribution = {
  name: 'the usage report',
  create: ({ context, models, session, review, log }) => {
    const source = ledgerReportSource({
      ledger: models.ledger,
      session,
      spend: models.periodSpend,
      settings: () => models.settings.models(),
      notes: () => review.reportNotes(),
    });
    return vscode.Disposable.from(
      source,
      // An optional period ('session', 'today', '7d', '30d', 'all') opens the report on it.
      vscode.commands.registerCommand('tandem.showUsage', (period?: unknown) => ReportPanel.show(context, source, log, isPeriod(period) ? period : undefined)),
    );
  },
};
