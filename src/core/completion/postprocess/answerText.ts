/**
 * Class "fences and prose" (and diff markers): from a chat model's answer to the code in it. The shared
 * extractCode serves whole-file commands; a completion needs more care — its answers are short, fences may
 * be cut off by the token limit, prose can come first or last, a one-line answer may be quoted as inline
 * code, and in a Markdown document a fence is content, not a quote.
 */
import { isFenceLine } from '../../text/codeAnswer';
import { type Cursor, isBlank } from './cursor';

/** Prose lines that introduce an answer: "Here is…", "Sure!", "You can use the following:". */
const INTRO = /^(?:here(?:'s| is| are)?|sure|certainly|okay|ok|of course|absolutely|great|below|the following|this (?:code|completion|will|should)|you can|you could|to (?:do|fix|complete|implement|achieve) |i(?:'ll| will| would|'d| can| have)|let me|let's|note|completion|answer|output|result)\b/i;
/** A sentence: a capitalised word, at least three more words, closing punctuation, no code punctuation. */
const SENTENCE = /^[A-Z][a-z']*(?:[ ,]+[\w'`’().,/-]+){3,}[.!?:]$/;
const CODE_PUNCTUATION = /[;{}=<>[\]]|^\s*(?:#|\/\/|--|\*)/;
/** Before a fence, a short capitalised line ending in a colon introduces it: "Add this property:". */
const LEAD_IN = /^[A-Z][\w'’,-]*(?: [\w'’`,()-]+)+:$/;
const MARKDOWN_INFO = /^\s*(`{3,}|~{3,})\s*(?:markdown|md)\s*$/i;

/** Languages whose text is prose: nothing in them is dropped as an explanation. */
export const PROSE_LANGUAGES = new Set(['markdown', 'plaintext', 'latex', 'restructuredtext']);

export function isProseLine(line: string): boolean {
  const text = line.trim();
  if (text === '' || CODE_PUNCTUATION.test(text)) return false;
  if (INTRO.test(text) && /[.!:]$/.test(text)) return true;
  return SENTENCE.test(text);
}

/** Class "fences and prose": the code in the answer, without fences, the prose around them or inline-code quotes. */
export function stripFenceAndProse(raw: string, cursor: Cursor): string {
  const lines = raw.split('\n');
  const proseAllowed = PROSE_LANGUAGES.has(cursor.languageId) || cursor.inText;
  const code = cursor.languageId === 'markdown' ? markdownAnswer(lines, cursor) : fencedCode(lines, proseAllowed);
  return proseAllowed ? code : unquoteInlineCode(code, cursor.languageId);
}

/**
 * The first fenced block when only prose (or nothing) stands before its fence — it may be unterminated,
 * cut by the token limit; otherwise the text before the first fence, which then ends the code.
 */
function fencedCode(lines: readonly string[], proseAllowed: boolean): string {
  const fence = lines.findIndex(isFenceLine);
  if (fence < 0) return withoutProse(lines, !proseAllowed);
  const before = lines.slice(0, fence);
  if (before.every((line) => isBlank(line) || isProseLine(line) || LEAD_IN.test(line.trim()))) {
    const end = lines.findIndex((line, i) => i > fence && isFenceLine(line));
    const body = lines.slice(fence + 1, end < 0 ? undefined : end);
    if (!body.every(isBlank) || before.every(isBlank)) return trimBlankEdges(body);
  }
  return withoutProse(before, !proseAllowed);
}

/** An unfenced answer less blank edges and, in code, an introduction before it and an explanation after it. */
function withoutProse(lines: readonly string[], dropProse: boolean): string {
  const dropped = (line: string) => isBlank(line) || (dropProse && isProseLine(line));
  let start = 0;
  let end = lines.length;
  while (start < end && dropped(lines[start])) start++;
  if (start === end) return '';
  while (end > start && dropped(lines[end - 1])) end--;
  // A bare answer that starts with a line break means "on the next line": keep that break.
  const leadingBreak = start > 0 && lines.slice(0, start).every(isBlank) ? '\n' : '';
  return leadingBreak + lines.slice(start, end).join('\n');
}

function trimBlankEdges(lines: readonly string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start])) start++;
  while (end > start && isBlank(lines[end - 1])) end--;
  return lines.slice(start, end).join('\n');
}

/**
 * Class "Markdown documents": a fence in the answer is the document's own content, except a wrapper
 * quoting the whole answer as Markdown. Inside a code block the document opened, the answer is that
 * block's code: a fence quoting it goes, and one that closes the block stays only if the suffix lacks it.
 */
function markdownAnswer(lines: readonly string[], cursor: Cursor): string {
  if (lines.length > 1 && MARKDOWN_INFO.test(lines[0])) return trimBlankEdges(lines.slice(1, quoteEnd(lines)));
  if (!cursor.inMarkdownCode) return lines.join('\n').replace(/\s+$/, '');
  const first = lines.findIndex((line) => !isBlank(line));
  const body = first >= 0 && isFenceLine(lines[first]) && /\S/.test(lines[first].replace(/[`~]/g, '')) ? lines.slice(first + 1) : lines;
  const close = body.findIndex(isFenceLine);
  const suffixCloses = cursor.suffix.split('\n').some(isFenceLine);
  return close >= 0 && suffixCloses ? body.slice(0, close).join('\n') : body.join('\n');
}

/** The line that closes a quoting fence opened on line 0, past fenced blocks nested in the quote. */
function quoteEnd(lines: readonly string[]): number | undefined {
  let nested = false;
  for (let i = 1; i < lines.length; i++) {
    if (!isFenceLine(lines[i])) continue;
    if (nested) nested = false; // the nested block's closing fence
    else if (/[\w+#.-]\s*$/.test(lines[i])) nested = true; // a fence with an info string opens one
    else return i;
  }
  return undefined;
}

/** A one-line answer quoted as inline code (`` `a + b` ``); a JavaScript template literal is code, though. */
function unquoteInlineCode(code: string, languageId: string): string {
  const quoted = /^`([^`\n]+)`$/.exec(code.trim());
  if (!quoted) return code;
  const inner = quoted[1];
  const jsFamily = /^(?:java|type)script(?:react)?$/.test(languageId);
  if (jsFamily && (inner.includes('${') || !/[().=+*/<>[\]-]/.test(inner))) return code;
  return inner;
}

/**
 * Class "smaller", diff markers: an answer written as a unified diff (`+` added lines, `-` removed ones, maybe `@@` hunks)
 * becomes its added and context lines. Only when every line carries a marker and one is an addition, so
 * `+x`, `-1` or a Markdown/YAML list stay as they are.
 */
export function stripDiffMarkers(code: string, cursor: Cursor): string {
  if (cursor.languageId === 'markdown' || cursor.languageId === 'diff') return code;
  const lines = code.split('\n');
  const content = lines.filter((line) => !isBlank(line) && !/^(?:@@.*@@.*|\+\+\+ .*|--- .*)$/.test(line));
  if (content.length === 0 || !content.every((line) => /^[+-](?:\s|$)/.test(line))) return code;
  const added = content.filter((line) => line.startsWith('+'));
  if (added.length === 0) return code;
  if (content.length === 1 && !isBlank(cursor.lineBefore)) return code;
  return lines
    .filter((line) => !line.startsWith('-') && !/^(?:@@.*@@.*|\+\+\+ .*)$/.test(line))
    .map((line) => (line.startsWith('+') ? line.slice(line[1] === ' ' && line[2] !== ' ' ? 2 : 1) : line))
    .join('\n');
}
