import assert from 'node:assert/strict';
import { bulkEditSignals, checkedAnswerSignal, diffSignal, ratingSignal, SettleOnce } from '../../../../src/core/quality/answerOutcomes';
import { observeCall } from '../../../../src/core/quality/metrics';
import type { QualitySignal, SignalName } from '../../../../src/core/quality/signal';

/** Signals for one call, in order, as the analysis reads them. */
const asRead = (...names: SignalName[]): QualitySignal[] =>
  names.map((name, i) => ({ v: 1, id: `s${i}`, time: new Date(Date.UTC(2026, 5, 1, 9, 0, i)).toISOString(), call: 'c', name }));

describe('what the user did with an answer, as a signal', () => {
  it('a checked answer: valid first time, valid after the repair, or never valid', () => {
    assert.equal(checkedAnswerSignal({ ok: true, repaired: false }), 'validFirst');
    assert.equal(checkedAnswerSignal({ ok: true, repaired: true }), 'validRepaired');
    assert.equal(checkedAnswerSignal({ ok: false, repaired: true }), 'invalid');
    assert.equal(checkedAnswerSignal({ ok: false, repaired: false }), undefined, 'refused, then cancelled before the repair: not known');
  });

  it('the SQL / JSON signals are what the analysis reads as valid first and valid at all', () => {
    const observed = (generation: { ok: boolean; repaired: boolean }, task: 'generateSql' | 'generateJson' = 'generateSql') => {
      const name = checkedAnswerSignal(generation);
      assert.ok(name);
      return observeCall(task, asRead(name), 0.5);
    };
    assert.deepEqual(observed({ ok: true, repaired: true }), { validFirst: [0], validAtAll: [1] });
    assert.deepEqual(observed({ ok: false, repaired: true }, 'generateJson'), { validFirst: [0], validAtAll: [0] });
    assert.deepEqual(observed({ ok: true, repaired: false }), { validFirst: [1], validAtAll: [1] });
  });

  it('a diff: accepted or rejected, read by the analysis as diffs accepted', () => {
    assert.equal(diffSignal(true), 'diffAccepted');
    assert.equal(diffSignal(false), 'diffRejected');
    assert.deepEqual(observeCall('editSelection', asRead(diffSignal(false)), 0.5), { diffAccepted: [0] });
  });

  it('a rating: the latest vote is the one the analysis counts', () => {
    assert.equal(ratingSignal('up'), 'thumbsUp');
    assert.equal(ratingSignal('down'), 'thumbsDown');
    assert.deepEqual(observeCall('explain', asRead(ratingSignal('up'), ratingSignal('down')), 0.5), { thumbsUp: [0] });
  });
});

describe('a Bulk Edit: files applied out of files proposed', () => {
  const files = [
    { key: 'a', proposed: 'A2', current: 'A2' },
    { key: 'b', proposed: 'B2', current: 'B1' },
    { key: 'c', proposed: 'C2', current: undefined },
  ];

  it('a file holding exactly what was proposed was applied; one unticked, changed since or gone was not', () => {
    assert.deepEqual(bulkEditSignals(files, new Map()), [
      { key: 'a', name: 'diffAccepted' },
      { key: 'b', name: 'diffRejected' },
      { key: 'c', name: 'diffRejected' },
    ]);
  });

  it('the preview opened again records only the files whose fate changed', () => {
    const previous = new Map<string, SignalName>([['a', 'diffAccepted'], ['b', 'diffRejected'], ['c', 'diffRejected']]);
    const now = [files[0], { ...files[1], current: 'B2' }, files[2]];
    assert.deepEqual(bulkEditSignals(now, previous), [{ key: 'b', name: 'diffAccepted' }]);
  });
});

describe('SettleOnce', () => {
  it('settles a key the first time only, each key on its own', () => {
    const once = new SettleOnce<string>();
    assert.equal(once.settle('p1'), true);
    assert.equal(once.settle('p1'), false);
    assert.equal(once.settle('p2'), true);
  });
});
