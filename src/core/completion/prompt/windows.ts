import { OPENAI_CHARS_PER_TOKEN } from '../../tokens/estimate';

/** The lines a window's start moves by: typing inside a region leaves the prompt's start unchanged. */
const START_STEP_LINES = 16;

/**
 * The part of the prefix the prompt carries: whole lines, within the budget, starting on a line whose
 * number is a multiple of 16. Each keystroke would otherwise shift the start by a line now and then,
 * and a prompt whose beginning changes cannot be served from the provider's prompt cache.
 * `firstLine` is the document line the given prefix starts on.
 */
export function prefixWindow(prefix: string, firstLine: number, budgetTokens: number): string {
  const budget = budgetTokens * OPENAI_CHARS_PER_TOKEN;
  if (prefix.length <= budget) return prefix;
  // The earliest start inside the budget, moved on to the next line boundary…
  let start = prefix.indexOf('\n', prefix.length - budget - 1) + 1;
  if (start === 0) return prefix.slice(prefix.lastIndexOf('\n') + 1);
  // …and then on to the next line whose number is a multiple of the step.
  let line = firstLine + countLines(prefix, start);
  while (line % START_STEP_LINES !== 0) {
    const next = prefix.indexOf('\n', start) + 1;
    if (next === 0) break;
    start = next;
    line++;
  }
  return prefix.slice(start);
}

/** The part of the suffix the prompt carries: whole lines within the budget, the cursor's line always. */
export function suffixWindow(suffix: string, budgetTokens: number): string {
  const budget = budgetTokens * OPENAI_CHARS_PER_TOKEN;
  if (suffix.length <= budget) return suffix;
  const firstLineEnd = suffix.indexOf('\n');
  if (firstLineEnd < 0 || firstLineEnd >= budget) return suffix.slice(0, firstLineEnd < 0 ? suffix.length : firstLineEnd);
  return suffix.slice(0, suffix.lastIndexOf('\n', budget));
}

function countLines(text: string, end: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
