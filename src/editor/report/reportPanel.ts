import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { Period } from '../../core/ledger/query';
import type { LedgerRecord } from '../../core/ledger/record';
import { ledgerToCsv, ledgerToJson } from '../../core/report/exportLedger';
import type { ReportModel } from '../../core/report/reportModel';
import type { RoutingReportModel } from '../../core/report/routingReport';
import type { QualitySignal } from '../../core/quality/signal';
import { isReportView, type FromWebview, type ReportView, type ToWebview } from '../../webview/report/protocol';
import type { RoutingApplier } from './applyRouting';
import { isPeriod, periodPhrase } from '../../core/report/periods';
import { exportFileName, reportHtml } from './html';
import { errorText } from '../../core/format/errorText';
import { inBackground } from '../../core/log/background';
import type { Logger } from '../../core/log/logger';
import { newNonce } from '../webviewHtml';

/** Where the report's figures and the export's records come from (the ledger, in the extension). */
export interface ReportSource {
  build(period: Period): Promise<ReportModel>;
  /** Exactly the records the report for this period counts. */
  records(period: Period): Promise<LedgerRecord[]>;
  /** The quality signals about some records' calls (for the JSON export). */
  signalsFor(records: readonly LedgerRecord[]): Promise<QualitySignal[]>;
  /** The Routing view's data over the period's calls. */
  routing(period: Period): Promise<RoutingReportModel>;
  /** Fires when the figures may have changed (a call was recorded, settings changed). */
  onDidChange: (listener: () => void) => { dispose(): void };
  /** Fires when a quality signal is recorded: only the Routing view shows them. */
  onDidChangeQuality: (listener: () => void) => { dispose(): void };
}

/** The period the report opens on when none is asked for. */
export const DEFAULT_PERIOD: Period = '30d';
/** Calls often come in bursts (a review, a batch): one rebuild per burst. */
const LIVE_DEBOUNCE_MS = 250;

/**
 * The usage report: one webview panel, created or revealed. The page asks for a period; this side builds
 * the report from the source and posts it, again (debounced) whenever the source changes while the page is
 * on screen, and writes exports through a save dialog.
 */
export class ReportPanel implements vscode.Disposable {
  static readonly viewType = 'tandem.report';
  /** The open report, if any. */
  static current: ReportPanel | undefined;

  /** The last report the page was sent (for tests and diagnostics). */
  lastReport: ReportModel | undefined;
  /** The last Routing view data the page was sent. */
  lastRouting: RoutingReportModel | undefined;

