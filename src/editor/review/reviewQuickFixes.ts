import * as vscode from 'vscode';
import type { ReviewDiagnostics } from './reviewDiagnostics';

/**
 * Quick fixes for review findings: apply the model's replacement for the finding's lines (checked against
 * the document when the review ran, and moved with edits since), or dismiss the finding.
 */
export class ReviewQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: ReviewDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.filter((d) => d.source === 'Tandem').flatMap((diagnostic) => {
      const entry = this.diagnostics.entryOf(diagnostic);
      if (!entry) return [];
      const rule = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
      const actions: vscode.CodeAction[] = [];
      if (entry.finding.replacement !== undefined) {
        const fix = new vscode.CodeAction(`Apply Tandem's fix for ${rule}`, vscode.CodeActionKind.QuickFix);
        fix.edit = new vscode.WorkspaceEdit();
        fix.edit.replace(document.uri, replacedRange(document, entry.startLine, entry.endLine, entry.finding.replacement), entry.finding.replacement);
        fix.diagnostics = [diagnostic];
        fix.isPreferred = true;
        actions.push(fix);
      }
      const dismiss = new vscode.CodeAction(`Dismiss this ${rule} finding`, vscode.CodeActionKind.QuickFix);
      dismiss.command = { title: 'Dismiss', command: 'tandem.dismissFinding', arguments: [document.uri, diagnostic] };
      dismiss.diagnostics = [diagnostic];
      actions.push(dismiss);
      return actions;
    });
  }
}

/** The finding's whole lines; an empty replacement removes them, line breaks included. */
function replacedRange(document: vscode.TextDocument, startLine: number, endLine: number, replacement: string): vscode.Range {
  if (replacement === '' && endLine + 1 < document.lineCount) return new vscode.Range(startLine, 0, endLine + 1, 0);
  return new vscode.Range(startLine, 0, endLine, document.lineAt(endLine).text.length);
}
