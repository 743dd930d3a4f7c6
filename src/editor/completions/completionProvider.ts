import * as vscode from 'vscode';
import type { CompletionParameters } from '../../core/completion/parameters';
import type { CompletionInput, CompletionPipeline } from '../../core/completion/pipeline';
import { skipReason } from '../../core/completion/trigger/shouldComplete';
import type { ContentBoundary } from '../privacy/contentBoundary';
import type { CompletionSignals } from '../quality/completionSignals';
import { enabledFor, type CompletionSettings } from './completionSettings';

/**
 * VS Code's side of the pipeline: decides whether this position gets a completion at all (trust,
 * settings, the file's exclusion, the trigger rule), reads the text around the cursor, and turns the answer
 * into ghost text (whose showing and fate go to the quality log). The settings are read once per call (a keystroke) and that value goes down the pipeline.
 */
export class TandemCompletionProvider implements vscode.InlineCompletionItemProvider {
  constructor(
    private readonly pipeline: CompletionPipeline,
    private readonly settings: CompletionSettings,
    private readonly boundary: ContentBoundary,
    private readonly signals: CompletionSignals,
  ) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    // Restricted Mode: nothing from an untrusted workspace is sent anywhere.
    if (!vscode.workspace.isTrusted) return undefined;
    const settings = this.settings.read();
    if (!enabledFor(settings, document.languageId)) return undefined;
    // An excluded file (.env, a key, tandem.exclude, .tandemignore) gets no request at all.
    await this.boundary.ready;
    if (this.boundary.excludedBy(document.uri) || token.isCancellationRequested) return undefined;
    const line = document.lineAt(position.line).text;
    const explicit = context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    const empty = document.lineCount === 1 && line.length === 0;
    if (skipReason(line.slice(0, position.character), line.slice(position.character), empty, explicit, settings.parameters.midLineSlots)) return undefined;

    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    try {
      const input = readCursor(document, position, settings.parameters);
      const answer = await this.pipeline.complete(input, settings.parameters, controller.signal);
      if (!answer || token.isCancellationRequested) return undefined;
      return [this.signals.item(document, position, answer)];
    } finally {
      cancel.dispose();
    }
  }
}

/** The text on each side of the cursor, the prefix from the start of a line. */
export function readCursor(document: vscode.TextDocument, position: vscode.Position, parameters: CompletionParameters): CompletionInput {
  const offset = document.offsetAt(position);
  const reach = document.positionAt(Math.max(0, offset - parameters.documentWindowChars));
  const firstLine = reach.character === 0 || reach.line === position.line ? reach.line : reach.line + 1;
  const start = new vscode.Position(Math.min(firstLine, position.line), 0);
  const end = document.positionAt(offset + parameters.documentWindowChars);
  return {
    document: document.uri.toString(),
    offset,
    prefix: document.getText(new vscode.Range(start, position)),
    suffix: document.getText(new vscode.Range(position, end)),
    path: vscode.workspace.asRelativePath(document.uri, false),
    languageId: document.languageId,
    prefixFirstLine: start.line,
  };
}
