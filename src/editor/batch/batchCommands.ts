import * as vscode from 'vscode';
import { customIdFor } from '../../core/batch/customIds';
import type { JobItem } from '../../core/batch/job';
import type { RoutingTable } from '../../core/models/modelTable';
import { describeRule } from '../../core/privacy/exclusion';
import { bulkEditPrompt } from '../../core/prompts/bulkEdit';
import { FINDINGS_SCHEMA } from '../../core/review/findings';
import { buildReviewRequest } from '../../core/review/reviewPrompt';
import { estimateTokens } from '../../core/tokens/estimate';
import type { ModelRequest } from '../../core/calls/modelClient';
import { fileFacts } from '../commands/fileFacts';
import { askInstruction, workspaceTrusted } from '../commands/guards';
import type { ContentBoundary } from '../privacy/contentBoundary';
import { usableRules } from '../review/rulesFiles';
import { readBatchFiles, type BatchFile } from './batchFiles';
import { fingerprint } from './fingerprint';
import { confirmAndSubmit, type SubmitEnv } from './submitJob';

export interface BatchCommandEnv extends SubmitEnv {
  readonly routes: () => RoutingTable;
  /** Files excluded from what Tandem sends are left out of a batch, and named. */
  readonly boundary: ContentBoundary;
}

/** Code files a folder review looks at unless the user gives another glob. */
const DEFAULT_REVIEW_GLOB = '**/*.{ts,tsx,js,jsx,mjs,cjs,py,go,java,kt,cs,rb,rs,php,swift,c,cc,cpp,h,hpp,sql}';
const EXCLUDE = '**/{node_modules,.git,dist,out,build,.venv,vendor}/**';
/** Files in one batch job: far under both providers' limits, and enough to review a sizeable folder. */
const MAX_FILES = 500;

/** `Review Folder for Compliance (Batch)`: every matching file of a folder, one request each. */
export async function reviewFolderBatch(env: BatchCommandEnv, folder?: vscode.Uri): Promise<void> {
  if (!workspaceTrusted()) return;
  folder ??= (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri, openLabel: 'Review This Folder', title: 'Tandem: folder to review (Batch)' }))?.[0];
  if (!folder) return;
  const glob = await vscode.window.showInputBox({ title: 'Tandem: which files to review', prompt: 'A glob, relative to the folder.', value: DEFAULT_REVIEW_GLOB, ignoreFocusOut: true });
  if (!glob) return;
  const rules = await usableRules(folder, env.log);
  if (!rules) return;
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), EXCLUDE, MAX_FILES + 1);
  if (uris.length === 0) {
    void vscode.window.showInformationMessage(`Tandem: no file in ${vscode.workspace.asRelativePath(folder)} matches ${glob}.`);
    return;
  }
  if (uris.length > MAX_FILES) void vscode.window.showWarningMessage(`Tandem: more than ${MAX_FILES} files match; the first ${MAX_FILES} are reviewed.`);
  const chosen = await filesToSend(env.boundary, uris.slice(0, MAX_FILES), { command: 'Review Folder', verb: 'reviewed', inWorkspace: true });
  if (!chosen) return;
  const { files, skipped } = chosen;
  const route = env.routes().review;
  const requests = files.map(({ uri, path, document }, index) => {
    const lines = document.getText().split(/\r?\n/);
    // One request per file: the whole file is the chunk it answers for.
    const whole = { firstLine: 1, lastLine: document.lineCount, contextFirstLine: 1, contextLastLine: document.lineCount };
    const prompt = buildReviewRequest(rules.set, { path, languageId: document.languageId, lines, chunk: whole });
    const request: ModelRequest = {
      task: 'review', model: route.model, system: prompt.system, messages: prompt.messages, jsonSchema: FINDINGS_SCHEMA,
      maxOutputTokens: route.maxOutputTokens, reasoningEffort: route.reasoningEffort,
    };
    return { item: itemFor(index, uri, path, document.getText()), request, expectedOutputTokens: 400 };
  });
  const folderName = vscode.workspace.asRelativePath(folder);
  await confirmAndSubmit(env, { kind: 'review', model: route.model, title: `Review ${folderName === folder.fsPath ? folder.path.split('/').pop() : folderName}/ (${plural(requests.length, 'file')})`, requests, skipped });
}

