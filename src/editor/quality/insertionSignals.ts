import * as vscode from 'vscode';
import { InsertionTracker, type Region, type TextChange } from '../../core/quality/insertionTracker';
import type { QualityLog } from '../../core/quality/qualityLog';
import { DEFAULT_SIGNAL_PARAMETERS, type SignalParameters } from '../../core/quality/signalParameters';

/** An editor event's changes as the core maps them. */
export function textChanges(event: vscode.TextDocumentChangeEvent): TextChange[] {
  return event.contentChanges.map((c) => ({ offset: c.rangeOffset, removed: c.rangeLength, text: c.text }));
}

/**
 * Follows text Tandem put into documents (accepted completions, generated code) and records what became of
 * it in the quality log: the share still there after the signal delays, or that an undo took it back.
 */
export class InsertionSignals implements vscode.Disposable {
  /** The delays; the integration tests shorten them through the test API. */
  parameters: SignalParameters = DEFAULT_SIGNAL_PARAMETERS;
  private readonly tracker: InsertionTracker;
  private readonly subscriptions: vscode.Disposable;

  constructor(quality: QualityLog) {
    this.tracker = new InsertionTracker((signal) => quality.record(signal.call, signal.name, signal.name === 'undone' ? {} : { value: signal.value }));
    this.subscriptions = vscode.Disposable.from(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.tracker.size === 0 || e.contentChanges.length === 0) return;
        this.tracker.changed(e.document.uri.toString(), textChanges(e), e.reason === vscode.TextDocumentChangeReason.Undo);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.tracker.closed(document.uri.toString())),
    );
  }

  /** An accepted completion at `region` of `document` (a URI string): its survival after 30 s and 5 min. */
  completionAccepted(call: string, document: string, region: Region): void {
    const { completionShortMs, completionLongMs } = this.parameters;
    this.tracker.track({
      call,
      document,
      region,
      checkpoints: [{ name: 'survival30s', afterMs: completionShortMs }, { name: 'survival5m', afterMs: completionLongMs }],
    });
  }

  /** Generated code at `region`, in place of `replaced` ('' at a cursor): its survival after 5 min, or undone. */
  codeInserted(call: string, document: string, region: Region, replaced: string): void {
    this.tracker.track({ call, document, region, replaced, checkpoints: [{ name: 'survival5m', afterMs: this.parameters.generatedMs }] });
  }

  dispose(): void {
    this.subscriptions.dispose();
    this.tracker.dispose();
  }
}
