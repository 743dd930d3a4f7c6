import { CLAUDE_CHARS_PER_TOKEN } from '../tokens/estimate';

/** The code around a cursor or selection that a prompt carries, cut on line boundaries. */
export interface CodeAround {
  /** From the first line kept to the cursor (or the selection's start). */
  readonly before: string;
  /** The selected text ('' for a cursor). */
  readonly selection: string;
  /** From the cursor (or the selection's end) to the last line kept. */
  readonly after: string;
  /** True when lines before / after were left out for the budget. */
  readonly cutBefore: boolean;
  readonly cutAfter: boolean;
}

/** Share of the budget for the code before the cursor: what leads up to it says most about what comes next. */
const BEFORE_SHARE = 0.7;

/**
 * The text around [start, end) within a token budget (a cautious estimate: Claude's characters per
 * token, which overcounts for GPT). Whole lines only; the lines holding the cursor or selection are
 * always kept. A share the other side does not need is given to this one.
 */
export function codeAround(text: string, start: number, end: number, budgetTokens: number): CodeAround {
  const budget = Math.max(0, Math.floor(budgetTokens * CLAUDE_CHARS_PER_TOKEN));
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl;
  const headLines = text.slice(0, lineStart).split('\n').slice(0, -1); // whole lines before the cursor's
  const tailLines = lineEnd >= text.length ? [] : text.slice(lineEnd + 1).split('\n');
  const headChars = lineStart;
  const tailChars = text.length - lineEnd;

  let beforeBudget = Math.floor(budget * BEFORE_SHARE);
  let afterBudget = budget - beforeBudget;
  if (tailChars < afterBudget) beforeBudget += afterBudget - tailChars;
  if (headChars < beforeBudget) afterBudget += beforeBudget - headChars;

  const keptHead = takeLines(headLines.reverse(), beforeBudget).reverse();
  const keptTail = takeLines(tailLines, afterBudget);
  const before = keptHead.map((l) => `${l}\n`).join('') + text.slice(lineStart, start);
  const after = text.slice(end, lineEnd) + keptTail.map((l) => `\n${l}`).join('');
  return {
    before,
    selection: text.slice(start, end),
    after,
    cutBefore: keptHead.length < headLines.length,
    cutAfter: keptTail.length < tailLines.length,
  };
}

/** Lines from the start of `lines` while they fit in `chars` (newline included). */
function takeLines(lines: readonly string[], chars: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    used += line.length + 1;
    if (used > chars) break;
    kept.push(line);
  }
  return kept;
}
