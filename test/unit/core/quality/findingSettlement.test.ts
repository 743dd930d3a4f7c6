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
  const finding = { startLine: 4, endLine: 5, replacement: 'const key = process.env.KEY;' };
  const over = (text: string, from = 4, to = 5, toCharacter = 12) => ({ startLine: from, startCharacter: 0, endLine: to, endCharacter: toCharacter, text });

  it('the replacement written over the whole lines is the fix', () => {
    assert.equal(isFindingFix(over(finding.replacement), finding), true);
  });

  it('other text, or the replacement written elsewhere, is an edit', () => {
    assert.equal(isFindingFix(over('const key = "other";'), finding), false);
    assert.equal(isFindingFix(over(finding.replacement, 3), finding), false);
    assert.equal(isFindingFix({ ...over(finding.replacement), startCharacter: 2 }, finding), false);
    assert.equal(isFindingFix(over(finding.replacement, 4, 6), finding), false);
  });

  it('a finding without a replacement has no fix: any change is an edit', () => {
    assert.equal(isFindingFix(over(''), { startLine: 4, endLine: 5 }), false);
  });

  it('an empty replacement removes the lines with their line break', () => {
    const removal = { startLine: 4, endLine: 5, replacement: '' };
    assert.equal(isFindingFix(over('', 4, 6, 0), removal), true);
    assert.equal(isFindingFix(over('', 4, 5, 30), removal), true, 'the last lines of the file, with no line break after them');
    assert.equal(isFindingFix(over('', 4, 4, 3), removal), false, 'part of a line deleted by hand');
  });
});
