import * as vscode from 'vscode';

/**
 * Code streaming into a document at a cursor (or over a selection), as ONE undo step: the first edit
 * opens an undo group, every later one joins it (no undo stops), and the last closes it. Ctrl+Z then takes
 * the whole insertion back, whatever number of deltas it arrived in.
 *
 * Edits are applied one at a time; text that arrives while one is being applied is coalesced into the next.
 * An edit by the user inside the text being written stops the stream (`onConflict`); edits elsewhere are
 * tracked.
 */
export class StreamingEdit implements vscode.Disposable {
  private readonly document: vscode.TextDocument;
  private readonly original: string;
  /** Offsets of the text this edit owns: the selection at first, then what was written over it. */
  private start: number;
  private end: number;
  private pending = '';
  private flushing: Promise<void> = Promise.resolve();
  private opened = false;
  private applying = false;
  /** Why writing stopped early: the user edited what was being written, or the editor went away. */
  private stopped: 'user-edit' | 'editor-gone' | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly editor: vscode.TextEditor,
    range: vscode.Range,
    private readonly onConflict: () => void,
  ) {
    this.document = editor.document;
    this.original = this.document.getText(range);
    this.start = this.document.offsetAt(range.start);
    this.end = this.document.offsetAt(range.end);
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => this.track(e));
  }

  append(text: string): void {
    if (text === '' || this.stopped !== undefined) return;
    this.pending += text;
    this.flushing = this.flushing.then(() => this.flush());
  }

  /** Puts `finalText` in place of everything written, and closes the undo group. */
  async finish(finalText: string): Promise<boolean> {
    await this.flushing;
    if (this.stopped !== undefined) return false;
    const ok = await this.replaceOwned(finalText, true);
    this.dispose();
    return ok;
  }

  /** True when the user edited the text being written: then nothing is taken back over their edit. */
  get editedByUser(): boolean {
    return this.stopped === 'user-edit';
  }

  /**
   * Takes back everything written: the document is as it was before the command. Through the editor when
   * it is still there (so the undo group nets to nothing), else through a workspace edit.
   */
  async revert(): Promise<void> {
    await this.flushing;
    this.pending = '';
    if (this.opened && this.stopped === undefined) await this.replaceOwned(this.original, true);
    else if (this.opened && this.stopped === 'editor-gone') {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(this.document.uri, new vscode.Range(this.document.positionAt(this.start), this.document.positionAt(this.end)), this.original);
      await vscode.workspace.applyEdit(edit);
    }
    this.dispose();
  }

  /** The answer starts over (the task moved to the other model): back to the original, group kept open. */
  async restart(): Promise<void> {
    await this.flushing;
    this.pending = '';
    if (this.stopped === undefined && this.opened) await this.replaceOwned(this.original, false);
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private async flush(): Promise<void> {
    if (this.pending === '' || this.stopped !== undefined) return;
    const text = this.pending;
    this.pending = '';
    const at = this.opened ? this.end : this.start;
    const range = new vscode.Range(this.document.positionAt(at), this.document.positionAt(this.end));
    await this.apply(range, text, false);
  }

  private async replaceOwned(text: string, close: boolean): Promise<boolean> {
    const range = new vscode.Range(this.document.positionAt(this.start), this.document.positionAt(this.end));
    if (!close && text === this.document.getText(range)) return true;
    return this.apply(range, text, close);
  }

  private async apply(range: vscode.Range, text: string, close: boolean): Promise<boolean> {
    const first = !this.opened;
    this.applying = true;
    let ok: boolean;
    try {
      ok = await this.editor.edit((b) => b.replace(range, text), { undoStopBefore: first, undoStopAfter: close });
    } catch {
      ok = false; // the editor was closed: nothing more can be written through it
    } finally {
      this.applying = false;
    }
    if (!ok) {
      this.stopped = 'editor-gone';
      this.onConflict();
      return false;
    }
    this.opened = true;
    this.end = this.document.offsetAt(range.start) + text.length;
    const cursor = this.document.positionAt(this.end);
    this.editor.selection = new vscode.Selection(cursor, cursor);
    return true;
  }

  /** Someone else's edit: shift our span, or stop if it touched what we are writing. */
  private track(e: vscode.TextDocumentChangeEvent): void {
    if (e.document !== this.document || this.applying || this.stopped !== undefined) return;
    for (const change of e.contentChanges) {
      const from = change.rangeOffset;
      const to = from + change.rangeLength;
      const delta = change.text.length - change.rangeLength;
      if (to <= this.start && !(to === this.start && this.opened && from === to)) {
        this.start += delta;
        this.end += delta;
      } else if (from >= this.end) {
        continue;
      } else {
        this.stopped = 'user-edit';
        this.onConflict();
        return;
      }
    }
  }
}
