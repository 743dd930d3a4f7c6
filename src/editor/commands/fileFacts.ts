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
