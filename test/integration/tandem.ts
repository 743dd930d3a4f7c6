/** Helpers shared by the integration tests: the extension under test and its test-mode internals. */
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { TandemTestApi } from '../../src/editor/contributions/testApi';

export const EXTENSION_ID = 'tandem-dev.tandem';

export async function activateTandem(): Promise<TandemTestApi> {
  const extension = vscode.extensions.getExtension<TandemTestApi | undefined>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded in this extension host.`);
  const api = await extension.activate();
  if (!api) throw new Error('Tandem returned no test API: is the extension host in test mode?');
  return api;
}

type Prompt = 'showInputBox' | 'showQuickPick' | 'showSaveDialog' | 'showOpenDialog' | 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

/** Replaces a `vscode.window` prompt for the duration of one test, answering it like a user would. */
export function answerPrompt<K extends Prompt>(
  name: K,
  answer: (...args: Parameters<(typeof vscode.window)[K]>) => unknown,
): vscode.Disposable {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window[name];
  window[name] = (...args: Parameters<(typeof vscode.window)[K]>) => Promise.resolve(answer(...args));
  return new vscode.Disposable(() => {
    window[name] = original;
  });
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Records the messages Tandem shows (information, warning, error) while answering none of them. */
export function captureMessages(): vscode.Disposable & { readonly messages: string[] } {
  const messages: string[] = [];
  const stubs = (['showInformationMessage', 'showWarningMessage', 'showErrorMessage'] as const).map((name) =>
    answerPrompt(name, (...args: unknown[]) => {
      messages.push(String(args[0]));
      return undefined;
    }),
  );
  return Object.assign(vscode.Disposable.from(...stubs), { messages });
}

/** The editor's user data folder (settings, logs), passed by the runner. */
export const userDataDir = process.env.TANDEM_VSCODE_USER_DATA_DIR ?? '';

export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, String(f))).filter((f) => fs.statSync(f).isFile());
}

/** Everything the Tandem output channel has logged in this editor, as written to its log files. */
export function tandemLog(): string {
  return filesUnder(path.join(userDataDir, 'logs'))
    .filter((f) => f.endsWith('Tandem.log'))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
}
