import * as vscode from 'vscode';
import { isFromExplanationPage, type Rating, type ToExplanationPage } from '../../webview/explanation/protocol';
import { newNonce, webviewPageHtml } from '../webviewHtml';

/** Redraws of the page while an explanation streams: often enough to feel live, few enough to stay cheap. */
const REFRESH_MS = 100;

/** Feather-style outline icons (drawn in the text colour), so they follow the theme and need no emoji font. */
const THUMB_UP = '<path d="M7 10v12"/><path d="M15 5.88 14 10h5.83a2 2 0 0 1 1.92 2.56l-2.33 8A2 2 0 0 1 17.5 22H4a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h2.76a2 2 0 0 0 1.79-1.11L12 2a3.13 3.13 0 0 1 3 3.88Z"/>';
const THUMB_DOWN = '<path d="M17 14V2"/><path d="M9 18.12 10 14H4.17a2 2 0 0 1-1.92-2.56l2.33-8A2 2 0 0 1 6.5 2H20a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-2.76a2 2 0 0 0-1.79 1.11L12 22a3.13 3.13 0 0 1-3-3.88Z"/>';

function ratingButton(rating: Rating, label: string, icon: string): string {
  return `<button type="button" class="rating-button" data-rating="${rating}" aria-pressed="false" aria-label="${label}" title="${label}">`
    + `<svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${icon}</svg></button>`;
}

/** The page: the explanation, then the optional rating (shown once the answer is complete; nothing asks for it). */
const PAGE_BODY = [
  '<main>',
  '<article id="explanation" class="explanation" aria-live="polite" aria-busy="true"></article>',
  '<footer id="rating" class="rating" role="group" aria-labelledby="rating-label" hidden>',
  '<span id="rating-label" class="rating-label">Was this helpful?</span>',
  ratingButton('up', 'Helpful', THUMB_UP),
  ratingButton('down', 'Not helpful', THUMB_DOWN),
  '<span id="rating-thanks" class="rating-thanks" aria-live="polite"></span>',
  '</footer>',
  '</main>',
].join('');

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
  /** Set once the answer is complete: records a vote (on the call that gave the answer). */
  private rate: ((rating: Rating) => void) | undefined;
  private rating: Rating | undefined;

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
      body: PAGE_BODY,
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

  /** The user's vote, if any. */
  get userRating(): Rating | undefined {
    return this.rating;
  }

  /**
   * Shows the 👍 / 👎 buttons: the answer is complete. Each vote that changes the rating is passed to `record`
   * (the analysis takes a call's latest vote); pressing the pressed one again records nothing.
   */
  allowRating(record: (rating: Rating) => void): void {
    this.rate = record;
    this.send();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    this.panel.dispose();
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }

  private receive(message: unknown): void {
    if (!isFromExplanationPage(message)) return;
    if (message.type === 'ready') this.pageReady = true;
    else if (this.rate && message.rating !== this.rating) {
      this.rating = message.rating;
      this.rate(message.rating);
    }
    this.send();
  }

  /** Sends the text as it stands; a page not loaded yet asks for it ('ready') once it is. */
  private send(): void {
    if (this.disposed || !this.pageReady) return;
    const message: ToExplanationPage = {
      type: 'explanation', markdown: this.text, streaming: this.streaming, ratable: this.rate !== undefined,
      ...(this.rating ? { rating: this.rating } : {}),
    };
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
