import * as vscode from 'vscode';
import { TandemError } from '../../core/calls/errors';
import { READ_LIMITS } from '../../core/files/readLimits';
import { excludedMessage, type ContentBoundary } from '../privacy/contentBoundary';
import { readWorkspaceText } from '../workspaceFiles';
import { fileName } from './fileFacts';

/** The schema the user picked for Generate JSON: none, or a file's parsed content. */
export type SchemaChoice = { readonly kind: 'none' } | { readonly kind: 'file'; readonly uri: vscode.Uri; readonly path: string; readonly text: string };

interface SchemaItem extends vscode.QuickPickItem {
  readonly choice: 'none' | 'browse' | vscode.Uri;
}

const LAST_SCHEMA_KEY = 'tandem.json.lastSchema';
const SCHEMA_GLOB = '{**/*.schema.json,**/schema.json,**/schemas/**/*.json}';
const EXCLUDE = '{**/node_modules/**,**/.git/**}';

/**
 * Asks which JSON Schema the answer must satisfy: none, one found in the workspace, or a file chosen
 * from disk. The last choice in this workspace comes first. Undefined when the user pressed Escape; throws a
 * TandemError naming the file when it cannot be used (too large, binary, unreadable, a link out of the folder).
 * Files excluded from what Tandem sends are not offered, and one chosen from disk is refused.
 */
export async function pickJsonSchema(state: vscode.Memento, boundary: ContentBoundary): Promise<SchemaChoice | undefined> {
  await boundary.ready;
  const found = (await vscode.workspace.findFiles(SCHEMA_GLOB, EXCLUDE, 50)).filter((uri) => !boundary.excludedBy(uri));
  const last = state.get<string>(LAST_SCHEMA_KEY);
  const files: SchemaItem[] = found
    .map((uri) => ({ label: `$(json) ${vscode.workspace.asRelativePath(uri, false)}`, description: 'JSON Schema', choice: uri }))
    .sort((a, b) => Number(b.choice.toString() === last) - Number(a.choice.toString() === last) || a.label.localeCompare(b.label));
  const none: SchemaItem = { label: '$(circle-slash) No schema', description: 'any valid JSON', choice: 'none' };
  const browse: SchemaItem = { label: '$(folder-opened) Choose a schema file…', choice: 'browse' };
  const items = last === 'none' || files.length === 0 ? [none, ...files, browse] : [...files, none, browse];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Tandem: Generate JSON — validate against a JSON Schema?',
    placeHolder: 'The answer is checked against the schema before it is inserted',
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked.choice === 'none') {
    await state.update(LAST_SCHEMA_KEY, 'none');
    return { kind: 'none' };
  }
  const uri = picked.choice === 'browse' ? (await vscode.window.showOpenDialog({ title: 'Tandem: choose a JSON Schema', canSelectMany: false, filters: { 'JSON Schema': ['json'] } }))?.[0] : picked.choice;
  if (!uri) return undefined;
  const rule = boundary.excludedBy(uri);
  if (rule) {
    void vscode.window.showWarningMessage(excludedMessage(fileName(uri), rule, 'Generate JSON'));
    return undefined;
  }
  await state.update(LAST_SCHEMA_KEY, uri.toString());
  const path = vscode.workspace.asRelativePath(uri, false);
  // A schema found in the workspace must really be in it; one the user browsed to is theirs to choose.
  const within = picked.choice === 'browse' ? undefined : vscode.workspace.getWorkspaceFolder(uri);
  const read = await readWorkspaceText(uri, { limit: READ_LIMITS.jsonSchema, within, name: path });
  if (!read.ok) throw new TandemError(read.problem);
  return { kind: 'file', uri, path, text: read.value };
}
