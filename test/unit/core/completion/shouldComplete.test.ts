import assert from 'node:assert/strict';
import { skipReason } from '../../../../src/core/completion/trigger/shouldComplete';

describe('completion trigger rule', () => {
  const cases: [string, string, string, ReturnType<typeof skipReason>][] = [
    ['end of a line', '  const total = ', '', undefined],
    ['before auto-closed brackets', 'print(', ')', undefined],
    ['before closers and a semicolon', 'call(a, [', ']);', undefined],
    ['before a closing quote', "const s = 'he", "'", undefined],
    ['in the middle of a word', 'cons', 'ole.log(x)', 'mid-word'],
    ['before other code on the line', 'x = ', 'compute(y)', 'text-after-cursor'],
    ['after a space before a word', 'return ', 'value;', 'text-after-cursor'],
  ];
  for (const [name, before, after, expected] of cases) {
    it(`${name}: ${expected ?? 'completes'}`, () => assert.equal(skipReason(before, after, false, false), expected));
  }

  it('an empty document waits for the first keystroke, unless asked explicitly', () => {
    assert.equal(skipReason('', '', true, false), 'empty-document');
    assert.equal(skipReason('', '', true, true), undefined);
  });

  it('an explicit request is answered even mid-line', () => assert.equal(skipReason('x = ', 'compute(y)', false, true), undefined));
});
