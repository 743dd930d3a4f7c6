import * as vscode from 'vscode';
import { budgetLevel } from './core/cost/budget';
import { SessionSpend } from './core/spend/sessionSpend';
import { SpendStatusBar } from './editor/statusBar';
import { KeyStore } from './editor/keys/keyStore';
import { registerKeyCommands } from './editor/keys/keyCommands';
import { TandemLog } from './editor/log';
import { createModelLayer, type ModelLayer } from './editor/models/modelLayer';
import { isPeriod } from './core/report/periods';
import { ReportPanel } from './editor/report/reportPanel';
import { ledgerReportSource } from './editor/report/reportSource';

/** Set by esbuild's banner at the first line of the bundle, so code loading counts as activation time. */
declare const __tandemBundleStart: number | undefined;
// Top-level code of the entry runs after every imported module: this is the end of code loading.
const codeLoadingMs = typeof __tandemBundleStart === 'number' ? performance.now() - __tandemBundleStart : 0;

/** Internals handed to the integration tests only (ExtensionMode.Test); other extensions get nothing. */
export interface TandemTestApi {
  readonly statusBarItem: vscode.StatusBarItem;
  readonly session: SessionSpend;
  readonly context: vscode.ExtensionContext;
  readonly models: ModelLayer;
  /** The open usage report, if any. */
  readonly report: () => ReportPanel | undefined;
  /** Code loading plus the activate() call, as VS Code's own activation times count them. */
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): TandemTestApi | undefined {
  const started = performance.now();

  const keys = new KeyStore(context.secrets);
  const log = new TandemLog(vscode.window.createOutputChannel('Tandem', { log: true }), () => keys.knownKeys());
  const session = new SessionSpend(() => `${vscode.env.sessionId}.${Date.now().toString(36)}`);
  const models = createModelLayer(context, keys, log, session);
  const statusBar = new SpendStatusBar(session, {
    models: () => models.settings.models().models,
    budgetLevel: async () => {
      const { caps } = models.settings.models().budget;
      return budgetLevel(caps, await models.periodSpend.current());
    },
  });

  const reportSource = ledgerReportSource({
    ledger: models.ledger,
    session,
    settings: () => models.settings.models(),
  });

  context.subscriptions.push(
    log.channel,
    session,
    statusBar,
    registerKeyCommands(keys, log, (provider, key) => models.clients.checkKey(provider, key)),
    vscode.commands.registerCommand('tandem.resetSessionSpend', () => {
      session.reset();
      log.info('Session spend reset.');
      void vscode.window.showInformationMessage('Tandem: session spend reset to $0.00. The usage ledger keeps every call.');
    }),
    // An optional period ('session', 'today', '7d', '30d', 'all') opens the report on it.
    vscode.commands.registerCommand('tandem.showUsage', (period?: unknown) => ReportPanel.show(context, reportSource, isPeriod(period) ? period : undefined)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tandem.budget') || e.affectsConfiguration('tandem.models')) void statusBar.refresh();
    }),
  );

  const activateCallMs = performance.now() - started;
  const activationMs = codeLoadingMs + activateCallMs;
  log.info(`Tandem ${context.extension.packageJSON.version} activated in ${activationMs.toFixed(1)} ms `
    + `(code loading ${codeLoadingMs.toFixed(1)} ms, activate ${activateCallMs.toFixed(1)} ms).`);
  return context.extensionMode === vscode.ExtensionMode.Test
    ? { statusBarItem: statusBar.item, session, context, models, report: () => ReportPanel.current, activationMs }
    : undefined;
}

export function deactivate(): void {}
