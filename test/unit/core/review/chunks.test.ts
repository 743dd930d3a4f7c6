import assert from 'node:assert/strict';
import { REVIEW_CHUNK_DEFAULTS, reviewChunks, type ReviewChunk } from '../../../../src/core/review/chunks';

/** The properties every split must have, whatever its inputs. */
function assertValidSplit(chunks: readonly ReviewChunk[], first: number, last: number, lineCount: number, maxLines: number, overlap: number): void {
  const at = `${first}–${last} of ${lineCount}, max ${maxLines}, overlap ${overlap}`;
  assert.ok(chunks.length >= 1, at);
  assert.equal(chunks[0].firstLine, first, `${at}: starts at the first line`);
  assert.equal(chunks[chunks.length - 1].lastLine, last, `${at}: ends at the last line`);
  chunks.forEach((c, i) => {
    if (i > 0) assert.equal(c.firstLine, chunks[i - 1].lastLine + 1, `${at}: chunk ${i} follows the previous one with no gap or overlap`);
    assert.ok(c.firstLine <= c.lastLine && c.lastLine - c.firstLine + 1 <= maxLines, `${at}: chunk ${i} holds 1..maxLines lines`);
    assert.equal(c.contextFirstLine, Math.max(1, c.firstLine - overlap), `${at}: chunk ${i} context before`);
    assert.equal(c.contextLastLine, Math.min(lineCount, c.lastLine + overlap), `${at}: chunk ${i} context after`);
  });
  assert.equal(chunks.length, Math.ceil((last - first + 1) / maxLines), `${at}: as few chunks as possible`);
  const sizes = chunks.map((c) => c.lastLine - c.firstLine + 1);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `${at}: balanced sizes ${sizes.join(',')}`);
}

describe('reviewChunks', () => {
  it('one chunk when the range fits, with context around it inside the document', () => {
    assert.deepEqual(reviewChunks(1, 200, 200, REVIEW_CHUNK_DEFAULTS), [{ firstLine: 1, lastLine: 200, contextFirstLine: 1, contextLastLine: 200 }]);
    assert.deepEqual(reviewChunks(50, 60, 300, REVIEW_CHUNK_DEFAULTS), [{ firstLine: 50, lastLine: 60, contextFirstLine: 30, contextLastLine: 80 }]);
    assert.deepEqual(reviewChunks(5, 5, 8, REVIEW_CHUNK_DEFAULTS), [{ firstLine: 5, lastLine: 5, contextFirstLine: 1, contextLastLine: 8 }]);
  });

  it('splits a long file into balanced chunks with overlapping context', () => {
    assert.deepEqual(reviewChunks(1, 1000, 1000, REVIEW_CHUNK_DEFAULTS), [
      { firstLine: 1, lastLine: 334, contextFirstLine: 1, contextLastLine: 354 },
      { firstLine: 335, lastLine: 667, contextFirstLine: 315, contextLastLine: 687 },
      { firstLine: 668, lastLine: 1000, contextFirstLine: 648, contextLastLine: 1000 },
    ]);
  });

  it('exactly maxLines is one chunk, one more line is two', () => {
    assert.equal(reviewChunks(1, 400, 400, REVIEW_CHUNK_DEFAULTS).length, 1);
    assert.deepEqual(reviewChunks(1, 401, 401, REVIEW_CHUNK_DEFAULTS).map((c) => [c.firstLine, c.lastLine]), [[1, 201], [202, 401]]);
  });

  it('a long selection in the middle of a file gets context beyond the selection', () => {
    const chunks = reviewChunks(381, 1200, 5000, REVIEW_CHUNK_DEFAULTS);
    assert.equal(chunks[0].contextFirstLine, 361);
    assert.equal(chunks[chunks.length - 1].contextLastLine, 1220);
    assertValidSplit(chunks, 381, 1200, 5000, 400, 20);
  });

  it('partitions every range exactly, for many sizes and options', () => {
    for (const lineCount of [1, 2, 7, 399, 400, 401, 799, 800, 801, 1234]) {
      for (const [maxLines, overlap] of [[1, 0], [3, 1], [50, 5], [400, 20], [400, 0], [1000, 500]]) {
        for (const [first, last] of [[1, lineCount], [Math.ceil(lineCount / 3), lineCount], [1, Math.ceil(lineCount / 2)]]) {
          assertValidSplit(reviewChunks(first, last, lineCount, { maxLines, overlapLines: overlap }), first, last, lineCount, maxLines, overlap);
        }
      }
    }
  });

  it('no overlap: the shown lines are the chunk\'s own', () => {
    for (const c of reviewChunks(1, 10, 10, { maxLines: 3, overlapLines: 0 })) {
      assert.deepEqual([c.contextFirstLine, c.contextLastLine], [c.firstLine, c.lastLine]);
    }
  });

  it('refuses ranges that are not in the document and impossible options', () => {
    const bad: [number, number, number, { maxLines: number; overlapLines: number }][] = [
      [0, 5, 10, REVIEW_CHUNK_DEFAULTS],
      [6, 5, 10, REVIEW_CHUNK_DEFAULTS],
      [1, 11, 10, REVIEW_CHUNK_DEFAULTS],
      [1.5, 5, 10, REVIEW_CHUNK_DEFAULTS],
      [1, 5, 10, { maxLines: 0, overlapLines: 0 }],
      [1, 5, 10, { maxLines: 10, overlapLines: -1 }],
    ];
    for (const [first, last, count, options] of bad) assert.throws(() => reviewChunks(first, last, count, options), RangeError);
  });

  it('defaults: 400 lines per chunk, 20 lines of context', () => {
    assert.deepEqual(REVIEW_CHUNK_DEFAULTS, { maxLines: 400, overlapLines: 20 });
  });
});
