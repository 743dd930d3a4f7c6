/** Typing and inline suggestions in the real editor, as the completion suites drive them. */
import * as vscode from 'vscode';
import { clearKeys, closeEditors, fake, storeKeys } from './commandFixtures';
import { activateTandem, waitFor } from './tandem';

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

/**
 * The hooks of a completion suite: keys stored, a fresh session, a debounce short enough to keep the suite quick
 * yet longer than the gap between the test's own keystrokes; afterwards the completion settings and cache reset.
 */
export function useCompletionSuite(): void {
  beforeEach(async () => {
    await fake.reset();
    await storeKeys();
    (await activateTandem()).session.reset();
    await completionsConfig().update('debounceMs', 250, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    await closeEditors();
    await clearKeys();
    for (const key of ['debounceMs', 'enabled', 'disabledLanguages']) await completionsConfig().update(key, undefined, vscode.ConfigurationTarget.Global);
    (await activateTandem()).completions.pipeline.cache.clear();
  });
}
