/** Stages 1 and 2: from the raw answer to code that starts exactly at the cursor. */
import { extractCode, isFenceLine } from '../../text/codeAnswer';
import { type Cursor, indentWidth, isBlank, isWordChar, leadingWhitespace, opensBlock } from './cursor';

/** The most prefix lines an answer is checked for restating. */
const MAX_REPEATED_LINES = 8;

/**
 * Stage 1: the code without a Markdown fence or the prose around it (extractCode). extractCode drops
 * leading blank lines; a bare answer that starts with a line break means "on the next line", so that
 * break is kept.
 */
export function stripFenceAndProse(raw: string): string {
  const code = extractCode(raw);
  if (code === '' || !/^[ \t]*\n/.test(raw)) return code;
  const firstText = raw.split('\n').find((line) => !isBlank(line));
  return firstText !== undefined && !isFenceLine(firstText) && code.startsWith(firstText) ? `\n${code}` : code;
}

/** Stage 2: drop what the answer restates of the text before the cursor, then fit its first line to the cursor. */
export function dropPrefixRepeat(code: string, cursor: Cursor): string {
  const lines = dropRepeatedLines(code.split('\n'), cursor.previousLines);
  lines[0] = dropCurrentLineRepeat(lines[0], cursor.lineBefore);
  return alignFirstLine(lines.join('\n'), cursor.lineBefore);
}

/**
 * The answer less its first lines when they repeat the prefix's last whole lines, indentation included
 * (e.g. the `def f(x):` line the cursor sits under). At least one line is left; blank lines alone are no repeat.
 */
export function dropRepeatedLines(lines: string[], previousLines: readonly string[]): string[] {
  const max = Math.min(previousLines.length, lines.length - 1, MAX_REPEATED_LINES);
  for (let k = max; k >= 1; k--) {
    const repeated = previousLines.slice(previousLines.length - k);
    if (repeated.every(isBlank)) continue;
    if (repeated.every((line, i) => line.trimEnd() === lines[i].trimEnd())) return lines.slice(k);
  }
  return lines;
}

/**
 * The answer's first line less the longest tail of the cursor line's text (leading whitespace aside) that it
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
export function alignFirstLine(code: string, lineBefore: string): string {
  if (code.startsWith('\n')) return code;
  const lead = leadingWhitespace(code);
  if (isBlank(lineBefore)) return code.slice(code.startsWith(lineBefore) ? lineBefore.length : lead.length);
  if (lead === '') return code;
  if (opensBlock(lineBefore) && indentWidth(lead) > indentWidth(leadingWhitespace(lineBefore))) return `\n${code}`;
  return /\s$/.test(lineBefore) ? code.slice(lead.length) : code;
}
