import * as vscode from 'vscode';
import type { FromExplanationPage, ToExplanationPage } from '../../webview/explanation/protocol';
import { newNonce, webviewPageHtml } from '../webviewHtml';

/** Redraws of the page while an explanation streams: often enough to feel live, few enough to stay cheap. */
const REFRESH_MS = 100;

/**
 * One explanation in Tandem's own webview panel beside the code, updated as the answer streams in. Not VS
 * Code's Markdown preview: that loads `https:` images, so a prompt injection in the explained code could have
 * the answer send the code to any server. This page renders the Markdown itself (safeMarkdown.mts: no image
 * loads, no link is followed, no raw HTML runs) under a CSP that allows nothing remote.
 */
export class ExplanationPanel implements vscode.Disposable {
  static readonly viewType = 'tandem.explanation';

  /** The whole explanation so far, as Markdown. */
  private text: string;
  private streaming = true;
  /** What the page last received (for tests and diagnostics). */
  delivered: ToExplanationPage | undefined;
  private pageReady = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    markdown: string,
  ) {
    this.text = markdown;
    const webview = panel.webview;
    const asset = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.subscriptions = [
      panel.onDidDispose(() => this.dispose()),
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidChangeViewState(() => {
        // Hidden, the page is torn down (retainContextWhenHidden: false); shown, it reloads and says 'ready'.
        if (!panel.visible) this.pageReady = false;
      }),
    ];
    webview.html = webviewPageHtml({
      cspSource: webview.cspSource,
      nonce: newNonce(),
      scriptUri: asset('explanation.js'),
      styleUri: asset('explanation.css'),
      title: panel.title,
      body: '<main><article id="explanation" class="explanation" aria-live="polite" aria-busy="true"></article></main>',
    });
  }

  /** The explanation's Markdown as it stands. */
  get markdown(): string {
    return this.text;
  }

  /** Replaces the text; `final` ends the streaming and sends at once, without the coalescing. */
  update(markdown: string, final = false): void {
    this.text = markdown;
    if (final) this.streaming = false;
    clearTimeout(this.timer);
    if (final) this.send();
    else this.timer = setTimeout(() => this.send(), REFRESH_MS);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    this.panel.dispose();
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }

  private receive(message: unknown): void {
    if ((message as Partial<FromExplanationPage> | null)?.type !== 'ready') return;
    this.pageReady = true;
    this.send();
  }

  /** Sends the text as it stands; a page not loaded yet asks for it ('ready') once it is. */
  private send(): void {
    if (this.disposed || !this.pageReady) return;
    const message: ToExplanationPage = { type: 'explanation', markdown: this.text, streaming: this.streaming };
    void this.panel.webview.postMessage(message).then(
      (delivered) => {
        if (delivered) this.delivered = message;
      },
      () => undefined,
    );
  }
}

/** The explanations of this window, one panel each, beside the code they explain. */
export class Explanations implements vscode.Disposable {
  private readonly open = new Set<ExplanationPanel>();

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** A new explanation panel beside the active editor, titled after the code it explains; the focus stays in the code. */
  create(title: string, markdown: string): ExplanationPanel {
    const panel = vscode.window.createWebviewPanel(ExplanationPanel.viewType, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')],
    });
    const explanation = new ExplanationPanel(panel, this.extensionUri, markdown);
    this.open.add(explanation);
    panel.onDidDispose(() => this.open.delete(explanation));
    return explanation;
  }

  /** The panels still open, oldest first. */
  get panels(): readonly ExplanationPanel[] {
    return [...this.open];
  }

  dispose(): void {
    for (const explanation of this.open) explanation.dispose();
    this.open.clear();
  }
}
