import * as vscode from 'vscode';
import { placeCode } from '../../core/text/indent';
import { lineIndent } from './insertCode';
import { fileName } from './fileFacts';

/**
 * Inserts checked text (SQL, JSON) at the selection as one edit, indented to the cursor's line. Refuses
 * when the document changed since the command started, rather than land text in the wrong place.
 */
export async function insertChecked(editor: vscode.TextEditor, range: vscode.Range, version: number, text: string): Promise<boolean> {
  const name = fileName(editor.document.uri);
  if (editor.document.isClosed || editor.document.version !== version) {
    void vscode.window.showWarningMessage(`Tandem: ${name} changed while the answer was being written, so nothing was inserted. Run the command again.`);
    return false;
  }
  const placed = placeCode(text, lineIndent(editor.document, range.start));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(editor.document.uri, range, placed);
  const ok = await vscode.workspace.applyEdit(edit);
  if (!ok) void vscode.window.showErrorMessage(`Tandem: the answer could not be inserted into ${name}.`);
  return ok;
}

/** Shows a refused answer in a new untitled editor, so the user can still use it. Never touches the file. */
export async function showRefusedAnswer(text: string, language: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ content: text, language });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}
