import assert from 'node:assert/strict';
import { applyChange, InsertionTracker, type InsertionSignal, type Region } from '../../../../src/core/quality/insertionTracker';
import { ManualClock } from '../../../fixtures/manualClock';

/** `items.length;` inserted at offset 10 of the document. */
const REGION: Region = { start: 10, text: 'items.length;' };
const insert = (offset: number, text: string) => ({ offset, removed: 0, text });
const remove = (offset: number, removed: number, text = '') => ({ offset, removed, text });

describe('the region of inserted text, through later edits', () => {
  it('moves with edits before it and ignores edits after it', () => {
    assert.deepEqual(applyChange(REGION, insert(0, 'abc')), { start: 13, text: 'items.length;' });
    assert.deepEqual(applyChange(REGION, remove(2, 5)), { start: 5, text: 'items.length;' });
    assert.deepEqual(applyChange(REGION, remove(4, 6)), { start: 4, text: 'items.length;' }, 'a deletion ending where it starts');
    assert.deepEqual(applyChange(REGION, insert(40, 'x')), REGION);
  });

  it('leaves out text typed right at either edge', () => {
    assert.deepEqual(applyChange(REGION, insert(10, 'const n = ')), { start: 20, text: 'items.length;' }, 'at its start: before it');
    assert.deepEqual(applyChange(REGION, insert(23, ' // count')), REGION, 'at its end: after it');
  });

  it('takes in edits inside it', () => {
    assert.deepEqual(applyChange(REGION, insert(15, '.filter(Boolean)')), { start: 10, text: 'items.filter(Boolean).length;' });
    assert.deepEqual(applyChange(REGION, remove(16, 6, 'size')), { start: 10, text: 'items.size;' }, '"length" rewritten');
  });

  it('keeps what is left of it when an edit overlaps an edge', () => {
    assert.deepEqual(applyChange(REGION, remove(8, 8, 'all')), { start: 8, text: 'alllength;' }, 'over its start: from the edit on');
    assert.deepEqual(applyChange(REGION, remove(16, 10)), { start: 10, text: 'items.' }, 'over its end');
    assert.deepEqual(applyChange(REGION, remove(0, 30, 'x')), { start: 0, text: 'x' }, 'the whole of it replaced');
  });

  it('applies one event\'s changes in the order the editor lists them (last in the document first)', () => {
    assert.deepEqual([insert(16, 'L'), remove(10, 6)].reduce(applyChange, REGION), { start: 10, text: 'Llength;' });
  });

  it('an emptied region takes back text put at its place (an undo of the deletion)', () => {
    const emptied = applyChange(REGION, remove(10, 13));
    assert.deepEqual(emptied, { start: 10, text: '' });
    assert.deepEqual(applyChange(emptied, insert(10, 'items.length;')), REGION);
    assert.deepEqual(applyChange(emptied, insert(9, 'x')), { start: 11, text: '' }, 'text before it still moves it');
  });
});

describe('following insertions', () => {
  let clock: ManualClock;
  let signals: InsertionSignal[];
  let tracker: InsertionTracker;
  beforeEach(() => {
    clock = new ManualClock();
    signals = [];
    tracker = new InsertionTracker((s) => signals.push(s), clock);
  });

  const checkpoints = [{ name: 'survival30s', afterMs: 30 } as const, { name: 'survival5m', afterMs: 300 } as const];

  it('records the share still there at each checkpoint, then stops following', async () => {
    tracker.track({ call: 'c1', document: 'a', region: REGION, checkpoints });
    tracker.changed('a', [remove(16, 7)], false); // "length" and ";" deleted: 6 of 13 left
    await clock.advance(30);
    tracker.changed('a', [remove(10, 6)], false); // the rest deleted
    tracker.changed('b', [remove(0, 100)], false); // another document: not this one
    await clock.advance(270);
    assert.deepEqual(signals, [{ call: 'c1', name: 'survival30s', value: 6 / 13 }, { call: 'c1', name: 'survival5m', value: 0 }]);
    assert.equal(tracker.size, 0);
    assert.equal(clock.pending, 0);
  });

  it('an undo that puts back what the insertion replaced is `undone`, and ends it', async () => {
    tracker.track({ call: 'c1', document: 'a', region: { start: 4, text: 'return 1;\n' }, replaced: '', checkpoints: [{ name: 'survival5m', afterMs: 300 }] });
    tracker.changed('a', [remove(4, 10)], false); // deleted by hand: not an undo
    assert.deepEqual(signals, []);
    tracker.track({ call: 'c2', document: 'a', region: { start: 4, text: 'return 2;\n' }, replaced: 'old', checkpoints: [{ name: 'survival5m', afterMs: 300 }] });
    tracker.changed('a', [remove(4, 10, 'old')], true);
    await clock.advance(300);
    assert.deepEqual(signals, [{ call: 'c2', name: 'undone' }, { call: 'c1', name: 'survival5m', value: 0 }]);
  });

  it('an undo inside the insertion (of a later edit) is not `undone`', async () => {
    tracker.track({ call: 'c1', document: 'a', region: REGION, replaced: '', checkpoints: [{ name: 'survival5m', afterMs: 300 }] });
    tracker.changed('a', [insert(15, 'XY')], false);
    tracker.changed('a', [remove(15, 2)], true);
    await clock.advance(300);
    assert.deepEqual(signals, [{ call: 'c1', name: 'survival5m', value: 1 }]);
  });

  it('a closed document ends its insertions with no signal', async () => {
    tracker.track({ call: 'c1', document: 'a', region: REGION, checkpoints });
    tracker.track({ call: 'c2', document: 'b', region: REGION, checkpoints });
    tracker.closed('a');
    await clock.advance(300);
    assert.deepEqual(signals.map((s) => `${s.call} ${s.name}`), ['c2 survival30s', 'c2 survival5m']);
  });

  it('dispose clears every timer', () => {
    tracker.track({ call: 'c1', document: 'a', region: REGION, checkpoints });
    tracker.dispose();
    assert.equal(clock.pending, 0);
    assert.equal(tracker.size, 0);
  });
});
