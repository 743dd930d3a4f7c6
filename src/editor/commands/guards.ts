import * as vscode from 'vscode';
import { excludedMessage, type ContentBoundary } from '../privacy/contentBoundary';
import { fileName } from './fileFacts';

/**
 * Restricted Mode: nothing from an untrusted workspace goes to a model. Says so, with the way out, and
 * returns false.
 */
export function workspaceTrusted(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(
      'Tandem: this workspace is in Restricted Mode, so Tandem sends nothing from it to a model. Trust the workspace to use Tandem here.',
      'Manage Workspace Trust',
    )
    .then((choice) => (choice ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
  return false;
}

/**
 * The editor a command works in, or a message saying one is needed. When the command was run from a page that
 * is no text editor (the Get started walkthrough's buttons), the one file shown beside it is the one meant:
 * the walkthrough focuses that editor first, but the extension host hears of it only after the command runs.
 */
export function activeEditor(what: string): vscode.TextEditor | undefined {
  const visible = vscode.window.visibleTextEditors;
  const editor = vscode.window.activeTextEditor ?? (visible.length === 1 ? visible[0] : undefined);
  if (!editor) void vscode.window.showInformationMessage(`Tandem: open a file first, then ${what}.`);
  return editor;
}

/** The active editor with a non-empty selection, or a message saying to select code first. */
export function editorWithSelection(what: string): vscode.TextEditor | undefined {
  const editor = activeEditor(`select the code to ${what}`);
  if (!editor) return undefined;
  if (editor.selection.isEmpty) {
    void vscode.window.showInformationMessage(`Tandem: select the code to ${what} first.`);
    return undefined;
  }
  return editor;
}

/**
 * A file excluded from what Tandem sends (a built-in secret file, `tandem.exclude`, `.tandemignore`): says so,
 * naming the rule, and returns false. `what` is the command, as the message names it.
 */
export async function sendable(boundary: ContentBoundary, uri: vscode.Uri, what: string): Promise<boolean> {
  await boundary.ready;
  const rule = boundary.excludedBy(uri);
  if (!rule) return true;
  void vscode.window.showWarningMessage(excludedMessage(fileName(uri), rule, what));
  return false;
}

/** The instruction for a command; undefined when the user pressed Escape. */
export async function askInstruction(title: string, prompt: string, placeHolder: string): Promise<string | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    prompt,
    placeHolder,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'Say what you want, in a few words.' : undefined),
  });
  return text?.trim() || undefined;
}
