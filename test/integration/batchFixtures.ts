/** Shared set-up for the batch job tests: workspace files, the batch commands' questions, polling a job. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BatchJob } from '../../src/core/batch/job';
import { activateTandem, answerPrompt, waitFor } from './tandem';

export const RULES = '# Rules\n\n- SEC-1: No secrets in source.\n- NAME-1: Booleans start with is or has.\n';

export function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

export async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** The file as the editor has it (an applied refactoring is saved only with auto-save on). */
export async function textOf(uri: vscode.Uri): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

/** Answers the batch command's questions: the glob or instruction, then Submit in the cost dialog. */
export function answerBatchQuestions(input: string): vscode.Disposable & { confirmations: string[] } {
  const confirmations: string[] = [];
  const box = answerPrompt('showInputBox', () => input);
  const info = answerPrompt('showInformationMessage', (message: unknown, ...rest: unknown[]) => {
    if (String(message).includes('through the Batch API')) {
      confirmations.push(`${String(message)} ${JSON.stringify(rest[0])}`);
      return 'Submit';
    }
    return undefined;
  });
  return Object.assign(vscode.Disposable.from(box, info), { confirmations });
}

export async function newestJob(): Promise<BatchJob> {
  const { batch } = await activateTandem();
  return waitFor('the job to be stored', () => batch.store.all().at(-1));
}

/** Polls the job (as its timer would) until its results have landed. */
export async function landedJob(id: string): Promise<BatchJob> {
  const { batch } = await activateTandem();
  return waitFor('the job to land', async () => {
    const job = await batch.runner.poll(id);
    return job?.landed ? job : undefined;
  }, 20_000);
}

/** Removes every job, so the next test starts with an empty list. */
export async function forgetJobs(): Promise<void> {
  const { batch } = await activateTandem();
  for (const job of batch.store.all()) await batch.store.remove(job.id);
}
