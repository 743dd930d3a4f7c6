import assert from 'node:assert/strict';
import { survivalShare } from '../../../../src/core/quality/survival';

describe('survival of inserted text', () => {
  const inserted = 'items.length;'; // 13 characters

  it('is 1 when the text is untouched, whatever was added around or inside it', () => {
    assert.equal(survivalShare(inserted, inserted), 1);
    assert.equal(survivalShare(inserted, 'items.filter(Boolean).length;'), 1);
  });

  it('is the share of the inserted characters still there after deletions and rewrites', () => {
    assert.equal(survivalShare(inserted, 'items;'), 6 / 13, '".length" deleted');
    assert.equal(survivalShare(inserted, 'items.size;'), 8 / 13, '"length" rewritten as "size": "items." + "e" + ";" remain');
    assert.equal(survivalShare(inserted, ''), 0, 'all of it deleted');
    assert.equal(survivalShare(inserted, 'count'), 2 / 13, 'replaced by other text: only "n" and "t" in common, in order');
  });

  it('counts characters in order: a block moved inside the region counts only once in its order', () => {
    assert.equal(survivalShare('ab\ncd\n', 'cd\nab\n'), 3 / 6);
  });

  it('is 1 for nothing inserted (nothing could be lost)', () => {
    assert.equal(survivalShare('', 'anything'), 1);
  });
});
