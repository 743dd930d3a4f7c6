import assert from 'node:assert/strict';
import type { CallRow } from '../../../../src/core/ledger/callRow';
import { decodeDigest, encodeDigest, type Digest } from '../../../../src/core/ledger/digest';

const row = (id: string, over: Partial<CallRow> = {}): CallRow => ({
  id, timeMs: Date.UTC(2026, 2, 10, 10), task: 'review', model: 'claude-haiku-4-5', costMicroUsd: 1234,
  usage: { input: 1, cacheRead: 2, cacheWrite5m: 3, cacheWrite1h: 4, output: 5, reasoning: 6 }, batch: false, estimated: false, outcome: 'ok', ...over,
});

describe('month digests', () => {
  const digest: Digest = {
    identity: '2049:131075',
    offset: 123_456,
    head: new Uint8Array([123, 34, 118]),
    tail: new Uint8Array([125, 10]),
    skipped: 2,
    rows: [
      row('a'),
      row('job-1:item-ü', { task: 'generateCode', model: 'gpt-5.4-mini', batch: true, estimated: true, outcome: 'fallback', costMicroUsd: 2 ** 52 }),
      row('gw', { gatewayCostMicroUsd: 1300 }),
      row('gw0', { gatewayCostMicroUsd: 0 }),
      row('c', { outcome: 'cancelled', timeMs: Date.UTC(2026, 2, 31, 23, 59, 59, 999) }),
      row('d', { outcome: 'error', costMicroUsd: 0, usage: { input: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0, reasoning: 0 } }),
    ],
  };

  it('gives back exactly what was saved', () => {
    const bytes = encodeDigest(digest);
    assert.ok(bytes);
    assert.deepEqual(decodeDigest(bytes), digest);
    // From inside a larger buffer at an odd offset, as a file read may hand it over.
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    assert.deepEqual(decodeDigest(padded.subarray(3)), digest);
    assert.deepEqual(decodeDigest(encodeDigest({ ...digest, rows: [] })!), { ...digest, rows: [] });
  });

  it('refuses a damaged or foreign digest instead of trusting it', () => {
    const bytes = encodeDigest(digest)!;
    assert.equal(decodeDigest(bytes.subarray(0, bytes.length - 9)), undefined, 'cut short');
    const otherVersion = bytes.slice();
    otherVersion[4] = 99;
    assert.equal(decodeDigest(otherVersion), undefined);
    assert.equal(decodeDigest(new TextEncoder().encode('{"digest":1}')), undefined);
    assert.equal(decodeDigest(new Uint8Array(0)), undefined);
    // A negative cost where a count must be: the rows are checked like ledger lines.
    assert.equal(decodeDigest(encodeDigest({ ...digest, rows: [row('x', { costMicroUsd: -1 })] })!), undefined);
  });

  it('is not written for ids that hold a line break (the file is simply read then)', () => {
    assert.equal(encodeDigest({ ...digest, rows: [row('a\nb')] }), undefined);
  });
});
