/**
 * A small bracket scanner for completion post-processing: it finds (), [] and {} outside string literals and
 * comments. It is deliberately simple — '', "" and `` strings with backslash escapes, `//` and block comments
 * for C-like languages, `#` comments for hash-comment languages — because it only has to be right about the
 * few lines around the cursor, not to parse the file.
 */

export type ScanState = 'code' | 'single' | 'double' | 'backtick' | 'line' | 'block';

export interface CommentStyle {
  /** `//` and block comments. */
  readonly slash: boolean;
  /** `#` line comments (Python, shell, YAML, Ruby…); `//` is then an operator, not a comment. */
  readonly hash: boolean;
}

const HASH_COMMENT_LANGUAGES = new Set(['python', 'ruby', 'shellscript', 'yaml', 'perl', 'r', 'makefile', 'dockerfile', 'toml', 'powershell', 'elixir', 'julia', 'coffeescript']);
const NO_COMMENT_LANGUAGES = new Set(['json', 'plaintext', 'markdown']);

export function commentStyle(languageId: string): CommentStyle {
  if (HASH_COMMENT_LANGUAGES.has(languageId)) return { slash: false, hash: true };
  if (NO_COMMENT_LANGUAGES.has(languageId)) return { slash: false, hash: false };
  return { slash: true, hash: false };
}

export const OPENERS = '([{';
export const CLOSERS = ')]}';
const QUOTE_STATE: Readonly<Record<string, ScanState>> = { "'": 'single', '"': 'double', '`': 'backtick' };
const STATE_QUOTE: Readonly<Partial<Record<ScanState, string>>> = { single: "'", double: '"', backtick: '`' };

/**
 * Calls `onBracket` for every bracket in `text` that is code (not in a string or comment), starting in
 * state `start`; returns the state at the end of the text. '' and "" strings end at a newline (unterminated).
 */
export function scanBrackets(text: string, style: CommentStyle, onBracket: (ch: string, index: number) => void, start: ScanState = 'code'): ScanState {
  let state = start;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    switch (state) {
      case 'code':
        if (OPENERS.includes(ch) || CLOSERS.includes(ch)) onBracket(ch, i);
        else if (ch in QUOTE_STATE) state = QUOTE_STATE[ch];
        else if (style.hash && ch === '#') state = 'line';
        else if (style.slash && ch === '/' && text[i + 1] === '/') state = 'line';
        else if (style.slash && ch === '/' && text[i + 1] === '*') { state = 'block'; i++; }
        break;
      case 'line':
        if (ch === '\n') state = 'code';
        break;
      case 'block':
        if (ch === '*' && text[i + 1] === '/') { state = 'code'; i++; }
        break;
      default: // in a string
        if (ch === '\\') i++;
        else if (ch === STATE_QUOTE[state]) state = 'code';
        else if (ch === '\n' && state !== 'backtick') state = 'code';
    }
  }
  return state;
}

export interface Bracket { readonly ch: string; readonly index: number }

export interface BracketBalance {
  /** Openers left unclosed, outermost first. */
  readonly open: readonly Bracket[];
  /** Closers that close nothing opened earlier in the text (or do not match the innermost opener). */
  readonly excess: readonly Bracket[];
}

export function matches(opener: string, closer: string): boolean {
  return OPENERS.indexOf(opener) === CLOSERS.indexOf(closer);
}

export function bracketBalance(text: string, style: CommentStyle, start: ScanState = 'code'): BracketBalance {
  const open: Bracket[] = [];
  const excess: Bracket[] = [];
  scanBrackets(text, style, (ch, index) => {
    if (OPENERS.includes(ch)) open.push({ ch, index });
    else if (open.length > 0 && matches(open[open.length - 1].ch, ch)) open.pop();
    else excess.push({ ch, index });
  }, start);
  return { open, excess };
}

/** The scanner state at the cursor, judged from the cursor line only (robust to a prefix cut to a budget). */
export function stateAtCursor(lineBefore: string, style: CommentStyle): ScanState {
  return scanBrackets(lineBefore, style, () => undefined);
}

/**
 * True when a closer at or after `cut` closes an opener before `cut`: cutting the text there would leave
 * that opener unclosed, so the part after `cut` is not a mere duplicate.
 */
export function closesAcross(text: string, cut: number, style: CommentStyle, start: ScanState): boolean {
  const open: Bracket[] = [];
  let crosses = false;
  scanBrackets(text, style, (ch, index) => {
    if (OPENERS.includes(ch)) open.push({ ch, index });
    else if (open.length > 0 && matches(open[open.length - 1].ch, ch)) {
      const opener = open.pop();
      if (opener !== undefined && opener.index < cut && index >= cut) crosses = true;
    }
  }, start);
  return crosses;
}

/**
 * For each line of `text`: how many brackets the text itself opened are still open at the line's start
 * (closers of brackets opened before the text do not go below zero).
 */
export function depthAtLineStarts(text: string, style: CommentStyle, start: ScanState = 'code'): number[] {
  const starts = [0];
  const breaks: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) breaks.push(i);
  const events: { index: number; delta: number }[] = [];
  scanBrackets(text, style, (ch, index) => events.push({ index, delta: OPENERS.includes(ch) ? 1 : -1 }), start);
  let depth = 0;
  let e = 0;
  for (const at of breaks) {
    for (; e < events.length && events[e].index < at; e++) depth = Math.max(0, depth + events[e].delta);
    starts.push(depth);
  }
  return starts;
}

/** The line with everything inside strings and comments blanked out, so its code can be matched. */
export function codeOnly(line: string, style: CommentStyle, start: ScanState = 'code'): string {
  let out = '';
  let state = start;
  for (let i = 0; i < line.length; i++) {
    const before = state;
    state = scanBrackets(line[i], style, () => undefined, state);
    // Two-character comment openers are only seen with their second character.
    if (before === 'code' && state === 'code' && style.slash && line[i] === '/' && (line[i + 1] === '/' || line[i + 1] === '*')) {
      return out + ' '.repeat(line.length - i);
    }
    out += before === 'code' && state === 'code' ? line[i] : ' ';
  }
  return out;
}
