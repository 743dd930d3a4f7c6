import * as vscode from 'vscode';
import { budgetLevel } from '../../core/cost/budget';
import { endpointTooltipLines } from '../../core/endpoints/endpointStatus';
import { demoKeyTooltipLines } from '../../core/keys/demoKeys';
import { ledgerProblemLine } from '../../core/ledger/appendQueue';
import { inBackground } from '../../core/log/background';
import { PROVIDERS } from '../../core/models/providers';
import { trialTooltipLines } from '../../core/trial/routingTrial';
import type { SessionSpend } from '../../core/spend/sessionSpend';
import type { TandemLog } from '../log';
import type { ModelLayer } from '../models/modelLayer';
import { SpendStatusBar, type StatusBarSources } from '../statusBar';
import type { TandemContribution } from './contribution';

/** Settings the item shows something of: prices, budgets, routes, endpoints. */
const SHOWN_SETTINGS = ['tandem.budget', 'tandem.models', 'tandem.routing', 'tandem.openai', 'tandem.anthropic', 'tandem.trustedEndpoints'];

/** The session's spend in the status bar (click opens the report), and the command that resets it. */
export const spendStatusItem: TandemContribution = {
  name: 'the spend status item',
  create: ({ context, session, models, log }) => {
    const statusBar = new SpendStatusBar(session, statusBarSources(models));
    // After activation: the first full render reads the settings and endpoints (see SpendStatusBar).
    const firstRefresh = setTimeout(() => inBackground(statusBar.refresh(), log, 'the spend item'), 0);
    const registrations = vscode.Disposable.from(
      { dispose: () => clearTimeout(firstRefresh) },
      statusBar,
      // A key stored or cleared changes whether a demo key is in use.
      context.secrets.onDidChange(() => inBackground(statusBar.refresh(), log, 'the spend item')),
      vscode.commands.registerCommand('tandem.resetSessionSpend', () => resetSessionSpend(session, log)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (SHOWN_SETTINGS.some((s) => e.affectsConfiguration(s))) inBackground(statusBar.refresh(), log, 'the spend item');
      }),
    );
    return { dispose: () => registrations.dispose(), testApi: { statusBarItem: statusBar.item } };
  },
};

/** What the item shows besides the session: the models and routes in force, the ledger's state, endpoints, the budget. */
function statusBarSources(models: ModelLayer): StatusBarSources {
  return {
    models: () => models.settings.models().models,
    routes: () => models.settings.models().routes,
    ledgerProblem: () => ledgerProblemLine(models.ledger.writeState),
    onDidChangeLedger: (listener) => models.ledger.onDidChangeWriteState(listener),
    endpointLines: () => endpointTooltipLines(PROVIDERS.map((p) => models.clients.endpointStatus(p.id))),
    onDidChangeEndpoints: (listener) => models.consent.onDidChange(listener),
    trialLines: () => trialTooltipLines(models.trial.current),
    onDidChangeTrial: (listener) => models.trial.onDidChange(listener),
    keyLines: async () => {
      const sources = await Promise.all(PROVIDERS.map(async (p) => ({ name: p.displayName, source: await models.clients.keySource(p.id) })));
      return demoKeyTooltipLines(sources.filter((s) => s.source === 'demo').map((s) => s.name));
    },
    budgetLevel: async () => {
      const { caps } = models.settings.models().budget;
      return budgetLevel(caps, await models.periodSpend.current());
    },
  };
}

function resetSessionSpend(session: SessionSpend, log: TandemLog): void {
  session.reset();
  log.info('Session spend reset.');
  void vscode.window.showInformationMessage('Tandem: session spend reset to $0.00. The usage ledger keeps every call.');
}
