/** One review call's share of a range: the lines it answers for, and the lines it is shown. */
export interface ReviewChunk {
  /** The lines this chunk is responsible for (1-based, inclusive). */
  readonly firstLine: number;
  readonly lastLine: number;
  /** The lines shown to the model, including the overlap context on each side. */
  readonly contextFirstLine: number;
  readonly contextLastLine: number;
}

export interface ChunkOptions {
  /** Most lines one chunk answers for (it is shown up to 2 × overlapLines more). */
  readonly maxLines: number;
  readonly overlapLines: number;
}

/**
 * 400 lines (roughly 4–6K tokens of code) keeps each answer focused: a model checking rules over a long
 * file misses more violations than over several shorter parts, and the cached rules prefix makes the extra
 * calls cheap. 20 lines of context on each side let a chunk see the function or block around its edges.
 */
export const REVIEW_CHUNK_DEFAULTS: ChunkOptions = { maxLines: 400, overlapLines: 20 };

/**
 * Splits lines firstLine..lastLine of a document of lineCount lines into as few chunks as maxLines allows,
 * of nearly equal size (no 3-line tail chunk). The responsibility ranges partition the range exactly.
 */
export function reviewChunks(firstLine: number, lastLine: number, lineCount: number, options: ChunkOptions): ReviewChunk[] {
  const { maxLines, overlapLines } = options;
  if (![firstLine, lastLine, lineCount, maxLines, overlapLines].every(Number.isInteger) || maxLines < 1 || overlapLines < 0) {
    throw new RangeError(`Cannot split into review chunks of ${maxLines} lines with ${overlapLines} lines of overlap.`);
  }
  if (firstLine < 1 || firstLine > lastLine || lastLine > lineCount) {
    throw new RangeError(`Lines ${firstLine}–${lastLine} are not a range of a document with ${lineCount} lines.`);
  }
  const total = lastLine - firstLine + 1;
  const count = Math.ceil(total / maxLines);
  const size = Math.floor(total / count);
  const longer = total % count; // the first `longer` chunks take one extra line
  const chunks: ReviewChunk[] = [];
  let first = firstLine;
  for (let i = 0; i < count; i++) {
    const last = first + size - 1 + (i < longer ? 1 : 0);
    chunks.push({ firstLine: first, lastLine: last, contextFirstLine: Math.max(1, first - overlapLines), contextLastLine: Math.min(lineCount, last + overlapLines) });
    first = last + 1;
  }
  return chunks;
}
