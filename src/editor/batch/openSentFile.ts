import * as vscode from 'vscode';
import type { JobItem, JobKind } from '../../core/batch/job';
import { sentFileProblem } from '../../core/batch/sentFile';
import { errorText } from '../../core/format/errorText';
import { fingerprint } from '../../core/batch/node/fingerprint';

export type SentFile = { readonly document: vscode.TextDocument } | { readonly problem: string };

/**
 * The document a batch answer is about, or why the answer cannot land on it. Never throws. The file on
 * disk is checked first: an editor may still hold a file that was deleted or renamed outside it, and an
 * answer must not bring it back. A file not open in any editor is opened (not shown) and lands like one
 * that is.
 */
export async function openSentFile(kind: JobKind, item: JobItem): Promise<SentFile> {
  const uri = vscode.Uri.parse(item.uri);
  try {
    await vscode.workspace.fs.stat(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const problem = sentFileProblem(kind, item, { kind: 'read', fingerprint: fingerprint(document.getText()) });
    return problem === undefined ? { document } : { problem };
  } catch (error) {
    const missing = error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
    return { problem: sentFileProblem(kind, item, missing ? { kind: 'missing' } : { kind: 'unreadable', error: errorText(error) }) };
  }
}
