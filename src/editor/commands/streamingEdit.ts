import * as vscode from 'vscode';

/**
 * Code streaming into a document at a cursor (or over a selection), as ONE undo step: the first edit
 * opens an undo group, every later one joins it (no undo stops), and the last closes it. Ctrl+Z then takes
 * the whole insertion back, whatever number of deltas it arrived in.
 *
 * Every change to the document goes through one queue, one at a time: text that arrives while an edit is
 * being applied is coalesced into the next, and a restart (the task moved to the other model) is queued like
 * any edit, so the new answer is never written while the old one is being taken back (two edits in flight
 * would make VS Code refuse the second). An edit by the user inside the text being written stops the stream
 * (`onConflict`); edits elsewhere are tracked.
 */
export class StreamingEdit implements vscode.Disposable {
  private readonly document: vscode.TextDocument;
  private readonly original: string;
  /** Offsets of the text this edit owns: the selection at first, then what was written over it. */
  private start: number;
  private end: number;
  private pending = '';
  private queue: Promise<void> = Promise.resolve();
  /** Which answer the pending text belongs to: 0 for the first, one more after each restart. */
  private answer = 0;
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
    // A flush queued before a restart must not write the new answer's text ahead of the take-back.
    const answer = this.answer;
    // A write the editor refuses stops the stream through onConflict; the queue step itself never fails.
    this.enqueue(async () => {
      if (answer === this.answer) await this.flush();
    }).catch(() => undefined);
  }

  /** Puts `finalText` in place of everything written, and closes the undo group. */
  async finish(finalText: string): Promise<boolean> {
    const ok = await this.enqueue(async () => this.stopped === undefined && this.replaceOwned(finalText, true));
    this.dispose();
    return ok;
  }

  /** The document range of the text this edit owns now (after finish(): the code as written), and what it replaced. */
  get written(): { readonly range: vscode.Range; readonly replaced: string } {
    return { range: new vscode.Range(this.document.positionAt(this.start), this.document.positionAt(this.end)), replaced: this.original };
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
    this.pending = '';
    await this.enqueue(async () => {
      if (this.opened && this.stopped === undefined) await this.replaceOwned(this.original, true);
      else if (this.opened && this.stopped === 'editor-gone') {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(this.document.uri, new vscode.Range(this.document.positionAt(this.start), this.document.positionAt(this.end)), this.original);
        await vscode.workspace.applyEdit(edit);
      }
    });
    this.dispose();
  }

  /**
   * The answer starts over (the task moved to the other model): the text written so far is taken back, in
   * the same undo group, before anything of the new answer is written. Text of the old answer not yet
   * written is dropped here; text appended after this call belongs to the new answer.
   */
  restart(): Promise<void> {
    this.pending = '';
    this.answer++;
    return this.enqueue(async () => {
      if (this.stopped === undefined && this.opened) await this.replaceOwned(this.original, false);
    });
  }

  /** Resolves once every change queued so far has been applied (or refused). */
  settled(): Promise<void> {
    return this.enqueue(async () => undefined);
  }

  /** Runs `step` after every document change queued before it; a failed step does not stop later ones. */
  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const run = this.queue.then(step);
    this.queue = run.then(() => undefined, () => undefined);
    return run;
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
