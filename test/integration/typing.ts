/** Typing and inline suggestions in the real editor, as the completion suites drive them. */
import * as vscode from 'vscode';
import { fake } from './commandFixtures';
import { waitFor } from './tandem';

/** Types like a user does (the `type` command: auto-closing, auto-indent and inline suggestions react to it). */
export async function type(text: string): Promise<void> {
  for (const ch of text) await vscode.commands.executeCommand('type', { text: ch });
}

export function completionsConfig(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('tandem.completions');
}

/** The model's next answer, whatever the request (a superseded keystroke's request gets the same). */
export async function modelAnswers(text: string): Promise<void> {
  await fake.script({ match: { provider: 'openai' }, times: 10, reply: { text } });
}

/** Accepts the ghost text once it shows (the commit does nothing until then); the document afterwards. */
export async function acceptGhostText(editor: vscode.TextEditor): Promise<string> {
  const before = editor.document.getText();
  await waitFor('ghost text to show and be accepted', async () => {
    await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
    return editor.document.getText() !== before;
  });
  return editor.document.getText();
}
