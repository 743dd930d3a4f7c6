/**
 * Fitting generated code to where it lands. The first line goes in at the cursor, which already sits after
 * the line's indentation; every later line gets that indentation in front of its own, relative one. The
 * answer's own common indentation (models often indent as if the code were nested) is removed first.
 */

const LEADING_WHITESPACE = /^[ \t]*/;

function leading(line: string): string {
  return LEADING_WHITESPACE.exec(line)?.[0] ?? '';
}

/** The indentation every non-blank line shares (by length: tabs and spaces are not mixed by a sane model). */
export function commonIndent(code: string): number {
  let min = Infinity;
  for (const line of code.split('\n')) if (line.trim() !== '') min = Math.min(min, leading(line).length);
  return min === Infinity ? 0 : min;
}

/** The whole code placed at an indentation: dedented, then later lines prefixed; blank lines stay empty. */
export function placeCode(code: string, baseIndent: string): string {
  const strip = commonIndent(code);
  return code
    .split('\n')
    .map((line, i) => {
      if (line.trim() === '') return '';
      const own = line.slice(Math.min(strip, leading(line).length));
      return i === 0 ? own : baseIndent + own;
    })
    .join('\n');
}

/**
 * placeCode for text that arrives in pieces. The indentation to remove is taken from the first non-blank
 * line (usually the answer's least indented); the final text is placed exactly with placeCode.
 */
export class IndentStream {
  private strip: number | undefined;
  private atLineStart = true;
  private firstLine = true;
  /** Leading whitespace of the current line not yet written (it may be stripped). */
  private indentSeen = '';

  constructor(private readonly baseIndent: string) {}

  push(text: string): string {
    let out = '';
    for (const ch of text) {
      if (ch === '\n') {
        out += '\n';
        this.atLineStart = true;
        this.firstLine = false;
        this.indentSeen = '';
        continue;
      }
      if (this.atLineStart && (ch === ' ' || ch === '\t')) {
        this.indentSeen += ch;
        continue;
      }
      if (this.atLineStart) {
        this.strip ??= this.indentSeen.length;
        out += (this.firstLine ? '' : this.baseIndent) + this.indentSeen.slice(Math.min(this.strip, this.indentSeen.length));
        this.atLineStart = false;
      }
      out += ch;
    }
    return out;
  }
}

/**
 * A model's replacement for a selection, fitted to it: a selection of whole lines keeps its own common
 * indentation on every line; one that starts mid-line is placed like inserted code. A selection that ended
 * with a line break keeps it.
 */
export function fitToSelection(answer: string, selection: string, startsAtLineStart: boolean, lineIndentation: string): string {
  let fitted: string;
  if (startsAtLineStart) {
    const strip = commonIndent(answer);
    const target = selection.split('\n').filter((l) => l.trim() !== '').map(leading).reduce<string | undefined>((a, b) => (a === undefined || b.length < a.length ? b : a), undefined) ?? '';
    fitted = answer.split('\n').map((line) => (line.trim() === '' ? '' : target + line.slice(Math.min(strip, leading(line).length)))).join('\n');
  } else {
    fitted = placeCode(answer, lineIndentation);
  }
  return selection.endsWith('\n') && !fitted.endsWith('\n') ? `${fitted}\n` : fitted;
}