  private selected: Period;
  /** The view on screen, as the page last said; the Routing view's data is only built while it is. */
  private view: ReportView = 'usage';
  /** A view asked for (Show Routing Advice) before the page could be told. */
  private requestedView: ReportView | undefined;
  private source: ReportSource;
  private sourceSubscription: { dispose(): void };
  private pageReady = false;
  private building = 0;
  private liveTimer: ReturnType<typeof setTimeout> | undefined;
  private lastError: string | undefined;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  static show(context: vscode.ExtensionContext, source: ReportSource, applier: RoutingApplier, log: Logger, open: { period?: Period; view?: ReportView } = {}): ReportPanel {
    const { period, view } = open;
    const current = ReportPanel.current;
    if (current) {
      current.useSource(source);
      if (period && period !== current.selected) current.choose(period);
      if (view) current.showView(view);
      current.panel.reveal(vscode.ViewColumn.Active);
      return current;
    }
    const panel = vscode.window.createWebviewPanel(ReportPanel.viewType, 'Tandem: Usage and Cost', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')],
    });
    const created = new ReportPanel(panel, context.extensionUri, source, applier, period ?? DEFAULT_PERIOD, log);
    if (view) created.showView(view);
    context.subscriptions.push(created);
    return created;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    source: ReportSource,
    private readonly applier: RoutingApplier,
    period: Period,
    private readonly log: Logger,
  ) {
    ReportPanel.current = this;
    this.selected = period;
    this.source = source;
    this.sourceSubscription = this.subscribe(source);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidChangeViewState(() => {
        // Hidden, the page is torn down (retainContextWhenHidden: false); shown, it reloads and says 'ready'.
        if (!panel.visible) this.pageReady = false;
      }),
    );
    panel.webview.html = this.html();
  }

  /** The period on screen (or being fetched). */
  get period(): Period {
    return this.selected;
  }

  /** Handles a message from the page. Public so tests can drive the panel as the page would. */
  receive(message: unknown): void {
    const m = message as Partial<FromWebview> | null;
    if (typeof m !== 'object' || m === null) return;
    if (m.type === 'ready') {
      this.pageReady = true;
      if (this.requestedView) this.showView(this.requestedView);
      this.refreshLater();
    } else if (m.type === 'view' && isReportView(m.view)) {
      const opened = m.view === 'routing' && this.view !== 'routing';
      this.view = m.view;
      if (opened) this.refreshLater();
    } else if (m.type === 'applyRouting') {
      inBackground(this.applyRouting(m.task, m.to), this.log, 'applying routing advice');
    } else if (m.type === 'period' && isPeriod(m.period)) {
      this.choose(m.period);
    } else if (m.type === 'export' && (m.format === 'csv' || m.format === 'json') && isPeriod(m.period)) {
      inBackground(this.exportLedger(m.format, m.period), this.log, 'the usage export');
    }
  }

  /**
   * Writes the period's records as CSV or JSON. With no `target`, asks where through a save dialog.
   * Returns where it wrote, or undefined (cancelled, nothing to export, or an error the user was shown).
   */
  async exportLedger(format: 'csv' | 'json', period: Period, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const phrase = periodPhrase(period);
    try {
      const records = await this.source.records(period);
      if (records.length === 0) {
        void vscode.window.showInformationMessage(`Tandem: there are no model calls in ${phrase} to export.`);
        return undefined;
      }
      const label = format.toUpperCase();
      const uri =
        target ??
        (await vscode.window.showSaveDialog({
          title: `Export Tandem usage for ${phrase} as ${label}`,
          saveLabel: `Export ${label}`,
          defaultUri: defaultExportUri(exportFileName(period, format, new Date())),
          filters: format === 'csv' ? { 'CSV (comma-separated values)': ['csv'] } : { JSON: ['json'] },
        }));
      if (!uri) return undefined;
      const text = format === 'csv' ? ledgerToCsv(records) : ledgerToJson(records, await this.source.signalsFor(records));
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      const count = records.length === 1 ? '1 record' : `${records.length.toLocaleString('en-US')} records`;
      void vscode.window
        .showInformationMessage(`Tandem: exported ${count} (${phrase}) to ${displayPath(uri)}.`, 'Open File')
        .then((choice) => (choice ? vscode.window.showTextDocument(uri) : undefined), () => undefined);
      return uri;
    } catch (error) {
      void vscode.window.showErrorMessage(`Tandem: could not export the usage ledger (${phrase}) as ${format.toUpperCase()}: ${errorText(error)}`);
      return undefined;
    }
  }

  /**
   * Applies the switch the Routing view on screen advises for a task (the page only names it: the advice is
   * the one this side sent, so a stale or forged message cannot write anything else). True when written.
   */
  async applyRouting(task: unknown, to: unknown): Promise<boolean> {
    const advice = this.lastRouting?.tasks.find((t) => t.task === task)?.advice;
    if (advice?.kind !== 'switch' || advice.to !== to) return false;
    const written = await this.applier.apply(advice);
    if (written) this.refreshLater();
    return written;
  }

  /** Switches the page to a view (the page remembers it). */
  showView(view: ReportView): void {
    if (!this.pageReady) {
      this.requestedView = view;
      return;
    }
    this.requestedView = undefined;
    this.view = view;
    const message: ToWebview = { type: 'view', view };
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (ReportPanel.current === this) ReportPanel.current = undefined;
    clearTimeout(this.liveTimer);
    this.sourceSubscription.dispose();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private choose(period: Period): void {
    this.selected = period;
    this.refreshLater();
  }

  private useSource(source: ReportSource): void {
    if (source === this.source) return;
    this.sourceSubscription.dispose();
    this.source = source;
    this.sourceSubscription = this.subscribe(source);
    this.refreshLater();
  }

  /** Calls and settings change both views; quality signals (many while typing) only the Routing view. */
  private subscribe(source: ReportSource): { dispose(): void } {
    const subscriptions = [
      source.onDidChange(() => this.scheduleLive()),
      source.onDidChangeQuality(() => {
        if (this.view === 'routing') this.scheduleLive();
      }),
    ];
    return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
  }

  private scheduleLive(): void {
    if (this.disposed) return;
    clearTimeout(this.liveTimer);
    this.liveTimer = setTimeout(() => {
      // Hidden: nothing to update; the page asks again ('ready') when it is shown.
      if (this.panel.visible && this.pageReady) this.refreshLater();
    }, LIVE_DEBOUNCE_MS);
  }

  /** Starts a refresh nobody waits for (it tells the user of its own failures). */
  private refreshLater(): void {
    inBackground(this.refresh(), this.log, 'the usage report');
  }

  /** Builds and posts the selected period's report; a newer build makes an older one's result moot. */
  private async refresh(): Promise<void> {
    if (this.disposed || !this.pageReady) return;
    const build = ++this.building;
    const period = this.selected;
    try {
      const report = await this.source.build(period);
      if (this.disposed || build !== this.building) return;
      const message: ToWebview = { type: 'report', report };
      const delivered = await this.panel.webview.postMessage(message);
      // Not delivered: the page was hidden meanwhile; it asks again ('ready') when shown.
      if (this.disposed || !delivered) return;
      this.lastReport = report;
      this.lastError = undefined;
      if (this.view === 'routing') await this.refreshRouting(build, period);
    } catch (error) {
      if (this.disposed || build !== this.building) return;
      const text = errorText(error);
      // Live updates retry on every call: say it once, not once per call.
      if (text !== this.lastError) {
        this.lastError = text;
        void vscode.window.showErrorMessage(`Tandem: could not build the usage report for ${periodPhrase(period)}: ${text}`);
      }
    }
  }

  /** The Routing view's data, built only while it is on screen (it reads the period's records and signals). */
  private async refreshRouting(build: number, period: Period): Promise<void> {
    const routing = await this.source.routing(period);
    if (this.disposed || build !== this.building) return;
    const message: ToWebview = { type: 'routing', routing };
    if (await this.panel.webview.postMessage(message)) this.lastRouting = routing;
  }

  private html(): string {
    const webview = this.panel.webview;
    return reportHtml({
      cspSource: webview.cspSource,
      nonce: newNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'report.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'report.css')).toString(),
    });
  }
}

function defaultExportUri(fileName: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, fileName) : vscode.Uri.file(`${homedir()}/${fileName}`);
}

function displayPath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
}
