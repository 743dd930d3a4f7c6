/** Why a position gets no completion request at all (before any debounce or cache work). */
export type SkipReason = 'mid-word' | 'before-word' | 'text-after-cursor' | 'empty-document';

/** Characters that may follow the cursor on its line and still leave room to insert: closers and separators. */
const CLOSERS_ONLY = /^[\s)\]}>'"`;,:]*$/;
const WORD_CHAR = /[\p{L}\p{N}_$]/u;

/**
 * The trigger rule: complete at the end of a line, before nothing but closing brackets, quotes and
 * separators (what an editor's auto-closing leaves after the cursor), and — with `midLineSlots` — at a slot
 * in the middle of a line: where the next character is not part of a word (see parameters.ts for the
 * evidence). Glued to a word, an insertion would collide with it, so asking costs money for a suggestion
 * that cannot fit. An explicit request (the user pressed the trigger key) is always answered.
 */
export function skipReason(linePrefix: string, lineSuffix: string, documentEmpty: boolean, explicit: boolean, midLineSlots = true): SkipReason | undefined {
  if (explicit) return undefined;
  if (documentEmpty) return 'empty-document';
  const wordAfter = lineSuffix.length > 0 && WORD_CHAR.test(lineSuffix[0]);
  if (wordAfter && linePrefix.length > 0 && WORD_CHAR.test(linePrefix[linePrefix.length - 1])) return 'mid-word';
  if (CLOSERS_ONLY.test(lineSuffix)) return undefined;
  if (!midLineSlots) return 'text-after-cursor';
  return wordAfter ? 'before-word' : undefined;
}
