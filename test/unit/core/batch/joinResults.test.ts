import assert from 'node:assert/strict';
import { jobOutcomes, joinResults, NO_RESULT_REASON } from '../../../../src/core/batch/joinResults';
import { makeItems } from './fixtures';

const items = makeItems(['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/d.ts', 'src/e.ts']);
const [a, b, c, d, e] = items.map((i) => i.customId);

describe('joinResults', () => {
  it('pairs results shuffled by the provider with their own files, never by position', () => {
    const results = [
      { customId: d, kind: 'succeeded', text: 'D' },
      { customId: a, kind: 'succeeded', text: 'A' },
      { customId: e, kind: 'errored', reason: 'invalid_request_error', text: '' },
      { customId: b, kind: 'expired', text: '' },
      { customId: c, kind: 'succeeded', text: 'C' },
    ];
    const joined = joinResults(items, results);
    for (const item of items) assert.equal(joined.matched.get(item.customId)?.item, item);
    assert.equal(joined.matched.get(a)?.result.text, 'A');
    assert.equal(joined.matched.get(d)?.result.text, 'D');
    assert.deepEqual([joined.missing, joined.unknown, joined.duplicates], [[], [], []]);
  });

  it('reports files with no result as missing, and ids that are not ours as unknown', () => {
    const results = [
      { customId: 'f0042-from-another-job', kind: 'succeeded' },
      { customId: c, kind: 'succeeded' },
      { customId: a, kind: 'succeeded' },
      { customId: '', kind: 'errored' },
    ];
    const joined = joinResults(items, results);
    assert.deepEqual([...joined.matched.keys()], [c, a]);
    assert.deepEqual(joined.missing.map((i) => i.customId), [b, d, e]);
    assert.deepEqual(joined.unknown, ['f0042-from-another-job', '']);
  });

  it('keeps the first of two results for one file and reports the other', () => {
    const joined = joinResults(items, [{ customId: b, kind: 'errored', reason: 'first' }, { customId: b, kind: 'succeeded', reason: 'second' }]);
    assert.equal(joined.matched.get(b)?.result.reason, 'first');
    assert.deepEqual(joined.duplicates, [b]);
    assert.equal(joined.missing.length, 4);
  });

  it('has everything missing when the provider returned nothing', () => {
    const joined = joinResults(items, []);
    assert.equal(joined.matched.size, 0);
    assert.deepEqual(joined.missing, items);
  });
});

describe('jobOutcomes', () => {
  it('gives one outcome per file in the job\'s order, missing ones as errored', () => {
    const joined = joinResults(items, [
      { customId: e, kind: 'canceled' },
      { customId: c, kind: 'errored', reason: 'overloaded_error' },
      { customId: a, kind: 'succeeded' },
      { customId: d, kind: 'expired' },
    ]);
    assert.deepEqual(jobOutcomes(items, joined), [
      { customId: a, kind: 'succeeded' },
      { customId: b, kind: 'errored', reason: NO_RESULT_REASON },
      { customId: c, kind: 'errored', reason: 'overloaded_error' },
      { customId: d, kind: 'expired' },
      { customId: e, kind: 'cancelled' },
    ]);
  });

  it('takes a kind it does not know for an error, never a success', () => {
    const joined = joinResults(items.slice(0, 1), [{ customId: a, kind: 'partial' }]);
    assert.deepEqual(jobOutcomes(items.slice(0, 1), joined), [{ customId: a, kind: 'errored', reason: 'unknown result kind "partial"' }]);
  });
});