/** `Bulk Edit Files (Batch)…`: one instruction applied to each chosen file, one request each. */
export async function bulkEditBatch(env: BatchCommandEnv, clicked?: vscode.Uri, selected?: vscode.Uri[]): Promise<void> {
  if (!workspaceTrusted()) return;
  let uris = selected?.length ? selected : clicked ? [clicked] : undefined;
  uris ??= await vscode.window.showOpenDialog({ canSelectMany: true, canSelectFiles: true, canSelectFolders: false, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri, openLabel: 'Edit These Files', title: 'Tandem: files to edit (Batch)' });
  if (!uris?.length) return;
  const chosen = await filesToSend(env.boundary, uris.slice(0, MAX_FILES), { command: 'Bulk Edit', verb: 'edited', inWorkspace: false });
  if (!chosen) return;
  const { files, skipped } = chosen;
  const instruction = await askInstruction('Tandem: Bulk Edit Files (Batch)', `What to change in each of the ${plural(files.length, 'file')}.`, 'e.g. add a JSDoc comment to every exported function');
  if (!instruction) return;
  const route = env.routes().editSelection;
  const spec = env.models()[route.model];
  const requests = files.map(({ uri, path, document }, index) => {
    const text = document.getText();
    const prompt = bulkEditPrompt(instruction, fileFacts(document), text);
    // The answer is the whole file: room for all of it and some growth.
    const fileTokens = estimateTokens(text, spec.provider);
    const maxOutputTokens = Math.min(spec.maxOutput, Math.max(route.maxOutputTokens, Math.ceil(fileTokens * 1.5) + 512));
    const request: ModelRequest = { task: 'editSelection', model: route.model, system: prompt.system, messages: prompt.messages, maxOutputTokens, reasoningEffort: route.reasoningEffort };
    return { item: itemFor(index, uri, path, text), request, expectedOutputTokens: fileTokens };
  });
  await confirmAndSubmit(env, { kind: 'bulkEdit', model: route.model, title: `Bulk edit: ${shorten(instruction)} (${plural(requests.length, 'file')})`, requests, instruction, skipped });
}

/**
 * The files a batch sends, in path order, and a sentence for each one left out: excluded (named with its
 * rule), not text, too large or outside the folder. When none is left, says so and gives nothing.
 */
async function filesToSend(
  boundary: ContentBoundary,
  uris: readonly vscode.Uri[],
  how: { command: string; verb: string; inWorkspace: boolean },
): Promise<{ files: BatchFile[]; skipped: string[] } | undefined> {
  await boundary.ready;
  const sendable: vscode.Uri[] = [];
  const excluded: string[] = [];
  for (const uri of uris) {
    const rule = boundary.excludedBy(uri);
    if (rule) excluded.push(`${vscode.workspace.asRelativePath(uri)} is excluded by ${describeRule(rule)}.`);
    else sendable.push(uri);
  }
  if (sendable.length === 0) {
    void vscode.window.showWarningMessage(`Tandem: every file chosen is excluded from what Tandem sends, so ${how.command} has nothing to send. ${excluded.join(' ')}`);
    return undefined;
  }
  const { files, skipped: unreadable } = await readBatchFiles(sendable.sort(byPath), how.inWorkspace);
  const skipped = [...excluded, ...unreadable];
  if (files.length === 0) {
    void vscode.window.showWarningMessage(`Tandem: no file could be ${how.verb}. ${skipped.join(' ')}`);
    return undefined;
  }
  return { files, skipped };
}

function itemFor(index: number, uri: vscode.Uri, path: string, text: string): JobItem {
  return { customId: customIdFor(index, path), path, uri: uri.toString(), sentHash: fingerprint(text) };
}

function byPath(a: vscode.Uri, b: vscode.Uri): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
