import * as vscode from 'vscode';
import type { BatchFileFacts } from '../../core/batch/batchRequests';
import { READ_LIMITS } from '../../core/files/readLimits';
import { errorText } from '../../core/format/errorText';
import { readWorkspaceText } from '../workspaceFiles';

/**
 * The files of a batch job that can be sent, in the order given, with their text as the editor has it
 * (unsaved changes included), and one line for each that cannot (too large, binary, unreadable, a link out
 * of the workspace folder): one such file is skipped and named, and never stops the rest. `inWorkspace`: the files were found in a folder, so each must really be inside its
 * workspace folder; files the user picked one by one are theirs to choose.
 */
export async function readBatchFiles(uris: readonly vscode.Uri[], inWorkspace: boolean): Promise<{ files: BatchFileFacts[]; skipped: string[] }> {
  const read = await Promise.all(uris.map(async (uri): Promise<BatchFileFacts | string> => {
    const path = vscode.workspace.asRelativePath(uri);
    const checked = await readWorkspaceText(uri, { limit: READ_LIMITS.batchFile, name: path, within: inWorkspace ? vscode.workspace.getWorkspaceFolder(uri) : undefined });
    if (!checked.ok) return checked.problem;
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      return { path, languageId: document.languageId, text: document.getText(), uri: uri.toString() };
    } catch (error) {
      return `${path} could not be opened as text (${errorText(error)}).`;
    }
  }));
  return { files: read.filter((r): r is BatchFileFacts => typeof r !== 'string'), skipped: read.filter((r): r is string => typeof r === 'string') };
}
