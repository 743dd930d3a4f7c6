import * as vscode from 'vscode';
import { READ_LIMITS } from '../../core/files/readLimits';
import { errorText } from '../../core/format/errorText';
import { readWorkspaceText } from '../workspaceFiles';

/** A file a batch job sends, as the editor has it. */
export interface BatchFile {
  readonly uri: vscode.Uri;
  /** Workspace-relative. */
  readonly path: string;
  readonly document: vscode.TextDocument;
}

/**
 * The files of a batch job that can be sent, in the order given, and one line for each that cannot (too
 * large, binary, unreadable, a link out of the workspace folder): one such file is skipped and named, and
 * never stops the rest. `inWorkspace`: the files were found in a folder, so each must really be inside its
 * workspace folder; files the user picked one by one are theirs to choose.
 */
export async function readBatchFiles(uris: readonly vscode.Uri[], inWorkspace: boolean): Promise<{ files: BatchFile[]; skipped: string[] }> {
  const read = await Promise.all(uris.map(async (uri): Promise<BatchFile | string> => {
    const path = vscode.workspace.asRelativePath(uri);
    const checked = await readWorkspaceText(uri, { limit: READ_LIMITS.batchFile, name: path, within: inWorkspace ? vscode.workspace.getWorkspaceFolder(uri) : undefined });
    if (!checked.ok) return checked.problem;
    try {
      return { uri, path, document: await vscode.workspace.openTextDocument(uri) };
    } catch (error) {
      return `${path} could not be opened as text (${errorText(error)}).`;
    }
  }));
  return { files: read.filter((r): r is BatchFile => typeof r !== 'string'), skipped: read.filter((r): r is string => typeof r === 'string') };
}
