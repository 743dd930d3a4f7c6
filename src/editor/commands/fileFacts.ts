import * as vscode from 'vscode';
import { codeAround, type CodeAround } from '../../core/context/codeAround';
import type { FileFacts } from '../../core/prompts/codeBlocks';

/** How much of the file goes with a request, around the cursor or selection (tokens). */
export const CONTEXT_BUDGET_TOKENS = 6000;

export function fileFacts(document: vscode.TextDocument): FileFacts {
  return { path: vscode.workspace.asRelativePath(document.uri, false), languageId: document.languageId };
}

export function aroundSelection(editor: vscode.TextEditor, budgetTokens = CONTEXT_BUDGET_TOKENS): CodeAround {
  const { document, selection } = editor;
  return codeAround(document.getText(), document.offsetAt(selection.start), document.offsetAt(selection.end), budgetTokens);
}

/** The file's name, for messages and titles. */
export function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.path;
}

/** `line 3` or `lines 3–9` (1-based), for messages and titles. */
export function linesLabel(range: vscode.Range): string {
  return range.start.line === range.end.line ? `line ${range.start.line + 1}` : `lines ${range.start.line + 1}–${range.end.line + 1}`;
}
