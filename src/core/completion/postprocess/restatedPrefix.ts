/** Class "restated prefix": from the answer's code to code that starts exactly at the cursor. */
import { type Cursor, indentWidth, isBlank, isCloserLine, isWordChar, leadingWhitespace, opensBlock } from './cursor';
import { LANGUAGE_STYLE, TAB_COLUMNS, documentIndent, indentStyle, render } from './indentStyle';
import { codeOnly } from './scan';

/** The most prefix lines an answer is checked for restating. */
const MAX_REPEATED_LINES = 8;

/**
 * Drop what the answer restates of the text before the cursor, then fit its first line to the cursor.
 * `firstIndent` is the first line's own indentation before that fitting (for the indentation stage).
 */
export function dropPrefixRepeat(code: string, cursor: Cursor, wholeLines: boolean): { code: string; firstIndent: number | undefined } {
  let text = code;
  // On a blank line a leading line break says nothing: the cursor already stands on the new line.
  const brokeLine = isBlank(cursor.lineBefore) && /^[ \t]*\n/.test(text);
  if (brokeLine) text = text.replace(/^(?:[ \t]*\n)+/, '');
  const all = text.split('\n');
  const lines = dropRepeatedLines(all, cursor.previousLines, cursor.lineBefore);
  lines[0] = dropCurrentLineRepeat(lines[0], cursor.lineBefore);
  // The first line's own column means something only when the model wrote it as a whole line.
  const whole = wholeLines || brokeLine || lines.length < all.length || /^[ \t]/.test(lines[0]);
  // At column 0 the first line keeps its indentation, so it is already at the model's own column.
  const firstIndent = whole && !isBlank(lines[0]) && isBlank(cursor.lineBefore) && cursor.lineBefore !== '' ? indentWidth(leadingWhitespace(lines[0])) : undefined;
  return { code: alignFirstLine(lines.join('\n'), cursor), firstIndent };
}

/**
 * The answer less its first lines when they repeat the prefix's last whole lines, indentation included
 * (e.g. the `def f(x):` line the cursor sits under), compared trimmed — closers with their indentation. An
 * answer that only restates gives nothing; blank lines alone are no repeat.
 * After text on the cursor line the restatement must go on through it.
 */
export function dropRepeatedLines(lines: string[], previousLines: readonly string[], lineBefore: string): string[] {
  // The first line starts at the cursor; on a blank line the line's indentation is the cursor's.
  const whole = (line: string, i: number) => (i === 0 && isBlank(lineBefore) ? lineBefore + line : line);
  const same = (previous: string, line: string) => (isCloserLine(previous) ? previous.trimEnd() === line.trimEnd() : previous.trim() === line.trim());
  const max = Math.min(previousLines.length, lines.length, MAX_REPEATED_LINES);
  for (let k = max; k >= 1; k--) {
    const repeated = previousLines.slice(previousLines.length - k);
    if (repeated.every(isBlank)) continue;
    if (!repeated.every((line, i) => same(line, whole(lines[i], i)))) continue;
    // The whole answer restated: nothing new, unless it is only closers (they may close an outer block).
    if (k === lines.length) return repeated.every(isCloserLine) ? lines : [''];
    // After text on the cursor line, a restatement goes on through that text (`{` alone may be new code).
    if (isBlank(lineBefore) || lines[k].trimStart().startsWith(lineBefore.trim())) return lines.slice(k);
  }
  // The enclosing function's header restated with small changes (type hints added): the same name and opener.
  const header = [...previousLines].reverse().find((line) => !isBlank(line));
  if (isBlank(lineBefore) && lines.length > 1 && header !== undefined && sameHeader(header, lines[0])) return lines.slice(1);
  return lines;
}

