/** Tandem in a real VS Code window: what `npm start` serves and what the UI tests drive. */
import path from 'node:path';
import { workbenchUrl } from './browser';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import type { Tools } from './tools';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface EditorSession {
  readonly server: CodeServer;
  /** Opens the workspace with Tandem loaded from this checkout (extensionDevelopmentPath). */
  readonly url: string;
}

export async function startEditorSession(tools: Tools, workspace: string, options: CodeServerOptions = {}): Promise<EditorSession> {
  const server = await startCodeServer(tools, options);
  return { server, url: workbenchUrl(server.url, path.resolve(workspace), { extensionPath: REPO_ROOT }) };
}
