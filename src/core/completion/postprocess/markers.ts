/**
 * Class "echoed markers": the prompt shows the cursor as `<|cursor|>` inside `<file>` tags, and models trained
 * on fill-in-the-middle formats know other markers too. When one comes back in the answer it must never be
 * inserted; what stands on its far side is the restated prefix or suffix.
 */
import { CURSOR_MARK } from '../../prompts/codeBlocks';
import type { Cursor } from './cursor';
import { type CommentStyle, scanBrackets } from './scan';

/** Markers that stand for the cursor (the prompt's own first). */
const CURSOR_MARKERS = [CURSOR_MARK, '<CURSOR>', '<cursor>', '[CURSOR]', '{{CURSOR}}', '{{FILL_HERE}}', '█', '<FILL_HERE>', '<FILL_ME>', '<FILL>', '<|fim_middle|>', '<fim_middle>', '<|fim_hole|>', '<MID>', '<｜fim▁hole｜>'];
/** Markers after which nothing belongs to the answer (end of text, or the suffix of a FIM prompt). */
const END_MARKERS = ['<|endoftext|>', '<|im_end|>', '<|end|>', '<|fim_suffix|>', '<fim_suffix>', '<|file_separator|>', '<EOT>', '<SUF>', '<｜end▁of▁sentence｜>'];
/** The prompt's file wrapper, echoed as a line of its own. */
const FILE_TAG_LINE = /^[ \t]*<\/?file(?:\s+path="[^"\n]*")?>[ \t]*$/;
/** A file-name header some prompts put above the code (`// Path: src/app.ts`), echoed as the answer's first line. */
const PATH_HEADER = /^[ \t]*(?:\/\/|#|--|\/\*)[ \t]*(?:path|file|filename|file name)[ \t]*:[ \t]*[\w./\\-]+[ \t]*(?:\*\/)?[ \t]*(?:\n|$)/i;

/**
 * The answer without echoed markers. Text before a cursor marker that restates the end of the prefix goes
 * with it; text after one that restates the start of the suffix goes too; an end marker ends the answer.
 */
export function stripEchoedMarkers(answer: string, cursor: Cursor): string {
  const { prefix, suffix, style } = cursor;
  // A marker inside a string literal of the answer is the string's own text — unless the cursor is in a string.
  const inString = cursor.state !== 'code';
  let text = answer;
  for (const marker of END_MARKERS) {
    const at = markerAt(text, marker, style, inString);
    if (at >= 0) text = text.slice(0, at);
  }
  if (text.includes('<')) text = text.split('\n').filter((line) => !FILE_TAG_LINE.test(line)).join('\n');
  text = text.replace(PATH_HEADER, '');
  for (const marker of CURSOR_MARKERS) {
    for (let at = markerAt(text, marker, style, inString); at >= 0; at = markerAt(text, marker, style, inString)) {
      text = aroundMarker(text.slice(0, at), text.slice(at + marker.length), prefix, suffix);
    }
  }
  return text;
}

/** The first place `marker` stands in the answer as a marker — not inside a string literal of its code. */
function markerAt(text: string, marker: string, style: CommentStyle, inString: boolean): number {
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length)) {
    if (inString) return at;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const state = scanBrackets(text.slice(lineStart, at), style, () => undefined);
    if (state !== 'single' && state !== 'double' && state !== 'backtick') return at;
  }
  return -1;
}

/** What of the two sides of a cursor marker is the answer. */
function aroundMarker(before: string, after: string, prefix: string, suffix: string): string {
  const restatesPrefix = before.trim() === '' || endsWithIgnoringSpace(prefix, before);
  const restatesSuffix = after.trim() === '' || startsWithIgnoringSpace(suffix, after);
  if (restatesPrefix && !restatesSuffix) return after;
  if (restatesSuffix && !restatesPrefix) return before;
  if (!restatesPrefix) return before + after;
  // Both sides restate the document: the model answered nothing new, unless one side is empty.
  if (before.trim() === '') return after;
  return after.trim() === '' ? before : '';
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

function endsWithIgnoringSpace(text: string, tail: string): boolean {
  const t = squeeze(tail);
  return t.length > 0 && squeeze(text.slice(-Math.max(tail.length * 2, 200))).endsWith(t);
}

function startsWithIgnoringSpace(text: string, head: string): boolean {
  const h = squeeze(head);
  return h.length > 0 && squeeze(text.slice(0, Math.max(head.length * 2, 200))).startsWith(h);
}
