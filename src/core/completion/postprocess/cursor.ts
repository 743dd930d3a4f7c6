import { isFenceLine } from '../../text/codeAnswer';
import { type CommentStyle, type ScanState, bracketBalance, codeOnly, commentStyle, stateAtCursor } from './scan';

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
  readonly languageId: string;
  /** Whether the cursor is in code, a string or a comment (judged from the cursor line). */
  readonly state: ScanState;
  /** In a comment, docstring or string, where an answer may well be prose. */
  readonly inText: boolean;
  /** The delimiter that ends the multi-line string or comment the cursor is in (triple quotes, a block comment's end, a backtick). */
  readonly textDelimiter: string | undefined;
  /** In a Markdown document, inside a fenced code block it opened. */
  readonly inMarkdownCode: boolean;
  /** The code around the cursor that brackets are counted in: in a Markdown code block, only that block. */
  readonly codePrefix: string;
  readonly codeSuffix: string;
}

/** A fence's info string to a language id, for the code inside a Markdown block. */
const FENCE_LANGUAGES: Readonly<Record<string, string>> = { js: 'javascript', ts: 'typescript', py: 'python', sh: 'shellscript', bash: 'shellscript', yml: 'yaml', jsx: 'javascriptreact', tsx: 'typescriptreact', cs: 'csharp', rs: 'rust' };

const TAB_WIDTH = 4;

export function makeCursor(prefix: string, suffix: string, languageId: string): Cursor {
  const lastBreak = prefix.lastIndexOf('\n');
  const firstBreak = suffix.indexOf('\n');
  const lineBefore = prefix.slice(lastBreak + 1);
  const block = languageId === 'markdown' ? markdownCodeBlock(prefix, suffix) : undefined;
  const style = commentStyle(block?.languageId ?? languageId);
  const state = stateAtCursor(lineBefore, style);
  const textDelimiter = openTextDelimiter(prefix, languageId, state);
  return {
    prefix,
    suffix,
    previousLines: lastBreak < 0 ? [] : prefix.slice(0, lastBreak).split('\n'),
    lineBefore,
    lineAfter: firstBreak < 0 ? suffix : suffix.slice(0, firstBreak),
    style,
    languageId,
    state,
    inText: state !== 'code' || textDelimiter !== undefined,
    textDelimiter,
    inMarkdownCode: block !== undefined,
    codePrefix: block?.prefix ?? prefix,
    codeSuffix: block?.suffix ?? suffix,
  };
}

/** The fenced code block of a Markdown document the cursor is in (an odd count of fences before it). */
function markdownCodeBlock(prefix: string, suffix: string): { prefix: string; suffix: string; languageId: string } | undefined {
  const lines = prefix.split('\n');
  let open = -1;
  lines.forEach((line, i) => { if (isFenceLine(line)) open = open < 0 ? i : -1; });
  if (open < 0) return undefined;
  const info = lines[open].trim().replace(/^[`~]+/, '').toLowerCase();
  const after = suffix.split('\n');
  const close = after.findIndex((line) => isFenceLine(line));
  return {
    prefix: lines.slice(open + 1).join('\n'),
    suffix: close < 0 ? suffix : after.slice(0, close).join('\n'),
    languageId: FENCE_LANGUAGES[info] ?? (info || 'plaintext'),
  };
}

/**
 * The closing delimiter of a docstring, block comment or template literal open before the cursor (an odd
 * count of its delimiters, or the cursor line's scan ending in a template), or undefined in code.
 */
function openTextDelimiter(prefix: string, languageId: string, state: ScanState): string | undefined {
  if (languageId === 'python') {
    const quotes = prefix.match(/"""|'''/g) ?? [];
    return quotes.length % 2 === 1 ? quotes[quotes.length - 1] : undefined;
  }
  if (state === 'backtick') return '`';
  const open = prefix.lastIndexOf('/*');
  return open >= 0 && prefix.indexOf('*/', open) < 0 ? '*/' : undefined;
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

/** Languages where a line ending in `:` opens a block (elsewhere it is a type, a field, a label, a case). */
const COLON_BLOCK_LANGUAGES = new Set(['python', 'yaml', 'coffeescript', 'nim', 'gdscript']);
/** Python statements whose `:` opens a block (a `:` in a lambda, a slice, a dict or an annotation does not). */
const PYTHON_COMPOUND = /^\s*(?:async\s+)?(?:def|class|if|elif|else|for|while|try|except|finally|with|match|case)\b/;

/**
 * A line that ends by opening a block: `{`, `(`, `[` or an arrow, and `:` in Python-like languages only —
 * class "a line ending in `:`". Strings and comments are not code: `# note:` opens nothing.
 */
export function opensBlock(line: string, languageId: string): boolean {
  const style = commentStyle(languageId);
  const code = codeOnly(line, style).trimEnd();
  if (/(?:[{([]|=>)$/.test(code)) return true;
  if (!code.endsWith(':') || !COLON_BLOCK_LANGUAGES.has(languageId)) return false;
  if (bracketBalance(code, style).open.length > 0) return false;
  return languageId !== 'python' || PYTHON_COMPOUND.test(code);
}

/** A line made only of closing brackets, optionally followed by `;` or `,`: `}`, `});`, `],`. */
export function isCloserLine(line: string): boolean {
  return /^\s*[)\]}]+[;,]?\s*$/.test(line);
}

/** Two lines alike but for their words and numbers (`const t = x;` and `const tmp = x;`): the same shape. */
export function sameShape(a: string, b: string): boolean {
  const shape = (line: string) => line.trim().replace(/[\p{L}\p{N}_$]+/gu, 'w');
  return shape(a) === shape(b);
}

const DECLARATION_START = /^\s*(?:@\w|#\[|(?:export|default|pub(?:\([\w:]+\))?|public|private|protected|internal|static|abstract|override|async|unsafe|final|sealed|virtual|extern)\s|(?:def|class|function|func|fn|fun|sub|interface|struct|enum|impl|trait|type|record|module|namespace)\b)/;
/** Languages of data, where a `key:` is not a declaration. */
const DATA_LANGUAGES = new Set(['yaml', 'json', 'jsonc', 'toml', 'markdown']);
const CONTROL_START = /^\s*(?:[)\]}]\s*)?(?:if|elif|else|for|foreach|while|do|switch|match|case|try|catch|except|finally|with|unless|until|loop|select|when)\b/;

/** A line that begins a function, method, class or type — not a statement like `if __name__ == …:`. */
export function startsDeclaration(line: string, languageId: string): boolean {
  if (!/[\p{L}_$@]/u.test(line) || DATA_LANGUAGES.has(languageId)) return false; // an Allman `{` alone opens the declaration above it; data has none
  if (DECLARATION_START.test(line)) return true;
  return opensBlock(line, languageId) && !CONTROL_START.test(line);
}
