import { type CommentStyle, type ScanState, commentStyle, stateAtCursor } from './scan';

/** What the stages need to know about the cursor, computed once per completion. */
export interface Cursor {
  /** The document before the cursor, with \n line ends. */
  readonly prefix: string;
  /** The document after the cursor, with \n line ends. */
  readonly suffix: string;
  /** The prefix's lines before the cursor line. */
  readonly previousLines: readonly string[];
  /** The cursor line's text before the cursor. */
  readonly lineBefore: string;
  /** The cursor line's text after the cursor. */
  readonly lineAfter: string;
  readonly style: CommentStyle;
  /** Whether the cursor is in code, a string or a comment (judged from the cursor line). */
  readonly state: ScanState;
}

const TAB_WIDTH = 4;

export function makeCursor(prefix: string, suffix: string, languageId: string): Cursor {
  const lastBreak = prefix.lastIndexOf('\n');
  const firstBreak = suffix.indexOf('\n');
  const lineBefore = prefix.slice(lastBreak + 1);
  const style = commentStyle(languageId);
  return {
    prefix,
    suffix,
    previousLines: lastBreak < 0 ? [] : prefix.slice(0, lastBreak).split('\n'),
    lineBefore,
    lineAfter: firstBreak < 0 ? suffix : suffix.slice(0, firstBreak),
    style,
    state: stateAtCursor(lineBefore, style),
  };
}

export function normalizeLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** Indentation width in columns (a tab counts as four). */
export function indentWidth(whitespace: string): number {
  let width = 0;
  for (const ch of whitespace) width += ch === '\t' ? TAB_WIDTH : ch === ' ' ? 1 : 0;
  return width;
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\w$]/.test(ch);
}

/** A line that ends by opening a block: `{`, `(`, `[`, a Python `:` or an arrow. */
export function opensBlock(line: string): boolean {
  return /(?:[{([:]|=>)\s*$/.test(line);
}

/** A line made only of closing brackets, optionally followed by `;` or `,`: `}`, `});`, `],`. */
export function isCloserLine(line: string): boolean {
  return /^\s*[)\]}]+[;,]?\s*$/.test(line);
}
