import * as vscode from 'vscode';
import { bulkEditJob, plural, reviewJob, type BatchFileFacts } from '../../core/batch/batchRequests';
import { fingerprint } from '../../core/batch/node/fingerprint';
import type { RoutingTable } from '../../core/models/modelTable';
import { describeRule } from '../../core/privacy/exclusion';
import { askInstruction, workspaceTrusted } from '../commands/guards';
import type { ContentBoundary } from '../privacy/contentBoundary';
import { usableRules } from '../review/rulesFiles';
import { readBatchFiles } from './batchFiles';
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
  const folderName = vscode.workspace.asRelativePath(folder);
  const folderLabel = folderName === folder.fsPath ? folder.path.split('/').pop() ?? folderName : folderName;
  await confirmAndSubmit(env, reviewJob({ ...chosen, rules: rules.set, route: env.routes().review, folderLabel, fingerprint }));
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
  await confirmAndSubmit(env, bulkEditJob({ files, skipped, instruction, route, spec: env.models()[route.model], fingerprint }));
}

/**
 * The files a batch sends, in path order, and a sentence for each one left out: excluded (named with its
 * rule), not text, too large or outside the folder. When none is left, says so and gives nothing.
 */
async function filesToSend(
  boundary: ContentBoundary,
  uris: readonly vscode.Uri[],
  how: { command: string; verb: string; inWorkspace: boolean },
): Promise<{ files: BatchFileFacts[]; skipped: string[] } | undefined> {
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

function byPath(a: vscode.Uri, b: vscode.Uri): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
