/** Shared set-up for the editor command tests: keys, a fresh editor, the fake server's view of a call. */
import * as vscode from 'vscode';
import { FakeProvidersClient } from '../fake-providers/client';
import type { RecordedRequest } from '../fake-providers/types';
import { activateTandem, answerPrompt } from './tandem';

export const fake = new FakeProvidersClient(process.env.TANDEM_FAKE_PROVIDERS_URL ?? '');
export const KEYS = { openai: 'sk-test-commands-openai-0123456789', anthropic: 'sk-ant-test-commands-0123456789' };

export async function storeKeys(which: readonly ('openai' | 'anthropic')[] = ['openai', 'anthropic']): Promise<void> {
  const { context } = await activateTandem();
  for (const provider of which) await context.secrets.store(`tandem.apiKey.${provider}`, KEYS[provider]);
}

export async function clearKeys(): Promise<void> {
  const { context } = await activateTandem();
  await context.secrets.delete('tandem.apiKey.openai');
  await context.secrets.delete('tandem.apiKey.anthropic');
}

/**
 * A new editor holding `content`, with the cursor at the `|` in it, or the text between two `|` selected.
 * The bars are removed.
 */
export async function openEditor(marked: string, language = 'typescript'): Promise<vscode.TextEditor> {
  const first = marked.indexOf('|');
  const second = marked.indexOf('|', first + 1);
  const content = marked.replace(/\|/g, '');
  const document = await vscode.workspace.openTextDocument({ language, content });
  const editor = await vscode.window.showTextDocument(document);
  const start = document.positionAt(first);
  const end = second < 0 ? start : document.positionAt(second - 1);
  editor.selection = new vscode.Selection(start, end);
  return editor;
}

/** The model calls the fake server received (not key checks or control calls), oldest first. */
export async function modelCalls(): Promise<RecordedRequest[]> {
  return (await fake.requests()).filter((r) => r.method === 'POST' && /\/v1\/(responses|messages|chat\/completions)$/.test(r.path));
}

/** Every text a request carried to the model (system and messages), joined. */
export function requestText(request: RecordedRequest): string {
  return JSON.stringify(request.body);
}

/** Closes every editor without saving (an untitled file would otherwise ask, modally). */
export async function closeEditors(): Promise<void> {
  for (let i = 0; i < 30 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

/**
 * The hooks of an editor-command suite: a fresh fake server, both keys, the session spend at zero, and
 * `instruction` typed into every input box a command opens; editors closed and keys cleared after each test.
 */
export function useCommandSuite(instruction: string): void {
  let input: vscode.Disposable | undefined;
  beforeEach(async () => {
    await fake.reset();
    await storeKeys();
    (await activateTandem()).session.reset();
    input = answerPrompt('showInputBox', () => instruction);
  });
  afterEach(async () => {
    input?.dispose();
    await closeEditors();
    await clearKeys();
  });
}
