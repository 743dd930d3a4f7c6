import * as path from 'node:path';
import * as vscode from 'vscode';
import { budgetLevel } from './core/cost/budget';
import { ledgerProblemLine } from './core/ledger/appendQueue';
import { inBackground } from './core/log/background';
import { SessionSpend } from './core/spend/sessionSpend';
import { SpendStatusBar } from './editor/statusBar';
import { KeyStore } from './editor/keys/keyStore';
import { GatewayHeaderStore } from './editor/keys/headerStore';
import { registerHeaderCommands } from './editor/keys/headerCommands';
import { registerKeyCommands } from './editor/keys/keyCommands';
import { endpointStatusText, endpointTooltipLines } from './core/endpoints/endpointStatus';
import { PROVIDERS } from './core/models/providers';
import { TandemLog } from './editor/log';
import { createModelLayer, type ModelLayer } from './editor/models/modelLayer';
import { watchWorkspaceMoneySettings } from './editor/models/workspaceMoneyNotice';
import { JsonValidator } from './core/json/jsonValidator';
import { isPeriod } from './core/report/periods';
import { sqlDialectInfo } from './core/sql/dialects';
import { SqlValidator, type SqlParserModule } from './core/sql/sqlValidator';
import { registerEditorCommands, type EditorCommands } from './editor/commands/registerCommands';
import { ReportPanel } from './editor/report/reportPanel';
import { registerCompletions, type InlineCompletions } from './editor/completions/registerCompletions';
import { registerReview, type ComplianceReview } from './editor/review/registerReview';
import { registerBatch, type BatchJobs } from './editor/batch/registerBatch';
import { ledgerReportSource } from './editor/report/reportSource';
import { ContentBoundary } from './editor/privacy/contentBoundary';

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
  /** The editor commands' pending edit proposals and explanations. */
  readonly commands: EditorCommands;
  /** Inline completions: the pipeline (with its counters) and the status item. */
  readonly completions: InlineCompletions;
  /** The compliance review: its diagnostics and the rules it last used. */
  readonly review: ComplianceReview;
  /** Batch jobs: their store, runner, status item and pending bulk edits. */
  readonly batch: BatchJobs;
  /** Which files are never sent (built-in list, tandem.exclude, .tandemignore). */
  readonly boundary: ContentBoundary;
  /** The open usage report, if any. */
  readonly report: () => ReportPanel | undefined;
  /** Code loading plus the activate() call, as VS Code's own activation times count them. */
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): TandemTestApi | undefined {
  const started = performance.now();

  const keys = new KeyStore(context.secrets);
  const headers = new GatewayHeaderStore(context.secrets);
  const log = new TandemLog(vscode.window.createOutputChannel('Tandem', { log: true }), () => [...keys.knownKeys(), ...headers.knownValues()]);
  const session = new SessionSpend(() => `${vscode.env.sessionId}.${Date.now().toString(36)}`);
  const models = createModelLayer(context, keys, headers, log, session);
  const boundary = new ContentBoundary(log);
  const statusBar = new SpendStatusBar(session, {
    models: () => models.settings.models().models,
    routes: () => models.settings.models().routes,
    ledgerProblem: () => ledgerProblemLine(models.ledger.writeState),
    onDidChangeLedger: (listener) => models.ledger.onDidChangeWriteState(listener),
    endpointLines: () => endpointTooltipLines(PROVIDERS.map((p) => models.clients.endpointStatus(p.id))),
    onDidChangeEndpoints: (listener) => models.consent.onDidChange(listener),
    budgetLevel: async () => {
      const { caps } = models.settings.models().budget;
      return budgetLevel(caps, await models.periodSpend.current());
    },
  });

  const commands = registerEditorCommands({
    service: models.service,
    // Each dialect's parser is a file of its own (~250 KB), read the first time SQL in that dialect is checked.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- files esbuild must not inline
    sql: new SqlValidator(async (dialect) => require(path.join(context.extensionPath, 'dist', 'sql', sqlDialectInfo(dialect).buildFile)) as SqlParserModule),
    json: new JsonValidator(),
    log,
    context,
    boundary,
  });
  const completions = registerCompletions(models.service, context.secrets, log, boundary, models.consent.onDidChange);
  const review = registerReview(models.service, () => models.settings.models(), log, boundary);
  const batch = registerBatch({ context, service: models.service, clients: models.clients, settings: models.settings, diagnostics: review.diagnostics, log, boundary });
  const reportSource = ledgerReportSource({
    ledger: models.ledger,
    session,
    spend: models.periodSpend,
    settings: () => models.settings.models(),
    notes: () => review.reportNotes(),
  });

  context.subscriptions.push(
    log.channel,
    keys,
    boundary,
    headers,
    commands,
    completions,
    review,
    batch,
    session,
    statusBar,
    watchWorkspaceMoneySettings(log),
    reportSource,
    registerKeyCommands(keys, log, (provider, key) => models.clients.checkKey(provider, key), (provider) => `Endpoint: ${endpointStatusText(models.clients.endpointStatus(provider))}`),
    registerHeaderCommands(headers, log),
    vscode.commands.registerCommand('tandem.resetSessionSpend', () => {
      session.reset();
      log.info('Session spend reset.');
      void vscode.window.showInformationMessage('Tandem: session spend reset to $0.00. The usage ledger keeps every call.');
    }),
    // An optional period ('session', 'today', '7d', '30d', 'all') opens the report on it.
    vscode.commands.registerCommand('tandem.showUsage', (period?: unknown) => ReportPanel.show(context, reportSource, log, isPeriod(period) ? period : undefined)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (['tandem.budget', 'tandem.models', 'tandem.routing', 'tandem.openai', 'tandem.anthropic', 'tandem.trustedEndpoints'].some((s) => e.affectsConfiguration(s))) inBackground(statusBar.refresh(), log, 'the spend item');
    }),
  );

  const activateCallMs = performance.now() - started;
  const activationMs = codeLoadingMs + activateCallMs;
  log.info(`Tandem ${context.extension.packageJSON.version} activated in ${activationMs.toFixed(1)} ms `
    + `(code loading ${codeLoadingMs.toFixed(1)} ms, activate ${activateCallMs.toFixed(1)} ms).`);
  return context.extensionMode === vscode.ExtensionMode.Test
    ? { statusBarItem: statusBar.item, session, context, models, commands, completions, review, batch, boundary, report: () => ReportPanel.current, activationMs }
    : undefined;
}

export function deactivate(): void {}
