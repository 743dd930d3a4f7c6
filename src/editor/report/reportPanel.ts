import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { Period } from '../../core/ledger/query';
import type { LedgerRecord } from '../../core/ledger/record';
import { ledgerToCsv, ledgerToJson } from '../../core/report/exportLedger';
import type { ReportModel } from '../../core/report/reportModel';
import type { FromWebview, ToWebview } from '../../webview/report/protocol';
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
  /** Fires when the figures may have changed (a call was recorded, settings changed). */
  onDidChange: (listener: () => void) => { dispose(): void };
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

  private selected: Period;
  private source: ReportSource;
  private sourceSubscription: { dispose(): void };
  private pageReady = false;
  private building = 0;
  private liveTimer: ReturnType<typeof setTimeout> | undefined;
  private lastError: string | undefined;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  static show(context: vscode.ExtensionContext, source: ReportSource, log: Logger, period?: Period): ReportPanel {
    const open = ReportPanel.current;
    if (open) {
      open.useSource(source);
      if (period && period !== open.selected) open.choose(period);
      open.panel.reveal(vscode.ViewColumn.Active);
      return open;
    }
    const panel = vscode.window.createWebviewPanel(ReportPanel.viewType, 'Tandem: Usage and Cost', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')],
    });
    const created = new ReportPanel(panel, context.extensionUri, source, period ?? DEFAULT_PERIOD, log);
    context.subscriptions.push(created);
    return created;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    source: ReportSource,
    period: Period,
    private readonly log: Logger,
  ) {
    ReportPanel.current = this;
    this.selected = period;
    this.source = source;
    this.sourceSubscription = source.onDidChange(() => this.scheduleLive());
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
      this.refreshLater();
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
      const text = format === 'csv' ? ledgerToCsv(records) : ledgerToJson(records);
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
    this.sourceSubscription = source.onDidChange(() => this.scheduleLive());
    this.refreshLater();
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
