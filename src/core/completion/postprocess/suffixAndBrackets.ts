/** Fitting the completion between the prefix and the suffix: mid-line, suffix duplicates, closing brackets. */
import { type Cursor, isBlank, isCloserLine, isWordChar, leadingWhitespace, sameShape } from './cursor';
import { OPENERS, bracketBalance, closesAcross, codeOnly, matches, scanBrackets } from './scan';

/** How much of the suffix is looked at for duplicated lines. */
const SUFFIX_LOOKAHEAD_CHARS = 4000;
const SUFFIX_LOOKAHEAD_LINES = 20;

/**
 * Whether only the rest of the cursor line may be completed: the cursor is in the middle of a line when
 * text other than closing brackets, quotes and `;`/`,` follows it on that line (`onClick(█);` may take a block).
 */
export function isMidLine(cursor: Cursor): boolean {
  return /[^\s)\]}'"`;,]/.test(cursor.lineAfter);
}

/**
 * Class "suffix duplicates": drop what the suffix already has. Undefined when the whole completion is already there;
 * otherwise the completion less trailing lines equal to the suffix's next lines, and less an end that
 * overlaps the start of the suffix (`a, b)` before `)`). Nothing is dropped that closes a bracket the
 * completion itself opened. In single-line mode only the first line, all that is kept, is considered.
 */
export function dropSuffixOverlap(code: string, cursor: Cursor, singleLine: boolean): string | undefined {
  // Mid-line, a space the answer ends with separates it from the text after the cursor (`err, █reason`).
  const body = singleLine ? code.split('\n')[0].replace(/\s+$/, () => (spaceBeforeText(cursor) ? ' ' : '')) : code.trimEnd();
  if (isBlank(body)) return body;
  if (cursor.suffix.startsWith(body) || cursor.suffix.trimStart().startsWith(body.trim())) return undefined;
  // A new line that is the next line of the file already (Continue drops these too).
  const next = cursor.suffix.split('\n').slice(1).find((line) => !isBlank(line));
  if (isBlank(cursor.lineBefore) && next !== undefined && !body.includes('\n') && sameCode(body, next, cursor.languageId) && body.trim().length >= RESTATED_LINE_CHARS) return undefined;
  if (!singleLine && copiesSuffix(body, cursor)) return undefined;
  const withoutLines = singleLine ? cutAtRestOfLine(body, cursor) : dropOverlappingLines(cutAtSuffixStart(body, cursor), cursor);
  if (isBlank(withoutLines)) return undefined;
  return dropOverlappingEnd(withoutLines, cursor);
}

/** Languages with `<…>` type arguments. */
const GENERIC_LANGUAGES = new Set(['java', 'csharp', 'typescript', 'typescriptreact', 'rust', 'cpp', 'kotlin', 'swift', 'dart', 'scala']);

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

/** A statement line this long, restated, is no coincidence. */
const RESTATED_LINE_CHARS = 6;
/** The shortest head of the rest of the line that counts as restated mid-answer. */
const REST_OF_LINE_CHARS = 4;

/**
 * Class "suffix duplicates": an answer that arrives at the suffix's next line (same text, same indentation)
 * has started restating the rest of the file — it is cut there, whatever follows (Continue stops at such a line).
 */
function cutAtSuffixStart(body: string, cursor: Cursor): string {
  const following = suffixLines(cursor).slice(0, 2);
  const next = following[0];
  if (next === undefined || isCloserLine(next) || next.trim().length < RESTATED_LINE_CHARS) return body;
  const lines = body.split('\n');
  const at = lines.findIndex((line, i) => i > 0 && leadingWhitespace(line) === leadingWhitespace(next) && sameCode(line, next, cursor.languageId));
  if (at >= 0) return lines.slice(0, at).join('\n');
  // The same two lines with other names (`t` for `tmp`) are the suffix rewritten, not new code.
  const nonBlank = lines
    .map((line, i) => ({ line: i === 0 ? cursor.lineBefore + line : line, i }))
    .filter(({ line, i }) => !isBlank(line) && (i > 0 || isBlank(cursor.lineBefore)));
  if (following.length < 2 || following.some(isCloserLine)) return body;
  const alike = (line: string, other: string) => leadingWhitespace(line) === leadingWhitespace(other) && sameShape(line, other);
  for (let j = 0; j + 1 < nonBlank.length; j++) {
    if (alike(nonBlank[j].line, following[0]) && alike(nonBlank[j + 1].line, following[1])) return lines.slice(0, nonBlank[j].i).join('\n');
  }
  return body;
}

