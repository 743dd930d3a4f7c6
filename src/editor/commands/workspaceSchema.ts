import * as vscode from 'vscode';
import { outsideSettingMessage, relativeInside } from '../../core/files/insideFolder';
import { READ_LIMITS } from '../../core/files/readLimits';
import { describeRule } from '../../core/privacy/exclusion';
import { buildSchemaContext, type SchemaContext, type SchemaFile } from '../../core/sql/schemaContext';
import type { ContentBoundary } from '../privacy/contentBoundary';
import { linkProblem, readWorkspaceText } from '../workspaceFiles';

/** How much DDL a Generate SQL prompt carries (tokens, cautious estimate). */
const SCHEMA_BUDGET_TOKENS = 8000;
const MAX_SQL_FILES = 200;
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**}';
const SETTING = 'tandem.sql.schemaFile';

export type WorkspaceSchema =
  | (SchemaContext & { readonly refused?: undefined; readonly problem?: string; readonly skipped: readonly string[]; readonly excluded: readonly string[] })
  | { readonly refused: string };

/**
 * The schema for Generate SQL: the DDL of the file named in `tandem.sql.schemaFile`, or of the workspace's
 * `*.sql` files. Open documents count with their unsaved text. A named path that leaves the workspace folder
 * (`..`, absolute, a link out) is refused: nothing is read and the command stops with what to set. A named
 * file that cannot be read (missing, too large, binary) is said, and the search falls back to the workspace;
 * there, a file that cannot be read is skipped and named in `skipped`. Files excluded from what Tandem sends
 * are never read (`excluded`).
 */
export async function workspaceSchema(resource: vscode.Uri, boundary: ContentBoundary): Promise<WorkspaceSchema> {
  const folder = vscode.workspace.getWorkspaceFolder(resource) ?? vscode.workspace.workspaceFolders?.[0];
  const named = vscode.workspace.getConfiguration('tandem.sql', resource).get<string>('schemaFile', '').trim();
  let problem: string | undefined;
  if (named && folder) {
    const path = relativeInside(named);
    if (!path.ok) return { refused: outsideSettingMessage(SETTING, named, path.why, 'db/schema.sql') };
    const uri = vscode.Uri.joinPath(folder.uri, ...path.segments);
    if (await linkProblem(uri, named, folder)) return { refused: outsideSettingMessage(SETTING, named, 'link', 'db/schema.sql') };
    const rule = boundary.excludedBy(uri);
    const read = rule ? undefined : await readWorkspaceText(uri, { limit: READ_LIMITS.sqlSchema, name: named });
    if (read?.ok) {
      return { ...buildSchemaContext([{ path: named, text: read.value }], { budgetTokens: SCHEMA_BUDGET_TOKENS, provider: 'anthropic', schemaFile: named }), skipped: [], excluded: [] };
    }
    problem = rule
      ? `the schema file in settings, ${named}, is never sent to a model (excluded by ${describeRule(rule)}); the workspace's .sql files were used instead.`
      : `the schema file in settings could not be used: ${read?.ok === false ? read.problem : ''} The workspace's .sql files were used instead.`;
  }
  const uris = await vscode.workspace.findFiles('**/*.sql', EXCLUDE, MAX_SQL_FILES);
  const files: SchemaFile[] = [];
  const skipped: string[] = [];
  const excluded: string[] = [];
  for (const uri of uris) {
    if (boundary.excludedBy(uri)) {
      excluded.push(vscode.workspace.asRelativePath(uri, false));
      continue;
    }
    const read = await readWorkspaceText(uri, { limit: READ_LIMITS.sqlSchema, within: vscode.workspace.getWorkspaceFolder(uri) ?? folder });
    if (read.ok) files.push({ path: vscode.workspace.asRelativePath(uri, false), text: read.value });
    else skipped.push(read.problem);
  }
  return { ...buildSchemaContext(files, { budgetTokens: SCHEMA_BUDGET_TOKENS, provider: 'anthropic' }), problem, skipped, excluded };
}
