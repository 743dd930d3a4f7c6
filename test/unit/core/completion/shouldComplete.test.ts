import assert from 'node:assert/strict';
import { skipReason } from '../../../../src/core/completion/trigger/shouldComplete';

describe('completion trigger rule', () => {
  const cases: [string, string, string, ReturnType<typeof skipReason>][] = [
    ['end of a line', '  const total = ', '', undefined],
    ['before auto-closed brackets', 'print(', ')', undefined],
    ['before closers and a semicolon', 'call(a, [', ']);', undefined],
    ['before a closing quote', "const s = 'he", "'", undefined],
    ['in the middle of a word', 'cons', 'ole.log(x)', 'mid-word'],
    ['before a word further on the line', 'x = ', 'compute(y)', 'before-word'],
    ['after a space before a word', 'return ', 'value;', 'before-word'],
    ['a slot before a separator', 'const user = await getUser(', ', options);', undefined],
    ['a slot between SQL clauses', 'SELECT * FROM users WHERE ', ' ORDER BY name', undefined],
    ['a slot before an operator', 'const url = base + ', ' + query;', undefined],
  ];
  for (const [name, before, after, expected] of cases) {
    it(`${name}: ${expected ?? 'completes'}`, () => assert.equal(skipReason(before, after, false, false), expected));
  }

  it('an empty document waits for the first keystroke, unless asked explicitly', () => {
    assert.equal(skipReason('', '', true, false), 'empty-document');
    assert.equal(skipReason('', '', true, true), undefined);
  });

  it('without mid-line slots, code after the cursor means no automatic request', () => {
    assert.equal(skipReason('WHERE ', ' ORDER BY name', false, false, false), 'text-after-cursor');
    assert.equal(skipReason('print(', ')', false, false, false), undefined);
  });

  it('an explicit request is answered even mid-line', () => assert.equal(skipReason('x = ', 'compute(y)', false, true), undefined));
});
