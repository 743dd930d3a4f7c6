import * as vscode from 'vscode';
import { describeRule } from '../../core/privacy/exclusion';
import { buildSchemaContext, type SchemaContext, type SchemaFile } from '../../core/sql/schemaContext';
import type { ContentBoundary } from '../privacy/contentBoundary';

/** How much DDL a Generate SQL prompt carries (tokens, cautious estimate). */
const SCHEMA_BUDGET_TOKENS = 8000;
const MAX_SQL_FILES = 200;
const MAX_SQL_FILE_BYTES = 1024 * 1024;
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**}';

/**
 * The schema for Generate SQL: the DDL of the file named in `tandem.sql.schemaFile`, or of the workspace's
 * `*.sql` files. Open documents count with their unsaved text. A named file that does not exist is said,
 * and the search falls back to the workspace. Files excluded from what Tandem sends are left out (`excluded`).
 */
export async function workspaceSchema(resource: vscode.Uri, boundary: ContentBoundary): Promise<SchemaContext & { readonly problem?: string; readonly excluded: readonly string[] }> {
  const folder = vscode.workspace.getWorkspaceFolder(resource) ?? vscode.workspace.workspaceFolders?.[0];
  const named = vscode.workspace.getConfiguration('tandem.sql', resource).get<string>('schemaFile', '').trim();
  let problem: string | undefined;
  if (named && folder) {
    const uri = vscode.Uri.joinPath(folder.uri, named);
    const rule = boundary.excludedBy(uri);
    const text = rule ? undefined : await readText(uri);
    if (text !== undefined) {
      return { ...buildSchemaContext([{ path: named, text }], { budgetTokens: SCHEMA_BUDGET_TOKENS, provider: 'anthropic', schemaFile: named }), excluded: [] };
    }
    problem = rule
      ? `the schema file in settings, ${named}, is never sent to a model (excluded by ${describeRule(rule)}); the workspace's .sql files were used instead.`
      : `the schema file in settings, ${named}, could not be read; the workspace's .sql files were used instead.`;
  }
  const uris = await vscode.workspace.findFiles('**/*.sql', EXCLUDE, MAX_SQL_FILES);
  const files: SchemaFile[] = [];
  const excluded: string[] = [];
  for (const uri of uris) {
    const path = vscode.workspace.asRelativePath(uri, false);
    if (boundary.excludedBy(uri)) {
      excluded.push(path);
      continue;
    }
    const text = await readText(uri);
    if (text !== undefined) files.push({ path, text });
  }
  return { ...buildSchemaContext(files, { budgetTokens: SCHEMA_BUDGET_TOKENS, provider: 'anthropic' }), problem, excluded };
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_SQL_FILE_BYTES) return undefined; // a data dump, not a schema
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
