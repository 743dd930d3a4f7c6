/**
 * Class "fences and prose" (and diff markers): from a chat model's answer to the code in it. The shared
 * extractCode serves whole-file commands; a completion needs more care — its answers are short, fences may
 * be cut off by the token limit, prose can come first or last, a one-line answer may be quoted as inline
 * code, and in a Markdown document a fence is content, not a quote.
 */
import { isFenceLine } from '../../text/codeAnswer';
import { type Cursor, isBlank, isCloserLine } from './cursor';

/** Prose lines that introduce an answer: "Here is…", "Sure!", "You can use the following:". */
const INTRO = /^(?:here(?:'s| is| are)?|sure|certainly|okay|ok|of course|absolutely|great|below|the following|this (?:code|completion|will|should)|you can|you could|to (?:do|fix|complete|implement|achieve) |i(?:'ll| will| would|'d| can| have)|let me|let's|note|completion|answer|output|result)\b/i;
/** A sentence: a capitalised word, at least three more words, closing punctuation, no code punctuation. */
const SENTENCE = /^[A-Z][a-z']*(?:[ ,]+[\w'`’().,/-]+){3,}[.!?:]$/;
/** A sentence of six words or more, clauses joined by `,` or `;`: "No changes are needed here; the function is complete." */
const LONG_SENTENCE = /^[A-Z][a-z'’]*(?:[,;]? [\w'’`-]+){5,}[.!?]$/;
const CODE_PUNCTUATION = /[;{}=<>[\]]|^\s*(?:#|\/\/|--|\*)/;
/** Before a fence, a short capitalised line ending in a colon introduces it: "Add this property:". */
const LEAD_IN = /^[A-Z][\w'’,-]*(?: [\w'’`,()-]+)+:$/;
const MARKDOWN_INFO = /^\s*(`{3,}|~{3,})\s*(?:markdown|md)\s*$/i;

/** Languages where backticks are code: shell and Ruby commands, Go raw strings, MySQL and Kotlin names. */
const BACKTICK_LANGUAGES = new Set(['shellscript', 'ruby', 'perl', 'go', 'sql', 'kotlin', 'scala', 'fsharp', 'r', 'powershell', 'makefile', 'dockerfile']);

/** Languages whose text is prose: nothing in them is dropped as an explanation. */
export const PROSE_LANGUAGES = new Set(['markdown', 'plaintext', 'latex', 'restructuredtext']);

export function isProseLine(line: string): boolean {
  const text = line.trim();
  if (LONG_SENTENCE.test(text)) return true;
  if (text === '' || CODE_PUNCTUATION.test(text)) return false;
  if (INTRO.test(text) && /[.!:]$/.test(text)) return true;
  return SENTENCE.test(text);
}

/**
 * Class "fences and prose": the code in the answer, without fences, the prose around them or inline-code
 * quotes. `wholeLines`: the code came out of a fence, where models write whole lines from column 0.
 */
export function stripFenceAndProse(raw: string, cursor: Cursor): { code: string; wholeLines: boolean } {
  const lines = raw.split('\n');
  const proseAllowed = PROSE_LANGUAGES.has(cursor.languageId) || cursor.inText;
  if (cursor.languageId === 'markdown') return { code: markdownAnswer(lines, cursor), wholeLines: false };
  const fenced = fencedBody(lines);
  const code = fenced ?? withoutProse(lines.slice(0, firstFence(lines)), !proseAllowed);
  return { code: proseAllowed ? code : unquoteInlineCode(code, cursor), wholeLines: fenced !== undefined };
}

/**
 * The first fenced block when only prose (or nothing) stands before its fence — it may be unterminated, cut
 * by the token limit. Otherwise undefined: the code is the text before the first fence, which ends it.
 */
function fencedBody(lines: readonly string[]): string | undefined {
  const fence = firstFence(lines);
  if (fence >= lines.length) return undefined;
  const before = lines.slice(0, fence);
  if (!before.every((line) => isBlank(line) || isProseLine(line) || LEAD_IN.test(line.trim()))) return undefined;
  const end = lines.findIndex((line, i) => i > fence && isFenceLine(line));
  const body = lines.slice(fence + 1, end < 0 ? undefined : end);
  return !body.every(isBlank) || before.every(isBlank) ? trimBlankEdges(body) : undefined;
}

/** The index of the first fence line, or the number of lines when there is none. */
function firstFence(lines: readonly string[]): number {
  const fence = lines.findIndex(isFenceLine);
  return fence < 0 ? lines.length : fence;
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
function unquoteInlineCode(code: string, cursor: Cursor): string {
  const { languageId } = cursor;
  const quoted = /^`([^`\n]+)`$/.exec(code.trim());
  if (!quoted) return code;
  const inner = quoted[1];
  // Command substitution, raw strings, quoted names — unless the cursor stands where only a statement can.
  const statementOnly = isBlank(cursor.lineBefore) || /\b(?:defer|go)\s+$/.test(cursor.lineBefore);
  if (BACKTICK_LANGUAGES.has(languageId) && !(statementOnly && /[().]/.test(inner))) return code;
  const jsFamily = /^(?:java|type)script(?:react)?$/.test(languageId);
  if (jsFamily && (inner.includes('${') || !/[().=+*/<>[\]-]/.test(inner))) return code;
  return inner;
}

/**
 * Class "smaller", diff markers: an answer written as a unified diff (`+` added lines, `-` removed ones, maybe
 * `@@` hunks, `---`/`+++` file headers and ` ` context lines) becomes its added lines — context is code the
 * file has already. Only when every line carries a marker and one is an addition, so `+x`, `-1` or a
 * Markdown/YAML list stay as they are; context lines count only beside a real diff's `-` lines or headers.
 * A short lead-in ("Add this line:") before the diff goes with it.
 */
export function stripDiffMarkers(code: string, cursor: Cursor): string {
  if (cursor.languageId === 'markdown' || cursor.languageId === 'diff') return code;
  let lines = code.split('\n');
  const lead = lines.findIndex((line) => !isBlank(line));
  if (lead >= 0 && (isProseLine(lines[lead]) || LEAD_IN.test(lines[lead].trim())) && lines.slice(lead + 1).some((line) => /^\+/.test(line))) lines = lines.slice(lead + 1);
  const content = lines.filter((line) => !isBlank(line) && !DIFF_HEADER.test(line));
  const removes = content.some((line) => /^-(?:\s|$)/.test(line));
  const adds = content.some((line) => line.startsWith('+'));
  const realDiff = lines.some((line) => DIFF_HEADER.test(line)) || (removes && adds);
  const marked = (line: string) => /^[+-](?:\s|$)/.test(line) || /^\+\S/.test(line) || (realDiff && line.startsWith(' '));
  if (content.length === 0 || !content.every(marked)) return code;
  const added = content.filter((line) => line.startsWith('+'));
  // A diff that only removes lines adds nothing at the cursor (a YAML list is not a diff, `x = ` + `- 1` is code).
  if (added.length === 0) return realDiff || (isBlank(cursor.lineBefore) && !LIST_LANGUAGES.has(cursor.languageId)) ? '' : code;
  if (!(realDiff || added.every((line) => /^\+(?:\s|$)/.test(line)))) return code;
  if (content.length === 1 && !isBlank(cursor.lineBefore)) return code;
  return added.map((line) => line.slice(line[1] === ' ' && line[2] !== ' ' ? 2 : 1)).join('\n');
}

/** Languages where lines starting with `- ` are list items. */
const LIST_LANGUAGES = new Set(['yaml', 'markdown', 'plaintext', 'restructuredtext']);

/** Lines of a unified diff that are not code: hunk headers, file headers, git's own lines. */
const DIFF_HEADER = /^(?:@@.*@@.*|\+\+\+ .*|--- .*|diff --git .*|index [0-9a-f]+\.\.[0-9a-f]+.*)$/;

/**
 * Class "fences and prose", placeholders: a comment standing for code the model left out (`// ... rest of the
 * function`, `# existing code`) ends the answer — what follows is elided or restated. A bare `...` is Python's
 * own and stays.
 */
export function cutAtPlaceholder(code: string, cursor: Cursor): string {
  const all = skipRestatedOutline(code.split('\n'), cursor);
  const at = all.findIndex((line) => PLACEHOLDER.test(line));
  const lines = at < 0 ? all : all.slice(0, at);
  // An empty comment line between code lines is a model's filler (one inside a comment block is a paragraph break).
  const comment = (line: string | undefined) => line !== undefined && /^\s*(?:\/\/|#|--)/.test(line);
  return lines.filter((line, i) => !EMPTY_COMMENT.test(line) || comment(lines[i - 1]) || comment(lines[i + 1])).join('\n');
}

const EMPTY_COMMENT = /^\s*(?:\/\/|#|--)\s*$/;

/**
 * An answer that opens by restating the prefix in outline — its lines again, what lies between them elided by a
 * placeholder (`class A {` ⏎ `// ... existing fields ...` ⏎ `void f() {`) — continues after that outline.
 */
function skipRestatedOutline(lines: readonly string[], cursor: Cursor): string[] {
  const prefixLines = new Set(cursor.previousLines.slice(-OUTLINE_LOOKBACK_LINES).map((line) => line.trim()).filter((line) => line.length > 0 && !isCloserLine(line)));
  let at = 0;
  let restated = 0;
  let placeholders = 0;
  for (; at < lines.length; at++) {
    const text = lines[at].trim();
    if (text === '') continue;
    if (PLACEHOLDER.test(lines[at])) placeholders++;
    else if (prefixLines.has(text)) restated++;
    else break;
  }
  return placeholders > 0 && restated >= 2 && at < lines.length ? lines.slice(at) : [...lines];
}

/** How far up the prefix an outline's lines are looked for. */
const OUTLINE_LOOKBACK_LINES = 200;

const PLACEHOLDER = /^\s*(?:\/\/|#|--|\/\*+|<!--)\s*(?:(?:\.{3}|…)\s*(?:$|\*\/|-->|\w)|(?:the )?rest of (?:the )?(?:code|function|method|class|file|implementation)|(?:your|existing|remaining|other) (?:code|logic|implementation|methods|fields)\b|(?:code|implementation) (?:goes )?here\b)/i;
