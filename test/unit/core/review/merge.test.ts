import assert from 'node:assert/strict';
import type { Finding } from '../../../../src/core/review/findings';
import { mergeFindings } from '../../../../src/core/review/merge';

const f = (ruleId: string, startLine: number, endLine: number, over: Partial<Finding> = {}): Finding => ({
  ruleId, severity: 'warning', startLine, endLine, message: `${ruleId} at ${startLine}–${endLine}`, ...over,
});

describe('mergeFindings', () => {
  it('the same violation from two overlapping chunks is reported once', () => {
    const a = f('ERR-1', 395, 398, { replacement: 'fixed' });
    assert.deepEqual(mergeFindings([[f('SEC-1', 10, 10), a], [{ ...a }, f('SEC-1', 700, 702)]]), [f('SEC-1', 10, 10), a, f('SEC-1', 700, 702)]);
  });

  it('overlapping findings of one rule: the more severe one is kept, with its own range and replacement', () => {
    const wide = f('ERR-1', 395, 410, { severity: 'warning', replacement: 'whole function' });
    const narrow = f('ERR-1', 401, 403, { severity: 'error', replacement: 'the catch block' });
    assert.deepEqual(mergeFindings([[wide], [narrow]]), [narrow]);
    assert.deepEqual(mergeFindings([[narrow], [wide]]), [narrow], 'whatever the order');
  });

  it('equal severity: the wider range wins, then the one with a replacement, then the first given', () => {
    const narrow = f('NAME-1', 5, 5, { replacement: 'isReady' });
    const wide = f('NAME-1', 4, 6);
    assert.deepEqual(mergeFindings([[narrow, wide]]), [wide]);
    const withFix = f('NAME-1', 5, 6, { message: 'with fix', replacement: 'x' });
    const withoutFix = f('NAME-1', 5, 6, { message: 'no fix' });
    assert.deepEqual(mergeFindings([[withoutFix], [withFix]]), [withFix]);
    const first = f('NAME-1', 5, 6, { message: 'first', replacement: 'a' });
    const second = f('NAME-1', 5, 6, { message: 'second', replacement: 'b' });
    assert.deepEqual(mergeFindings([[first], [second]]), [first], 'differing replacements: the kept finding\'s own, never a mix');
  });

  it('different rules on the same lines are both kept', () => {
    assert.deepEqual(mergeFindings([[f('SEC-1', 3, 3)], [f('NAME-1', 3, 3)]]), [f('NAME-1', 3, 3), f('SEC-1', 3, 3)]);
  });

  it('adjacent findings of one rule are two violations, each with its own fix', () => {
    const ten = f('LOG-1', 10, 10, { replacement: '' });
    const eleven = f('LOG-1', 11, 11, { replacement: '' });
    assert.deepEqual(mergeFindings([[ten], [eleven]]), [ten, eleven]);
  });

  it('a chain of overlaps keeps findings that do not overlap any kept one', () => {
    const kept = f('ERR-1', 5, 10, { severity: 'error' });
    const result = mergeFindings([[f('ERR-1', 1, 5), kept, f('ERR-1', 10, 15), f('ERR-1', 16, 20)]]);
    assert.deepEqual(result, [kept, f('ERR-1', 16, 20)]);
  });

  it('sorts by start line, then rule id', () => {
    const result = mergeFindings([[f('b', 9, 9), f('a', 9, 12), f('a', 2, 2), f('c', 1, 40)], [f('a', 8, 8)]]);
    assert.deepEqual(result.map((x) => `${x.startLine}:${x.ruleId}:${x.endLine}`), ['1:c:40', '2:a:2', '8:a:8', '9:a:12', '9:b:9']);
  });

  it('leaves the input lists alone, and merges nothing to nothing', () => {
    const list = [f('b', 9, 9), f('a', 1, 1)];
    const copy = structuredClone(list);
    mergeFindings([list]);
    assert.deepEqual(list, copy);
    assert.deepEqual(mergeFindings([]), []);
    assert.deepEqual(mergeFindings([[], []]), []);
  });
});