/** Two block headers of the same declaration: the same text up to the parameters' `(`, both ending in `{` or `:`. */
function sameHeader(a: string, b: string): boolean {
  const head = (line: string) => /^\s*([^(]*\w\s*\()/.exec(line)?.[1];
  const opener = (line: string) => /[{:]\s*$/.test(line);
  const headA = head(a);
  return headA !== undefined && headA.trim().length >= 4 && headA === head(b) && opener(a) && opener(b);
}

/**
 * Class "smaller", mid-word answers too: the answer's first line less the longest tail of the cursor line's text (leading whitespace aside) that it
 * starts with: `  const total = ` + `const total = items…` gives `items…`. A tail must start at a token
 * boundary, so `x = f` + `foo()` gives `oo()` but `total` never matches from the middle of `subtotal`; a
 * tail of bare opening brackets is not a repeat (`xs.map(` + `(x) => …`).
 */
export function dropCurrentLineRepeat(first: string, lineBefore: string): string {
  const before = lineBefore.trimStart();
  const body = first.trimStart();
  for (let start = 0; start < before.length; start++) {
    const tail = before.slice(start);
    if (isBlank(tail)) break;
    if (start > 0 && isWordChar(before[start - 1]) && isWordChar(before[start])) continue;
    if (/^[([{]+\s*$/.test(tail)) break; // `map(` + `(x) => …`: an opener the answer starts with is its own
    if (body.startsWith(tail)) return body.slice(tail.length);
  }
  return first;
}

/**
 * The first line's leading whitespace against the cursor's position: on an indentation-only line the
 * cursor already stands at that indentation, so the answer's copy of it goes; after text that opens a
 * block, a deeper-indented first line was meant for the next line; after a space, leading spaces go.
 */
export function alignFirstLine(code: string, cursor: Cursor): string {
  const { lineBefore } = cursor;
  if (code.startsWith('\n')) return code;
  const lead = leadingWhitespace(code);
  if (isBlank(lineBefore)) {
    // At column 0 the answer's own indentation stands — except at the top of an empty document.
    if (lineBefore === '') return isBlank(cursor.prefix) ? code.slice(lead.length) : code;
    return code.slice(lead.length);
  }
  if (lead === '') return bodyOnNextLine(code, cursor) ?? code;
  // A single space after `key:` or `=>` is a separator; an indentation is at least two columns deeper.
  if (opensBlock(lineBefore, cursor.languageId) && indentWidth(lead) >= indentWidth(leadingWhitespace(lineBefore)) + 2) return `\n${code}`;
  return /\s$/.test(lineBefore) ? code.slice(lead.length) : code;
}

/**
 * After `{` (or a Python block's `:`) at the end of the line, a multi-line answer whose lines come back to the
 * line's own indentation is a body written from the cursor: `{for (…) {` is never meant, so its first line
 * goes on the next line, one level in.
 */
function bodyOnNextLine(code: string, cursor: Cursor): string | undefined {
  const { lineBefore, languageId } = cursor;
  const lines = code.split('\n');
  if (lines.length < 2 || !isBlank(cursor.lineAfter.replace(/[)\]};,]/g, '')) || /^[)\]}.,;:?+\-*/&|]/.test(code)) return undefined;
  const opener = codeOnly(lineBefore, cursor.style).trimEnd();
  if (!opener.endsWith('{') && !(opener.endsWith(':') && opensBlock(lineBefore, languageId))) return undefined;
  const lineIndent = indentWidth(leadingWhitespace(lineBefore));
  const back = lines.slice(1).some((line) => !isBlank(line) && indentWidth(leadingWhitespace(line)) <= lineIndent);
  const deeper = lines.slice(1).every((line) => isBlank(line) || indentWidth(leadingWhitespace(line)) > lineIndent);
  if (!(opener.endsWith('{') ? back : deeper)) return undefined;
  const style = documentIndent(cursor) ?? LANGUAGE_STYLE[languageId] ?? indentStyle(lines.slice(1));
  return `\n${render(lineIndent + (style?.unit ?? TAB_COLUMNS), style)}${code}`;
}
