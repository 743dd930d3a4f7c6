import assert from 'node:assert/strict';
import { FindingSettlements, isFindingFix } from '../../../../src/core/quality/findingSettlement';
import { observeCall } from '../../../../src/core/quality/metrics';
import type { QualitySignal } from '../../../../src/core/quality/signal';

describe('review findings: each one settled once', () => {
  it('gives the signal for the first end of a finding, with its call and index, and nothing after', () => {
    const settlements = new FindingSettlements();
    assert.deepEqual(settlements.settle({ call: 'r1', item: 2 }, 'fixed'), { call: 'r1', name: 'findingFixed', item: 2 });
    assert.equal(settlements.settle({ call: 'r1', item: 2 }, 'left'), undefined, 're-reviewed after its fix: not counted again');
    assert.deepEqual(settlements.settle({ call: 'r1', item: 0 }, 'dismissed'), { call: 'r1', name: 'findingDismissed', item: 0 });
    assert.deepEqual(settlements.settle({ call: 'r2', item: 2 }, 'edited'), { call: 'r2', name: 'findingEdited', item: 2 }, 'the same index of another call is another finding');
    assert.deepEqual(settlements.settle({ call: 'r2', item: 3 }, 'left'), { call: 'r2', name: 'findingLeft', item: 3 });
  });

  it('what it records is what the analysis counts: fixed and edited acted on, dismissed dismissed, left neither', () => {
    const settlements = new FindingSettlements();
    const ends = (['fixed', 'edited', 'dismissed', 'left'] as const).map((end, item) => settlements.settle({ call: 'r', item }, end));
    const signals: QualitySignal[] = ends.map((s, i) => ({ v: 1, id: `s${i}`, time: new Date(Date.UTC(2026, 5, 1, 9, 0, i)).toISOString(), call: s!.call, name: s!.name, item: s!.item }));
    assert.deepEqual(observeCall('review', signals, 0.5), { findingsActedOn: [1, 1, 0, 0], findingsDismissed: [0, 0, 1, 0] });
  });
});

describe('isFindingFix: the quick fix, told apart from the user editing the lines', () => {
  const finding = { startLine: 1, endLine: 2, replacement: 'const key = process.env.KEY;\nuse(key);' };
  /** The document after a change, as lines. */
  const after = (...lines: string[]) => (n: number) => lines[n];

  it('the replacement standing where the finding\'s lines were is the fix, whatever shape the edit had', () => {
    assert.equal(isFindingFix(finding, 0, after('import x;', 'const key = process.env.KEY;', 'use(key);', '}')), true);
    assert.equal(isFindingFix({ ...finding, replacement: 'one line' }, -1, after('import x;', 'one line', '}')), true, 'two lines replaced by one');
  });

  it('other text, the fix text elsewhere, or a different number of lines is an edit', () => {
    assert.equal(isFindingFix(finding, 0, after('import x;', 'const key = "other";', 'use(key);')), false);
    assert.equal(isFindingFix(finding, 0, after('const key = process.env.KEY;', 'use(key);', 'x')), false, 'one line off');
    assert.equal(isFindingFix(finding, 1, after('import x;', 'const key = process.env.KEY;', 'use(key);', 'extra')), false);
  });

  it('a finding without a replacement has no fix: any change is an edit', () => {
    assert.equal(isFindingFix({ startLine: 1, endLine: 2 }, -2, after('import x;')), false);
  });

  it('an empty replacement: the lines removed, or emptied at the end of the file', () => {
    const removal = { startLine: 1, endLine: 2, replacement: '' };
    assert.equal(isFindingFix(removal, -2, after('import x;', '}')), true);
    assert.equal(isFindingFix(removal, -1, after('import x;', '')), true, 'the last lines of the file: one empty line is left');
    assert.equal(isFindingFix(removal, -1, after('import x;', 'half of it')), false, 'a line deleted by hand, the other kept');
  });
});
