/**
 * Class "repetition": a model caught in a loop repeats a line or a block of lines until the token limit. The
 * answer is cut where a repeat starts. A single line counts only when it is substantial (an import, a call),
 * so `i++;` twice or a row of closers stay; lines that differ (`a[0] = 0;`, `a[1] = 0;`) never match.
 */
import { type Cursor, isBlank, isCloserLine } from './cursor';

/** A repeated single line must have at least this many characters besides whitespace to count as a loop. */
const SUBSTANTIAL_LINE_CHARS = 8;
/** The longest block checked for an immediate repeat. */
const MAX_BLOCK_LINES = 10;

export function dropRepetition(code: string, cursor: Cursor): string {
  const lines = code.split('\n');
  // The first line starts at the cursor; on a blank line its indentation is the line's.
  const whole = isBlank(cursor.lineBefore) ? [cursor.lineBefore + lines[0], ...lines.slice(1)] : lines;
  // Blank lines between the copies do not matter: compare the non-blank lines.
  const at = whole.map((line, index) => ({ line, index })).filter(({ line }) => !isBlank(line));
  const texts = at.map(({ line }) => line.trimEnd());
  for (let i = 1; i < texts.length; i++) {
    for (let k = 1; k <= Math.min(i, texts.length - i, MAX_BLOCK_LINES); k++) {
      if (repeatsBlock(texts, i, k)) return lines.slice(0, at[i].index).join('\n');
    }
  }
  return code;
}

/** Whether lines [i, i+k) repeat lines [i-k, i) exactly, and that block is worth calling a loop. */
function repeatsBlock(lines: readonly string[], i: number, k: number): boolean {
  for (let j = 0; j < k; j++) if (lines[i - k + j] !== lines[i + j]) return false;
  const block = lines.slice(i - k, i).filter((line) => !isCloserLine(line));
  if (block.length === 0) return false;
  return k > 1 || block[0].replace(/\s/g, '').length >= SUBSTANTIAL_LINE_CHARS;
}
