import type { CodeAround } from '../context/codeAround';

/** Where the generated code goes, in the code shown to the model. */
export const CURSOR_MARK = '<|cursor|>';
export const SELECTION_START = '<|selection|>';
export const SELECTION_END = '<|/selection|>';

/** A Markdown fence that no backtick run inside `code` can close early. */
export function fenced(code: string, language = ''): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${code}\n${fence}`;
}

/** The file's code around the cursor (a mark) or the selection (between marks), noting what was cut. */
export function markedCode(around: CodeAround): string {
  const middle = around.selection === '' ? CURSOR_MARK : `${SELECTION_START}${around.selection}${SELECTION_END}`;
  return `${around.cutBefore ? '…\n' : ''}${around.before}${middle}${around.after}${around.cutAfter ? '\n…' : ''}`;
}

/** Where the code comes from: enough for the model to match the language and conventions. */
export interface FileFacts {
  /** Workspace-relative path, or the untitled name. */
  readonly path: string;
  /** VS Code's language id (`typescript`, `python`, …). */
  readonly languageId: string;
}

export function fileLine(file: FileFacts): string {
  return `File: ${file.path} (language: ${file.languageId})`;
}
