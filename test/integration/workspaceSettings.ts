/** The test workspace's `.vscode/settings.json`: what a cloned repository could set. */
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './tandem';

const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
export const workspaceSettings = path.join(folder, '.vscode', 'settings.json');

/** Writes the workspace's `.vscode/settings.json` and waits until VS Code has read it (a marker setting shows it). */
export async function writeWorkspaceSettings(settings: Record<string, unknown>): Promise<void> {
  fs.mkdirSync(path.dirname(workspaceSettings), { recursive: true });
  fs.writeFileSync(workspaceSettings, JSON.stringify({ 'editor.tabSize': 7, ...settings }, null, 2));
  await waitFor('VS Code to read the workspace settings', () =>
    vscode.workspace.getConfiguration('editor').inspect<number>('tabSize')?.workspaceValue === 7 || undefined);
}

export async function removeWorkspaceSettings(): Promise<void> {
  fs.rmSync(path.dirname(workspaceSettings), { recursive: true, force: true });
  await waitFor('VS Code to drop the workspace settings', () =>
    vscode.workspace.getConfiguration('editor').inspect<number>('tabSize')?.workspaceValue === undefined || undefined);
}
