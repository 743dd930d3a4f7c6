import * as vscode from 'vscode';
import { inBackground } from '../../core/log/background';
import { trialDate } from '../../core/trial/routingTrial';
import type { TandemLog } from '../log';
import { startRoutingTrial, stopRoutingTrial } from '../trial/trialCommands';
import type { TrialEnded } from '../trial/trialStore';
import { registerTrialView } from '../views/trialView';
import type { TandemContribution } from './contribution';

/**
 * The routing trial: Start / Stop commands, the "Routing Trial" section of the Tandem view, the context key
 * that enables Stop, and the message when a trial ends on its own. The trial itself is in the model layer
 * (models.trial), where every call reads it.
 */
export const routingTrial: TandemContribution = {
  name: 'the routing trial',
  create: ({ models, session, log }) => {
    const store = models.trial;
    const view = registerTrialView({ store, ledger: models.ledger, session, settings: () => models.settings.models() });
    const setRunning = (): void => void vscode.commands.executeCommand('setContext', 'tandem.trialRunning', store.current !== undefined);
    setRunning();
    const registrations = vscode.Disposable.from(
      view,
      store.onDidChange(setRunning),
      store.onDidEnd((ended) => inBackground(tellEnded(ended, log), log, 'the message that the routing trial ended')),
      vscode.commands.registerCommand('tandem.startRoutingTrial', (args?: unknown) => startRoutingTrial(models, args)),
      vscode.commands.registerCommand('tandem.stopRoutingTrial', () => stopRoutingTrial(models)),
      // Routes and display names in the rows come from the settings.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tandem.routing') || e.affectsConfiguration('tandem.models')) view.provider.refresh();
      }),
    );
    // A trial that ended while VS Code was closed ends now; a running one gets its end timer.
    inBackground(store.checkEnd(), log, 'the routing trial check');
    return { dispose: () => registrations.dispose(), testApi: { trialView: view.provider } };
  },
};

async function tellEnded(ended: TrialEnded, log: TandemLog): Promise<void> {
  if (ended.why === 'damaged') {
    const choice = await vscode.window.showWarningMessage(
      `Tandem: the routing trial's saved state could not be read (${ended.problem ?? 'unknown'}), so the trial was ended. Every call goes to its routed model; "Tandem: Start Routing Trial…" starts a new one.`,
      'Show Log');
    if (choice) log.channel.show();
    return;
  }
  const choice = await vscode.window.showInformationMessage(
    `Tandem: the routing trial ended${ended.trial ? ` on ${trialDate(ended.trial.endsAt)}` : ''}. Every call goes to its routed model again; the report's Routing view compares the models on what it measured.`,
    'Show Usage and Cost');
  if (choice) await vscode.commands.executeCommand('tandem.showUsage');
}