/** The suffix's next non-blank lines after the cursor's line. */
function suffixLines(cursor: Cursor): string[] {
  return cursor.suffix.slice(0, SUFFIX_LOOKAHEAD_CHARS).split('\n').slice(1).filter((line) => !isBlank(line)).slice(0, SUFFIX_LOOKAHEAD_LINES);
}

/** An answer of two or more lines that stand, in order and as they are, a little further down already. */
function copiesSuffix(body: string, cursor: Cursor): boolean {
  const lines = body.split('\n').filter((line, i) => !isBlank(line) && (i > 0 || isBlank(cursor.lineBefore)));
  if (lines.length < 2 || lines.join('').trim().length < RESTATED_LINE_CHARS * 3) return false;
  const next = suffixLines(cursor).map((line) => line.trimEnd());
  const first = lines[0].trimEnd();
  for (let start = next.indexOf(first); start >= 0; start = next.indexOf(first, start + 1)) {
    if (lines.every((line, i) => next[start + i] === line.trimEnd())) return true;
  }
  return false;
}

/**
 * Class "suffix duplicates", mid-line: the answer that goes on to restate the rest of the line, even
 * changed after that (`"first", "extra", extra);` before `, "extra")`), is cut where the restatement starts.
 */
function cutAtRestOfLine(body: string, cursor: Cursor): string {
  const rest = cursor.lineAfter.trimEnd();
  for (let k = rest.length; k >= REST_OF_LINE_CHARS; k--) {
    const head = rest.slice(0, k);
    if (!/[\p{L}\p{N}_$]/u.test(head)) continue;
    const at = body.indexOf(head);
    if (at > 0 && at + k < body.length) return body.slice(0, at);
  }
  return body;
}

/**
 * Class "suffix duplicates": the answer's last lines that are the suffix's next lines. Whole lines compare
 * with their indentation — a `}` closing the answer's `if` is not the function's `}` below it, nor an inner
 * `return 0` the outer one; the partial lines at the cursor compare trimmed.
 */
function dropOverlappingLines(body: string, cursor: Cursor): string {
  const lines = body.split('\n');
  const firstWhole = isBlank(cursor.lineBefore);
  const answer = lines.map((text, i) => ({ text: i === 0 && firstWhole ? cursor.lineBefore + text : text, whole: i > 0 || firstWhole }));
  const next = cursor.suffix.slice(0, SUFFIX_LOOKAHEAD_CHARS).split('\n')
    .map((text, i) => ({ text, whole: i > 0 }))
    .filter(({ text }) => !isBlank(text))
    .slice(0, SUFFIX_LOOKAHEAD_LINES);
  for (let m = Math.min(lines.length, next.length); m >= 1; m--) {
    const tail = answer.slice(lines.length - m).filter(({ text }) => !isBlank(text));
    if (!tail.every((line, i) => i < next.length && sameLine(line, next[i], cursor.languageId))) continue;
    const cut = lines.slice(0, lines.length - m).join('\n').length;
    if (closesAcross(body, cut, cursor.style, cursor.state)) continue;
    return body.slice(0, cut);
  }
  return body;
}

function sameLine(a: { text: string; whole: boolean }, b: { text: string; whole: boolean }, languageId: string): boolean {
  if (a.whole && b.whole && leadingWhitespace(a.text) !== leadingWhitespace(b.text)) return false;
  return sameCode(a.text, b.text, languageId);
}

/**
 * Two lines of code that say the same, as a model restating one tends to vary it: spacing, a missing `;`,
 * `'` for `"`, `:=` for `=`, SQL keywords in another case.
 */
