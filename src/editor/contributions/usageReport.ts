import * as vscode from 'vscode';
import { isPeriod } from '../../core/report/periods';
import { RoutingApplier } from '../report/applyRouting';
import { ReportPanel } from '../report/reportPanel';
import { ledgerReportSource } from '../report/reportSource';
import { routingHistoryStore } from '../report/routingHistoryStore';
import type { TandemContribution } from './contribution';

/** Show Usage and Cost and Show Routing Advice: the report of the ledger, on a period and a view if asked. */
export const usageReport: TandemContribution = {
  name: 'the usage report',
  create: ({ context, models, session, review, log }) => {
    const history = routingHistoryStore(context.globalState);
    const source = ledgerReportSource({
      ledger: models.ledger,
      session,
      spend: models.periodSpend,
      settings: () => models.settings.models(),
      notes: () => review.reportNotes(),
      quality: models.quality,
      routes: () => models.settings.models().routes,
      history: () => history.read(),
      trial: models.trial,
    });
    const applier = new RoutingApplier(history, () => models.settings.models().models, log);
    return vscode.Disposable.from(
      source,
      applier,
      // An optional period ('session', 'today', '7d', '30d', 'all') opens the report on it.
      vscode.commands.registerCommand('tandem.showUsage', (period?: unknown) =>
        ReportPanel.show(context, source, applier, log, { period: isPeriod(period) ? period : undefined, view: 'usage' }),
      ),
      vscode.commands.registerCommand('tandem.showRoutingAdvice', (period?: unknown) =>
        ReportPanel.show(context, source, applier, log, { period: isPeriod(period) ? period : undefined, view: 'routing' }),
      ),
    );
  },
};
