import * as vscode from 'vscode';
import type { Logger } from '../../core/log/logger';
import { READ_LIMITS } from '../../core/files/readLimits';
import { parseRules, STARTER_RULES, type RuleSet } from '../../core/review/rules';
import { readWorkspaceText } from '../workspaceFiles';

export const DEFAULT_RULES_GLOB = '.tandem/rules.md';

/** The rules files found, parsed, and where each rule is written (for links from diagnostics). */
export interface LoadedRules {
  readonly set: RuleSet;
  readonly uris: ReadonlyMap<string, vscode.Uri>;
  readonly glob: string;
  /** Rules files that could not be used (too large, binary, a link out of the folder), each with why. */
  readonly skipped: readonly string[];
}

function rulesGlob(scope?: vscode.Uri): string {
  const value = vscode.workspace.getConfiguration('tandem.review', scope).get<string>('rules', DEFAULT_RULES_GLOB);
  return value.trim() || DEFAULT_RULES_GLOB;
}

/** Every rules file of the workspace folder holding `scope` (or of every folder), as the editor has it. */
export async function loadRules(scope: vscode.Uri): Promise<LoadedRules> {
  const glob = rulesGlob(scope);
  const folder = vscode.workspace.getWorkspaceFolder(scope);
  const folders = folder ? [folder] : vscode.workspace.workspaceFolders ?? [];
  const found = (await Promise.all(folders.map((f) => vscode.workspace.findFiles(new vscode.RelativePattern(f, glob), '**/node_modules/**', 50)))).flat();
  const uris = new Map<string, vscode.Uri>();
  const skipped: string[] = [];
  const files = (await Promise.all(found.map(async (uri) => {
    const path = vscode.workspace.asRelativePath(uri, folders.length > 1);
    const read = await readWorkspaceText(uri, { limit: READ_LIMITS.rules, within: vscode.workspace.getWorkspaceFolder(uri), name: path });
    if (!read.ok) {
      skipped.push(read.problem);
      return undefined;
    }
    uris.set(path, uri);
    return { path, text: read.value };
  }))).filter((file) => file !== undefined);
  return { set: parseRules(files), uris, glob, skipped };
}

/** Offers a starter rules file where the default glob looks (in the folder of `scope`); resolves true when one was created and opened. */
export async function offerStarterRules(scope: vscode.Uri, glob: string): Promise<boolean> {
  const folder = vscode.workspace.getWorkspaceFolder(scope) ?? vscode.workspace.workspaceFolders?.[0];
  const where = glob === DEFAULT_RULES_GLOB ? DEFAULT_RULES_GLOB : `${glob} (tandem.review.rules)`;
  if (!folder) {
    void vscode.window.showInformationMessage(`Tandem: reviews check code against your team's rules in ${where}, in a workspace folder. Open a folder first.`);
    return false;
  }
  const choice = await vscode.window.showInformationMessage(
    `Tandem: no rules file found (${where}). Reviews check code against your team's written rules.`,
    'Create Starter Rules',
  );
  if (choice !== 'Create Starter Rules') return false;
  const uri = vscode.Uri.joinPath(folder.uri, DEFAULT_RULES_GLOB);
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(STARTER_RULES));
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  if (glob !== DEFAULT_RULES_GLOB) {
    void vscode.window.showInformationMessage(`Tandem: the starter rules are in ${DEFAULT_RULES_GLOB}; tandem.review.rules is set to ${glob}, so change it to use them.`);
  }
  return true;
}

/** The rules for files under `scope`; when there are none, says so (offering a starter file) and gives undefined. */
export async function usableRules(scope: vscode.Uri, log: Logger): Promise<LoadedRules | undefined> {
  const rules = await loadRules(scope);
  rules.set.problems.forEach((p) => log.warn(`review rules: ${p}`));
  rules.skipped.forEach((p) => log.warn(`review rules: skipped: ${p}`));
  if (rules.skipped.length > 0) {
    const rest = rules.set.paths.length > 0 ? ' The review uses the other rules files.' : '';
    void vscode.window.showWarningMessage(`Tandem: ${rules.skipped.join(' ')}${rest}`);
    if (rules.set.paths.length === 0) return undefined;
  }
  if (rules.set.paths.length === 0) {
    await offerStarterRules(scope, rules.glob);
    return undefined;
  }
  if (rules.set.rules.length === 0) {
    void vscode.window.showWarningMessage(`Tandem: ${rules.set.paths.join(', ')} has no rules to review against. Write each rule as a heading or list item starting with its id, e.g. "- SEC-1: No secrets in source."`);
    return undefined;
  }
  return rules;
}
