import { diffChars } from 'diff';

/**
 * The share (0–1) of `inserted` still present in `now`, the text of the region it was inserted into as it is
 * today: the characters of the longest common subsequence of the two over the inserted length. Text the user
 * added around or inside it does not lower the share; text removed or rewritten does. Myers' diff (jsdiff)
 * finds that subsequence in O(N·D), so a block that was barely touched costs next to nothing to measure.
 */
export function survivalShare(inserted: string, now: string): number {
  if (inserted.length === 0) return 1;
  let kept = 0;
  for (const part of diffChars(inserted, now)) {
    if (!part.added && !part.removed) kept += part.value.length;
  }
  return kept / inserted.length;
}
