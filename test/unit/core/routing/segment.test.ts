import assert from 'node:assert/strict';
import { countTokens as gptTokens } from 'gpt-tokenizer';
import { splitIntoSegments, type Segment } from '../../../../src/core/routing/segment';

/** One token per character: budgets can be worked by hand. */
const chars = (s: string): number => s.length;

const linesOf = (text: string): string[] => (text === '' ? [] : text.split(/(?<=\n)/));

/** The new input of each segment, context lines removed, joined back together. */
function rejoin(segments: readonly Segment[]): string {
  return segments.map((s) => linesOf(s.text).slice(s.overlapLines).join('')).join('');
}

/** Every property a caller relies on, for any input and counter. */
function assertSound(text: string, segments: readonly Segment[], max: number, count: (s: string) => number): void {
  assert.equal(rejoin(segments), text, 'the input comes back exactly, in order');
  const lines = linesOf(text);
  for (const s of segments) {
    assert.ok(count(s.text) <= max, `segment of lines ${s.startLine}–${s.endLine} is ${count(s.text)} tokens, over ${max}`);
    assert.ok(s.startLine >= 1 && s.startLine <= s.endLine && s.endLine <= lines.length);
    assert.ok(lines.slice(s.startLine - 1, s.endLine).join('').includes(s.text), `text matches lines ${s.startLine}–${s.endLine}`);
  }
  if (segments.length > 0) {
    assert.equal(segments[0].startLine, 1);
    assert.equal(segments[segments.length - 1].endLine, lines.length);
  }
}

const numbered = (n: number): string => Array.from({ length: n }, (_, i) => `line ${String(i + 1).padStart(2, '0')}\n`).join('');

describe('splitIntoSegments', () => {
  it('returns input that fits as one segment, unchanged', () => {
    const text = 'select 1;\nselect 2;';
    assert.deepEqual(splitIntoSegments(text, 100, chars), [{ text, startLine: 1, endLine: 2, overlapLines: 0 }]);
  });

  it('returns nothing for empty input', () => {
    assert.deepEqual(splitIntoSegments('', 100, chars), []);
  });

  it('splits on line boundaries, with the right line numbers', () => {
    // Ten 8-character lines, 20 tokens a segment: two lines (16) fit, three (24) do not.
    const text = numbered(10);
    const segments = splitIntoSegments(text, 20, chars);
    assert.deepEqual(segments.map((s) => [s.startLine, s.endLine]), [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]);
    assert.equal(segments[1].text, 'line 03\nline 04\n');
    assertSound(text, segments, 20, chars);
  });

  it('keeps CRLF line endings and a missing final newline byte for byte', () => {
    const text = 'a = 1\r\nb = 2\r\n\r\nc = 3';
    // Lines of 7, 7, 2 and 5 characters in 8 tokens: [1], [2], [3–4].
    const segments = splitIntoSegments(text, 8, chars);
    assertSound(text, segments, 8, chars);
    assert.deepEqual(segments.map((s) => [s.startLine, s.endLine]), [[1, 1], [2, 2], [3, 4]]);
  });

  it('starts each later segment with the previous lines as context', () => {
    // 8-character lines, 40 tokens: 2 context lines + 3 new lines per segment after the first (5 in the first).
    const text = numbered(12);
    const segments = splitIntoSegments(text, 40, chars, { overlapLines: 2 });
    assert.deepEqual(segments.map((s) => [s.startLine, s.endLine, s.overlapLines]), [[1, 5, 0], [4, 8, 2], [7, 11, 2], [10, 12, 2]]);
    assert.equal(segments[1].text, 'line 04\nline 05\nline 06\nline 07\nline 08\n');
    assertSound(text, segments, 40, chars);
  });

  it('gives up context before new input when the budget is tight, and still moves on', () => {
    // 16 tokens hold two lines: one line of context and one new line, never three context lines.
    const text = numbered(5);
    const segments = splitIntoSegments(text, 16, chars, { overlapLines: 3 });
    assert.deepEqual(segments.map((s) => [s.startLine, s.endLine, s.overlapLines]), [[1, 2, 0], [2, 3, 1], [3, 4, 1], [4, 5, 1]]);
    assertSound(text, segments, 16, chars);
  });

  it('cuts a single line longer than the budget on characters, dropping nothing', () => {
    const minified = 'x'.repeat(1000);
    const text = `// header\n${minified}\n// footer\n`;
    const segments = splitIntoSegments(text, 64, chars, { overlapLines: 1 });
    assertSound(text, segments, 64, chars);
    const middle = segments.filter((s) => s.startLine === 2 && s.endLine === 2);
    assert.ok(middle.length >= 15, 'the long line is spread over many segments');
    assert.ok(middle.every((s) => s.overlapLines === 0), 'a slice of a line is never used as context');
  });

  it('never cuts an emoji in half', () => {
    // 50 emoji = 100 UTF-16 units; a 7-unit budget would land inside a pair every time.
    const text = '😀'.repeat(50);
    const segments = splitIntoSegments(text, 7, chars);
    assertSound(text, segments, 7, chars);
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const s of segments) assert.doesNotMatch(s.text, loneSurrogate);
  });

  it('checks the real count of each segment when a tokenizer does not add up line by line', () => {
    // A counter that charges 3 more for text spanning several lines: summed per-line counts underestimate.
    const merging = (s: string): number => s.length + ((s.match(/\n/g)?.length ?? 0) > 1 ? 3 : 0);
    const text = numbered(9);
    const segments = splitIntoSegments(text, 24, merging);
    assertSound(text, segments, 24, merging);
    assert.deepEqual(segments.map((s) => [s.startLine, s.endLine]), [[1, 2], [3, 4], [5, 6], [7, 8], [9, 9]]);
  });

  it('works with a real tokenizer on code and a minified line', () => {
    const code = Array.from({ length: 300 }, (_, i) => `export function f${i}(a: number): number { return a * ${i} + ${i % 7}; }\n`).join('');
    const text = `${code}${'var a=1,b=2;function c(d){return d+a*b};'.repeat(400)}\n${code}`;
    const segments = splitIntoSegments(text, 500, gptTokens, { overlapLines: 3 });
    assertSound(text, segments, 500, gptTokens);
    assert.ok(segments.length > 10);
  });

  it('refuses a budget under one token instead of looping', () => {
    assert.throws(() => splitIntoSegments('a\n', 0, chars), RangeError);
  });
});
