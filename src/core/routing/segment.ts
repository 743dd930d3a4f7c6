/**
 * Splitting input that no model can read at once. Tandem never truncates: every line of the input lands,
 * in order, in at least one segment, and each segment fits the token budget.
 */

export interface Segment {
  readonly text: string;
  /** 1-based, inclusive: the first and last line that `text` touches, context lines included. */
  readonly startLine: number;
  readonly endLine: number;
  /** How many leading lines of `text` repeat the end of the previous segment as context (not new input). */
  readonly overlapLines: number;
}

/** A whole line (with its line break), or a character slice of a line too long for one segment. */
interface Piece {
  readonly text: string;
  readonly line: number;
  readonly whole: boolean;
  readonly tokens: number;
}

/**
 * Packs whole lines greedily into segments of at most `maxTokensPerSegment` tokens. A line over the budget
 * on its own is cut on characters as a last resort. With `overlapLines`, each segment after the first
 * starts with up to that many preceding whole lines as context, as many as leave room for new input.
 */
export function splitIntoSegments(
  text: string,
  maxTokensPerSegment: number,
  countTokens: (s: string) => number,
  { overlapLines = 0 }: { overlapLines?: number } = {},
): Segment[] {
  if (!(maxTokensPerSegment >= 1)) throw new RangeError(`maxTokensPerSegment must be at least 1 (got ${maxTokensPerSegment})`);
  const max = Math.floor(maxTokensPerSegment);
  const wantOverlap = Math.max(0, Math.floor(overlapLines));
  const pieces = toPieces(text, max, countTokens);
  const tokensOf = (from: number, to: number): number => pieces.slice(from, to).reduce((n, p) => n + p.tokens, 0);
  const textOf = (from: number, to: number): string => pieces.slice(from, to).map((p) => p.text).join('');

  const segments: Segment[] = [];
  let i = 0;
  while (i < pieces.length) {
    // Context is whole lines only; a slice of a cut line would be a fragment, not context.
    let k = 0;
    while (k < wantOverlap && i - k - 1 >= 0 && pieces[i - k - 1].whole) k++;
    while (k > 0 && tokensOf(i - k, i + 1) > max) k--;

    let used = tokensOf(i - k, i + 1);
    let j = i + 1;
    while (j < pieces.length && used + pieces[j].tokens <= max) used += pieces[j++].tokens;

    // Per-line counts need not add up exactly (a tokenizer may merge across line breaks): check the real
    // text and give back lines until it fits. New input is kept before context; one piece always fits.
    let segmentText = textOf(i - k, j);
    while ((j - i > 1 || k > 0) && countTokens(segmentText) > max) {
      if (j - i > 1) j--;
      else k--;
      segmentText = textOf(i - k, j);
    }
    segments.push({ text: segmentText, startLine: pieces[i - k].line, endLine: pieces[j - 1].line, overlapLines: k });
    i = j;
  }
  return segments;
}

function toPieces(text: string, max: number, countTokens: (s: string) => number): Piece[] {
  if (text === '') return [];
  // Each line keeps its own line break, so joining pieces gives the input back byte for byte.
  return text.split(/(?<=\n)/).flatMap((line, index) => {
    const tokens = countTokens(line);
    return tokens <= max ? [{ text: line, line: index + 1, whole: true, tokens }] : cutLine(line, index + 1, tokens, max, countTokens);
  });
}

/** A line over the budget, cut into the longest prefixes that fit. */
function cutLine(line: string, lineNumber: number, lineTokens: number, max: number, countTokens: (s: string) => number): Piece[] {
  const pieces: Piece[] = [];
  let rest = line;
  let restTokens = lineTokens;
  while (restTokens > max) {
    const cut = longestPrefixWithin(rest, restTokens, max, countTokens);
    const head = rest.slice(0, cut);
    pieces.push({ text: head, line: lineNumber, whole: false, tokens: countTokens(head) });
    rest = rest.slice(cut);
    restTokens = countTokens(rest);
  }
  if (rest !== '') pieces.push({ text: rest, line: lineNumber, whole: false, tokens: restTokens });
  return pieces;
}

/**
 * Binary search for the longest prefix of at most `max` tokens, starting from a guess at the string's own
 * characters-per-token. At least one character (whole code point) is taken, so the cut always moves on.
 */
function longestPrefixWithin(s: string, sTokens: number, max: number, countTokens: (s: string) => number): number {
  let fits = 0;
  let over = s.length;
  let probe = Math.min(s.length - 1, Math.max(1, Math.floor((s.length * max) / sTokens)));
  while (over - fits > 1) {
    if (countTokens(s.slice(0, probe)) <= max) fits = probe;
    else over = probe;
    probe = Math.floor((fits + over) / 2);
  }
  let cut = Math.max(1, fits);
  // Never separate the two halves of a surrogate pair (an emoji would turn into two invalid characters).
  if (isHighSurrogate(s.charCodeAt(cut - 1)) && cut < s.length) cut = cut > 1 ? cut - 1 : cut + 1;
  return cut;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
