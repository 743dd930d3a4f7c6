import * as vscode from 'vscode';
import type { CompletionAnswer } from '../../core/completion/answer';
import { CompletionOutcomes, type CompletionOutcome } from '../../core/quality/completionOutcomes';
import type { QualityLog } from '../../core/quality/qualityLog';
import { textChanges, type InsertionSignals } from './insertionSignals';

/** Runs after VS Code inserted an inline completion (the item's command); internal, hidden from the palette. */
export const COMPLETION_ACCEPTED_COMMAND = 'tandem.completion.accepted';

/**
 * The quality signals of inline completions: `shown` for each new item returned, `accepted` when its command
 * runs (then its survival is followed), and `partial` / `dismissed` as the core decides from the next edits.
 */
export class CompletionSignals implements vscode.Disposable {
  private readonly outcomes = new CompletionOutcomes();
  private readonly subscriptions: vscode.Disposable;

  constructor(private readonly quality: QualityLog, private readonly insertions: InsertionSignals) {
    this.subscriptions = vscode.Disposable.from(
      vscode.commands.registerCommand(COMPLETION_ACCEPTED_COMMAND, (call: unknown) => {
        if (typeof call === 'string') this.ended(this.outcomes.accepted(call));
      }),
      vscode.workspace.onDidChangeTextDocument((e) => this.ended(this.outcomes.edited(e.document.uri.toString(), textChanges(e)))),
    );
  }

  /** The ghost text for an answer at `position`, with the command that says it was accepted; records it as shown. */
  item(document: vscode.TextDocument, position: vscode.Position, answer: CompletionAnswer): vscode.InlineCompletionItem {
    const shown = this.outcomes.shown({ call: answer.callId, document: document.uri.toString(), offset: document.offsetAt(position), text: answer.text });
    this.ended(shown.ended);
    if (shown.isNew) this.quality.record(answer.callId, 'shown');
    return new vscode.InlineCompletionItem(answer.text, new vscode.Range(position, position), {
      command: COMPLETION_ACCEPTED_COMMAND,
      title: 'Accept Completion',
      arguments: [answer.callId],
    });
  }

  private ended(outcome: CompletionOutcome | undefined): void {
    if (!outcome) return;
    switch (outcome.name) {
      case 'accepted':
        this.quality.record(outcome.call, 'accepted');
        this.insertions.completionAccepted(outcome.call, outcome.document, outcome.inserted);
        return;
      case 'partial':
        this.quality.record(outcome.call, 'partial', { value: outcome.value });
        return;
      case 'dismissed':
        this.quality.record(outcome.call, 'dismissed');
    }
  }

  dispose(): void {
    this.subscriptions.dispose();
  }
}
