/** Stages 3 to 7: fit the completion between the prefix and the suffix. */
import { type Cursor, indentWidth, isBlank, isCloserLine, isWordChar, leadingWhitespace, opensBlock } from './cursor';
import { bracketBalance, closesAcross, matches } from './scan';

/** How much of the suffix is looked at for duplicated lines. */
const SUFFIX_LOOKAHEAD_CHARS = 4000;
const SUFFIX_LOOKAHEAD_LINES = 20;
/** How far up the prefix the line that opened the cursor's block is looked for. */
const OPENER_LOOKBACK_LINES = 200;

/**
 * Whether only the rest of the cursor line may be completed: the cursor is in the middle of a line when
 * text other than closing brackets and quotes follows it on that line.
 */
export function isMidLine(cursor: Cursor): boolean {
  return /[^\s)\]}'"`]/.test(cursor.lineAfter);
}

/**
 * Stage 3: drop what the suffix already has. Undefined when the whole completion is already there;
 * otherwise the completion less trailing lines equal to the suffix's next lines, and less an end that
 * overlaps the start of the suffix (`a, b)` before `)`). Nothing is dropped that closes a bracket the
 * completion itself opened. In single-line mode only the first line, all that stage 4 keeps, is considered.
 */
export function dropSuffixOverlap(code: string, cursor: Cursor, singleLine: boolean): string | undefined {
  const body = (singleLine ? code.split('\n')[0] : code).trimEnd();
  if (isBlank(body)) return body;
  if (cursor.suffix.startsWith(body) || cursor.suffix.trimStart().startsWith(body.trim())) return undefined;
  const withoutLines = singleLine ? body : dropOverlappingLines(body, cursor);
  if (isBlank(withoutLines)) return undefined;
  return dropOverlappingEnd(withoutLines, cursor);
}

function dropOverlappingLines(body: string, cursor: Cursor): string {
  const lines = body.split('\n');
  const next = cursor.suffix.slice(0, SUFFIX_LOOKAHEAD_CHARS).split('\n').map((line) => line.trim()).filter((line) => line !== '').slice(0, SUFFIX_LOOKAHEAD_LINES);
  for (let m = Math.min(lines.length, next.length); m >= 1; m--) {
    const tail = lines.slice(lines.length - m).map((line) => line.trim()).filter((line) => line !== '');
    if (!tail.every((line, i) => line === next[i])) continue;
    const cut = lines.slice(0, lines.length - m).join('\n').length;
    if (closesAcross(body, cut, cursor.style, cursor.state)) continue;
    return body.slice(0, cut);
  }
  return body;
}

function dropOverlappingEnd(body: string, cursor: Cursor): string {
  const after = cursor.lineAfter;
  for (let k = Math.min(body.length - 1, after.length); k >= 1; k--) {
    const overlap = after.slice(0, k);
    if (isBlank(overlap) || !body.endsWith(overlap)) continue;
    const cut = body.length - k;
    if (isWordChar(body[cut - 1]) && isWordChar(overlap[0])) continue;
    if (closesAcross(body, cut, cursor.style, cursor.state)) continue;
    return body.slice(0, cut);
  }
  return body;
}

/** Stage 4: the first line only in the middle of a line, otherwise at most `maxLines` lines. */
export function limitLines(code: string, singleLine: boolean, maxLines: number): string {
  const lines = code.split('\n');
  return lines.slice(0, singleLine ? 1 : Math.max(1, maxLines)).join('\n');
}

/**
 * Stage 5: cut a multi-line completion where the cursor's block ends — at the first line indented less than
 * the block. A closing-bracket line at exactly the indentation of the line that opened the block is kept
 * (and ends the completion); stage 6 drops its brackets again if they close nothing the completion opened
 * and the suffix already closes them.
 */
export function cutAtBlockEnd(code: string, cursor: Cursor): string {
  const lines = code.split('\n');
  if (lines.length < 2) return code;
  const { blockIndent, openerIndent } = cursorBlock(lines[0], cursor);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (isBlank(line)) continue;
    const indent = indentWidth(leadingWhitespace(line));
    if (indent >= blockIndent) continue;
    const keep = indent === openerIndent && isCloserLine(line);
    return lines.slice(0, keep ? i + 1 : i).join('\n');
  }
  return code;
}

/** The indentation lines of the cursor's block have, and that of the line that opened it (if seen). */
function cursorBlock(firstLine: string, cursor: Cursor): { blockIndent: number; openerIndent: number | undefined } {
  const { lineBefore } = cursor;
  const lineIndent = indentWidth(leadingWhitespace(lineBefore));
  if (!isBlank(lineBefore) && opensBlock(lineBefore)) return { blockIndent: lineIndent + 1, openerIndent: lineIndent };
  const blockIndent = isBlank(lineBefore) ? indentWidth(lineBefore + leadingWhitespace(firstLine)) : lineIndent;
  const previous = cursor.previousLines;
  const stop = Math.max(0, previous.length - OPENER_LOOKBACK_LINES);
  for (let i = previous.length - 1; i >= stop; i--) {
    if (isBlank(previous[i])) continue;
    const indent = indentWidth(leadingWhitespace(previous[i]));
    if (indent < blockIndent) return { blockIndent, openerIndent: indent };
  }
  return { blockIndent, openerIndent: undefined };
}

/**
 * Stage 6: drop trailing closing brackets that close nothing the completion opened. One that would close
 * an opener of the prefix the suffix already closes goes with what follows it (`a, b);` before `)` gives
 * `a, b`); one with nothing to close, or of the wrong kind, goes alone (`(b + 1) * 2));` after one open
 * `(` gives `(b + 1) * 2);`). The prefix's unclosed openers less the suffix's unmatched closers are the
 * ones still free to be closed. Brackets are never added; a stray closer mid-completion is left alone.
 */
export function balanceBrackets(code: string, cursor: Cursor): string {
  const { excess } = bracketBalance(code, cursor.style, cursor.state);
  if (excess.length === 0) return code;
  const tailStart = code.length - (/[\s)\]};,]*$/.exec(code)?.[0].length ?? 0);
  const prefixOpen = bracketBalance(cursor.prefix, cursor.style).open;
  const suffixCloses = bracketBalance(cursor.suffix, cursor.style, cursor.state).excess.length;
  const free = Math.max(0, prefixOpen.length - suffixCloses);
  const strays: number[] = [];
  let end = code.length;
  let closed = 0;
  for (const { ch, index } of excess) {
    const target = prefixOpen[prefixOpen.length - 1 - closed];
    const fits = target !== undefined && matches(target.ch, ch);
    if (fits && closed < free) { closed++; continue; }
    if (index < tailStart) break;
    if (fits) { end = index; break; }
    strays.push(index);
  }
  let out = code.slice(0, end);
  for (const index of strays.reverse()) if (index < end) out = out.slice(0, index) + out.slice(index + 1);
  return out;
}

/** Stage 7: trailing whitespace off every line and the end; undefined when nothing is left. */
export function finish(code: string): string | undefined {
  const text = code.split('\n').map((line) => line.trimEnd()).join('\n').trimEnd();
  return isBlank(text) ? undefined : text;
}