export function sameCode(a: string, b: string, languageId: string): boolean {
  const loose = (line: string) => {
    const text = line.replace(/\s+/g, '').replace(/;$/, '').replace(/'/g, '"').replace(/:=/g, '=');
    return languageId === 'sql' ? text.toLowerCase() : text;
  };
  return loose(a) === loose(b);
}

function dropOverlappingEnd(body: string, cursor: Cursor): string {
  const after = cursor.lineAfter;
  for (let k = Math.min(body.length - 1, after.length); k >= 1; k--) {
    const overlap = after.slice(0, k);
    if (isBlank(overlap) || !body.endsWith(overlap)) continue;
    const cut = body.length - k;
    // Inside a word only when the answer ends with the whole rest of the line (`24px;` before `px;`).
    if (isWordChar(body[cut - 1]) && isWordChar(overlap[0]) && overlap !== after.trimEnd()) continue;
    // Cut when the line reads better with the suffix's text than with the answer's copy of it: `('` + `test');`
    // before `test');` closes its own bracket, yet the line is only whole without the copy.
    const whole = lineDefects(cursor, body), cutOff = lineDefects(cursor, body.slice(0, cut));
    if (cutOff > whole || (cutOff === whole && closesAcross(body, cut, cursor.style, cursor.state))) continue;
    return body.slice(0, cut);
  }
  return body;
}

/** Class "repetition" backstop and mid-line: the first line only in the middle of a line, otherwise at most `maxLines` lines. */
export function limitLines(code: string, singleLine: boolean, maxLines: number): string {
  const lines = code.split('\n');
  return lines.slice(0, singleLine ? 1 : Math.max(1, maxLines)).join('\n');
}

/**
 * Class "suffix duplicates", closers on the line: drop trailing closing brackets that close nothing the completion opened. One that would close
 * an opener of the prefix the suffix already closes goes with what follows it (`a, b);` before `)` gives
 * `a, b`); one with nothing to close, or of the wrong kind, goes alone (`(b + 1) * 2));` after one open
 * `(` gives `(b + 1) * 2);`). The prefix's unclosed openers less the suffix's unmatched closers are the
 * ones still free to be closed. Brackets are never added; a stray closer mid-completion is left alone.
 */
export function balanceBrackets(code: string, cursor: Cursor): string {
  const { excess } = bracketBalance(code, cursor.style, cursor.state);
  if (excess.length === 0) return code;
  const tailStart = code.length - (/[\s)\]};,]*$/.exec(code)?.[0].length ?? 0);
  const prefixOpen = bracketBalance(cursor.codePrefix, cursor.style).open;
  const suffixCloses = bracketBalance(cursor.codeSuffix, cursor.style, cursor.state).excess.length;
  const free = Math.max(0, prefixOpen.length - suffixCloses);
  const firstBreak = code.includes('\n') ? code.indexOf('\n') : code.length;
  const lineCloser = cursor.lineAfter.trimStart()[0];
  const strays: number[] = [];
  let end = code.length;
  let closed = 0;
  for (const { ch, index } of excess) {
    const target = prefixOpen[prefixOpen.length - 1 - closed];
    const fits = target !== undefined && matches(target.ch, ch);
    if (fits && closed < free) { closed++; continue; }
    // The answer rewrote the rest of the cursor line (`items) {` before `)`): cut at the closer the line has.
    if (fits && index < firstBreak && lineCloser === ch) { end = index; break; }
    if (index < tailStart) break;
    if (fits) { end = index; break; }
    strays.push(index);
  }
  let out = code.slice(0, end);
  for (const index of strays.reverse()) if (index < end) out = out.slice(0, index) + out.slice(index + 1);
  return out;
}

