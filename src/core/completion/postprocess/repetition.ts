/**
 * Class "repetition": a model caught in a loop repeats a line or a block of lines until the token limit. The
 * answer is cut where a repeat starts. A single line counts only when it is substantial (an import, a call),
 * so `i++;` twice or a row of closers stay (a third time it is a loop); lines that differ (`a[0] = 0;`, `a[1] = 0;`) never match.
 */
import { type Cursor, isBlank, isCloserLine, leadingWhitespace, sameShape } from './cursor';

/** A repeated single line must have at least this many characters besides whitespace to count as a loop. */
const SUBSTANTIAL_LINE_CHARS = 8;
/** How many times a fragment must come over in a line for the line to be a loop. */
const LOOPING_LINE_PERIODS = 4;
/** Blocks alike but for their names, in a row to the end of the answer, that make a loop. */
const LOOK_ALIKE_BLOCKS = 3;
/** The longest block checked for an immediate repeat. */
const MAX_BLOCK_LINES = 10;

export function dropRepetition(code: string, cursor: Cursor): string {
  const lines = code.split('\n');
  // The first line starts at the cursor: with the text before it, it is a whole line like the others.
  const whole = [cursor.lineBefore + lines[0], ...lines.slice(1)];
  // Blank lines between the copies do not matter: compare the non-blank lines.
  const at = whole.map((line, index) => ({ line, index })).filter(({ line }) => !isBlank(line));
  const texts = at.map(({ line }) => line.trimEnd());
  for (let i = 0; i < texts.length; i++) {
    // A line that is one fragment over and over (`bar = bar = bar = …`) is the loop itself.
    if (isPeriodic(lines[at[i].index].trim())) return lines.slice(0, at[i].index).join('\n');
    for (let k = 1; k <= Math.min(i, texts.length - i, MAX_BLOCK_LINES); k++) {
      if (repeatsBlock(texts, i, k)) return lines.slice(0, at[i].index).join('\n');
    }
  }
  const run = lookAlikeRun(texts);
  return run === undefined ? code : lines.slice(0, at[run].index).join('\n');
}

/** Whether lines [i, i+k) repeat lines [i-k, i) exactly, and that block is worth calling a loop. */
function repeatsBlock(lines: readonly string[], i: number, k: number): boolean {
  for (let j = 0; j < k; j++) if (lines[i - k + j] !== lines[i + j]) return false;
  const block = lines.slice(i - k, i).filter((line) => !isCloserLine(line));
  if (block.length === 0) return false;
  if (k > 1) return !block.every((line) => line === block[0]); // a run of one line is judged as k = 1
  // A short line counts once it comes a third time in a row (`ping();` ten times), a substantial one at once.
  return block[0].replace(/\s/g, '').length >= SUBSTANTIAL_LINE_CHARS || lines[i + 1] === block[0];
}

/** A line that is one fragment of two or more characters repeated at least four times (the last one maybe cut short). */
function isPeriodic(text: string): boolean {
  for (let period = 2; period * LOOPING_LINE_PERIODS <= text.length; period++) {
    let periodic = true;
    for (let i = period; i < text.length && periodic; i++) periodic = text[i] === text[i - period];
    // A fragment with a word in it: rows of `=` or `-`, or `0x00`s, are rulers and data, not loops.
    if (periodic && /[\p{L}_$]/u.test(text.slice(0, period))) return true;
  }
  return false;
}

/**
 * Where a run of look-alike blocks starts repeating: three or more blocks of two or more lines, alike but for
 * their names (`stepB`, `stepC`, `stepD` …), that run to the end of the answer where the token limit cut
 * the last one short: a loop. The first block stays; a complete run (three `case`s) is the answer's own.
 */
function lookAlikeRun(texts: readonly string[]): number | undefined {
  const alike = (a: string, b: string) => leadingWhitespace(a) === leadingWhitespace(b) && sameShape(a, b);
  for (let k = 2; k <= MAX_BLOCK_LINES; k++) {
    for (let i = 0; i + LOOK_ALIKE_BLOCKS * k <= texts.length; i++) {
      if (!texts.slice(i, i + k).some((line) => /[A-Za-z_]{2}/.test(line))) continue; // rows of data are not loops
      let end = i + k;
      let cutShort = false;
      while (end < texts.length) {
        const block = texts.slice(end, end + k);
        const last = block.length - 1;
        // The last block may stop early, its last line cut off by the token limit.
        const fits = block.every((line, j) => alike(line, texts[i + j]) || (end + j === texts.length - 1 && texts[i + j].trim().startsWith(line.trim().slice(0, 4)) && line.trim().length < texts[i + j].trim().length));
        if (!fits) break;
        cutShort = !alike(block[last], texts[i + last]);
        end += block.length;
      }
      if (end === texts.length && cutShort && end - i >= LOOK_ALIKE_BLOCKS * k) return i + k;
    }
  }
  return undefined;
}
