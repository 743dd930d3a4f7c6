import * as vscode from 'vscode';

export const EXPLANATION_SCHEME = 'tandem-explanation';
/** Redraws of the preview while an explanation streams: often enough to feel live, few enough to stay cheap. */
const REFRESH_MS = 100;

/**
 * Explanations as read-only Markdown documents, shown through VS Code's own Markdown preview (rendered,
 * theme-aware, with its own safe HTML handling) and updated as the answer streams in.
 */
export class Explanations implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private counter = 0;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(EXPLANATION_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** A new explanation document, titled after the code it explains. */
  create(title: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: EXPLANATION_SCHEME, path: `/${++this.counter}/${title}.md` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  text(uri: vscode.Uri): string | undefined {
    return this.texts.get(uri.toString());
  }

  /** Replaces the text; `now` skips the coalescing (the final text). */
  update(uri: vscode.Uri, text: string, now = false): void {
    const key = uri.toString();
    this.texts.set(key, text);
    clearTimeout(this.timers.get(key));
    if (now) {
      this.timers.delete(key);
      this.changed.fire(uri);
      return;
    }
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.changed.fire(uri);
    }, REFRESH_MS));
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.registration.dispose();
    this.changed.dispose();
  }
}