/** Last: trailing whitespace off every line and the end; undefined when nothing is left. */
export function finish(code: string, cursor: Cursor): string | undefined {
  const text = code.split('\n').map((line) => line.trimEnd()).join('\n').trimEnd();
  // Nothing, or a comment with nothing in it, adds nothing.
  if (isBlank(text) || /^(?:\/\/|#|--|\/\*\s*\*\/)$/.test(text.trim())) return undefined;
  // JSON has no comments: a `//` note the model added after a value goes.
  if (cursor.languageId === 'json' && text.includes('//')) {
    const uncommented = text.split('\n').map(withoutLineComment).join('\n');
    if (uncommented !== text) return finish(uncommented, cursor);
  }
  // JSON has no trailing commas: one before the object's or array's closer goes.
  if (cursor.languageId === 'json' && text.endsWith(',') && isBlank(cursor.lineAfter) && /^\s*[}\]]/.test(cursor.suffix)) return finish(text.slice(0, -1), cursor);
  if (!text.includes('\n')) return spaceBeforeText(cursor) && /[ \t]$/.test(code) ? `${text} ` : text;
  // A block's `}` the editor put after the cursor goes on its own line under the answer's last statement.
  const last = text.slice(text.lastIndexOf('\n') + 1);
  return /^\s*\}/.test(cursor.lineAfter) && !isCloserLine(last) ? `${text}\n${leadingWhitespace(cursor.lineBefore)}` : text;
}

/** Text (not a closer or separator) follows the cursor on its line, right after it. */
function spaceBeforeText(cursor: Cursor): boolean {
  return /^[^\s)\]}'"`;,.]/.test(cursor.lineAfter);
}

/**
 * Class "block scope", closing lines: trailing closing-bracket lines go while the answer closes more than
 * the prefix left open for it — the suffix's own closers come first (`} catch (e) {…}` before the try's `}`
 * in the suffix keeps the catch, not the closer).
 */
export function dropSurplusClosingLines(code: string, cursor: Cursor): string {
  const lines = code.split('\n');
  if (lines.length < 2) return code;
  const prefixOpen = bracketBalance(cursor.codePrefix, cursor.style).open.length;
  const suffixCloses = Math.min(prefixOpen, bracketBalance(cursor.codeSuffix, cursor.style).excess.length);
  let balance = prefixOpen - suffixCloses + netBrackets(code, cursor);
  while (balance < 0 && lines.length > 1 && isCloserLine(lines[lines.length - 1])) {
    const last = lines.pop() ?? '';
    balance += netBrackets(last, cursor) * -1;
    while (lines.length > 1 && isBlank(lines[lines.length - 1])) lines.pop();
  }
  return lines.join('\n');
}

/** Openers less closers in code text. */
function netBrackets(text: string, cursor: Cursor): number {
  let net = 0;
  scanBrackets(text, cursor.style, (ch) => { net += OPENERS.includes(ch) ? 1 : -1; }, cursor.state);
  return net;
}

/** Unclosed and unmatched brackets, and an unterminated string, on the cursor's line with `inserted` in it. */
function lineDefects(cursor: Cursor, inserted: string): number {
  const lastLine = inserted.slice(inserted.lastIndexOf('\n') + 1);
  const line = (inserted.includes('\n') ? lastLine : cursor.lineBefore + inserted) + cursor.lineAfter;
  let open = 0;
  let unmatched = 0;
  const end = scanBrackets(line, cursor.style, (ch) => {
    if (OPENERS.includes(ch)) open++;
    else if (open > 0) open--;
    else unmatched++;
  });
  // Generic type arguments pair `<` with `>` (`Map<String, List<Order>>`): a copy that drops one leaves a `<` open.
  const code = GENERIC_LANGUAGES.has(cursor.languageId) ? codeOnly(line, cursor.style) : '';
  const angles = Math.abs(count(code, '<') - count(code, '>'));
  return open + unmatched + angles + (end === 'single' || end === 'double' || end === 'backtick' ? 1 : 0);
}

/** A JSON line less a `//` comment outside its strings. */
function withoutLineComment(line: string): string {
  const plain = { slash: false, hash: false };
  for (let at = line.indexOf('//'); at >= 0; at = line.indexOf('//', at + 2)) {
    if (scanBrackets(line.slice(0, at), plain, () => undefined) === 'code') return line.slice(0, at).trimEnd();
  }
  return line;
}
