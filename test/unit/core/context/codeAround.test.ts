import assert from 'node:assert/strict';
import { codeAround } from '../../../../src/core/context/codeAround';

const lines = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`);

describe('code around the cursor', () => {
  const text = lines(1, 100).join('\n');
  const cursor = text.indexOf('line 50') + 4; // inside line 50

  it('keeps everything when it fits, split at the cursor', () => {
    const around = codeAround(text, cursor, cursor, 10_000);
    assert.equal(around.before + around.after, text);
    assert.ok(around.before.endsWith('line'));
    assert.equal(around.cutBefore || around.cutAfter, false);
  });

  it('cuts on whole lines within the budget, more before than after, and says so', () => {
    const around = codeAround(text, cursor, cursor, 40); // 128 characters
    assert.ok(around.before.startsWith('line '), 'whole lines');
    assert.ok(around.before.length + around.after.length <= 128 + 'line 50'.length);
    assert.ok(around.before.length > around.after.length);
    assert.equal(around.cutBefore, true);
    assert.equal(around.cutAfter, true);
    assert.ok(around.after.startsWith(' 50\nline 51'));
  });

  it('gives the share the end of the file does not need to the code before', () => {
    const end = text.length;
    const around = codeAround(text, end, end, 40);
    assert.equal(around.after, '');
    assert.equal(around.cutAfter, false);
    assert.ok(around.before.length > 100, 'the whole budget went before the cursor');
  });

  it('carries the selection apart, with the rest of its lines around it', () => {
    const start = text.indexOf('line 10');
    const end = text.indexOf('line 12') + 'line 12'.length;
    const around = codeAround(text, start, end, 10_000);
    assert.equal(around.selection, 'line 10\nline 11\nline 12');
    assert.ok(around.before.endsWith('line 9\n'));
    assert.ok(around.after.startsWith('\nline 13'));
  });
});
