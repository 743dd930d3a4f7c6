// The one way Tandem reads a file the workspace or the user points it at: the size checked before the file is
// read, the binary check after, links out of the workspace folder refused where asked; every refusal is a
// message naming the file and the limit (core/files), never an exception.
import { realpath } from 'node:fs/promises';
import * as vscode from 'vscode';
import { errorText } from '../core/format/errorText';
import { binaryProblem, binaryTextProblem, sizeProblem, type ReadLimit } from '../core/files/readLimits';
import { isWithin } from '../core/files/insideFolder';

export type FileRead<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export interface ReadOptions {
  readonly limit: ReadLimit;
  /** Refuse a file whose real path (links resolved) is outside this folder: for files the workspace chose. */
  readonly within?: vscode.WorkspaceFolder;
  /** How messages name the file; the workspace-relative path by default. */
  readonly name?: string;
}

/** A text file as the editor has it: an open document's unsaved text, else the file on disk. */
export async function readWorkspaceText(uri: vscode.Uri, options: ReadOptions): Promise<FileRead<string>> {
  const name = options.name ?? vscode.workspace.asRelativePath(uri, false);
  const outside = await linkProblem(uri, name, options.within);
  if (outside) return { ok: false, problem: outside };
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) {
    const text = open.getText();
    const problem = sizeProblem(name, new TextEncoder().encode(text).byteLength, options.limit) ?? binaryTextProblem(name, text, options.limit);
    return problem ? { ok: false, problem } : { ok: true, value: text };
  }
  const bytes = await readChecked(uri, name, options.limit);
  return bytes.ok ? { ok: true, value: new TextDecoder().decode(bytes.value) } : bytes;
}

/** A file's bytes (an image), within the limit. */
export async function readWorkspaceBytes(uri: vscode.Uri, options: ReadOptions): Promise<FileRead<Uint8Array>> {
  const name = options.name ?? vscode.workspace.asRelativePath(uri, false);
  const outside = await linkProblem(uri, name, options.within);
  return outside ? { ok: false, problem: outside } : readChecked(uri, name, options.limit);
}

async function readChecked(uri: vscode.Uri, name: string, limit: ReadLimit): Promise<FileRead<Uint8Array>> {
  try {
    // The size first: a 2 GB file is refused without being read.
    const early = sizeProblem(name, (await vscode.workspace.fs.stat(uri)).size, limit);
    if (early) return { ok: false, problem: early };
    const bytes = await vscode.workspace.fs.readFile(uri);
    // Again on what was read: the file may have grown in between.
    const problem = sizeProblem(name, bytes.byteLength, limit) ?? binaryProblem(name, bytes, limit);
    return problem ? { ok: false, problem } : { ok: true, value: bytes };
  } catch (error) {
    return { ok: false, problem: `${name} could not be read (${errorText(error)}).` };
  }
}

/**
 * Why a file the workspace chose must not be read: its real path leaves the folder (a link in a cloned
 * repository to ~/.ssh/id_rsa). Only files on disk have links to resolve; a file that does not exist is
 * left to the read to report.
 */
export async function linkProblem(uri: vscode.Uri, name: string, within: vscode.WorkspaceFolder | undefined): Promise<string | undefined> {
  if (!within || uri.scheme !== 'file' || within.uri.scheme !== 'file') return undefined;
  let target: string;
  let root: string;
  try {
    [target, root] = await Promise.all([realpath(uri.fsPath), realpath(within.uri.fsPath)]);
  } catch {
    return undefined;
  }
  return isWithin(root, target) ? undefined : `${name} is a link to a file outside the workspace folder; Tandem reads only files inside it.`;
}
