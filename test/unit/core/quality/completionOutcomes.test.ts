import assert from 'node:assert/strict';
import { CompletionOutcomes, type ShownCompletion } from '../../../../src/core/quality/completionOutcomes';

const DOC = 'file:///a.ts';
const item = (call: string, offset = 10, text = 'items.length;'): ShownCompletion => ({ call, document: DOC, offset, text });
const insert = (offset: number, text: string) => [{ offset, removed: 0, text }];

describe('what became of a shown completion', () => {
  let outcomes: CompletionOutcomes;
  beforeEach(() => {
    outcomes = new CompletionOutcomes();
  });

  it('a new item is shown once, however often the editor asks at the same place', () => {
    assert.equal(outcomes.shown(item('c1')).isNew, true);
    assert.equal(outcomes.shown(item('c1')).isNew, false);
    assert.equal(outcomes.shown(item('c1', 11, 'tems.length;')).isNew, true, 'the rest of it after a typed key is another item');
    assert.equal(outcomes.shown(item('c1')).isNew, false, 'back at the first place: the same item, not counted again');
    assert.equal(outcomes.shown(item('c2')).isNew, true, 'another call at the same place');
  });

  it('accepted: the whole text went in, then the item\'s command ran; its region is where it went', () => {
    outcomes.shown(item('c1'));
    assert.equal(outcomes.edited(DOC, insert(10, 'items.length;')), undefined);
    assert.deepEqual(outcomes.accepted('c1'), { call: 'c1', name: 'accepted', document: DOC, inserted: { start: 10, text: 'items.length;' } });
    assert.equal(outcomes.edited(DOC, insert(23, 'x')), undefined, 'settled: a later edit says nothing about it');
  });

  it('accepted after typing into it: the accept may rewrite the typed part', () => {
    outcomes.shown(item('c1'));
    outcomes.edited(DOC, insert(10, 'i'));
    outcomes.shown(item('c1', 11, 'tems.length;'));
    assert.equal(outcomes.edited(DOC, [{ offset: 10, removed: 1, text: 'items.length;' }]), undefined);
    assert.equal(outcomes.accepted('c1')?.name, 'accepted');
  });

  it('dismissed: the next edit is not the item going in', () => {
    outcomes.shown(item('c1'));
    assert.deepEqual(outcomes.edited(DOC, insert(10, 'x')), { call: 'c1', name: 'dismissed' });
    assert.equal(outcomes.accepted('c1'), undefined, 'the first outcome stands');
  });

  it('dismissed: typing into it, then away from it', () => {
    outcomes.shown(item('c1'));
    assert.equal(outcomes.edited(DOC, insert(10, 'i')), undefined);
    assert.equal(outcomes.edited(DOC, insert(11, 't')), undefined);
    assert.deepEqual(outcomes.edited(DOC, insert(12, 'x')), { call: 'c1', name: 'dismissed' });
  });

  it('dismissed: an edit elsewhere in the document, or another call\'s item in its place', () => {
    outcomes.shown(item('c1'));
    assert.deepEqual(outcomes.edited(DOC, insert(0, '// ')), { call: 'c1', name: 'dismissed' });
    outcomes.shown(item('c2'));
    assert.deepEqual(outcomes.shown(item('c3', 40, 'other')).ended, { call: 'c2', name: 'dismissed' });
  });

  it('edits to other documents say nothing about it', () => {
    outcomes.shown(item('c1'));
    assert.equal(outcomes.edited('output:tandem', insert(0, 'a log line\n')), undefined);
    assert.equal(outcomes.accepted('c1')?.name, 'accepted');
  });

  it('partial: part of it went in at once (a word accepted), then something else; value = share taken', () => {
    outcomes.shown(item('c1'));
    assert.equal(outcomes.edited(DOC, insert(10, 'items.')), undefined);
    outcomes.shown(item('c1', 16, 'length;'));
    assert.deepEqual(outcomes.edited(DOC, insert(16, 'size')), { call: 'c1', name: 'partial', value: 6 / 13 });
  });

  it('partial, then the rest accepted: accepted', () => {
    outcomes.shown(item('c1'));
    outcomes.edited(DOC, insert(10, 'items.'));
    outcomes.edited(DOC, insert(16, 'length;'));
    assert.equal(outcomes.accepted('c1')?.name, 'accepted');
  });

  it('typed out in full by hand, key by key: neither taken nor turned down', () => {
    outcomes.shown(item('c1', 0, 'ab'));
    outcomes.edited(DOC, insert(0, 'a'));
    outcomes.edited(DOC, insert(1, 'b'));
    assert.equal(outcomes.edited(DOC, insert(2, ' ')), undefined);
  });

  it('a settled call shown again gets no second outcome', () => {
    outcomes.shown(item('c1'));
    outcomes.edited(DOC, insert(10, 'x'));
    outcomes.edited(DOC, [{ offset: 10, removed: 1, text: '' }]);
    assert.equal(outcomes.shown(item('c1')).isNew, false, 'the same item as last shown');
    assert.equal(outcomes.edited(DOC, insert(10, 'y')), undefined);
    assert.equal(outcomes.accepted('c1'), undefined);
  });
});
