import assert from 'node:assert/strict';
import { batchLedgerRecord, batchRecordId, type BatchRecordInput } from '../../../../src/core/batch/batchRecords';
import { isLedgerRecord } from '../../../../src/core/ledger/validate';
import { DEFAULT_MODELS } from '../../../../src/core/models/modelTable';
import { ZERO_USAGE, type Usage } from '../../../../src/core/usage/usage';
import { CREATED, makeItems, makeJob } from './fixtures';

const haiku = DEFAULT_MODELS['claude-haiku-4-5'];
const gpt = DEFAULT_MODELS['gpt-5.4-mini'];
const usage = (u: Partial<Usage>): Usage => ({ ...ZERO_USAGE, ...u });

const review = makeJob();
const bulkEdit = makeJob({ id: 'job-b210', kind: 'bulkEdit', provider: 'openai', model: 'gpt-5.4-mini', items: makeItems(['lib/a.ts']), instruction: 'Add JSDoc.' });

function input(overrides: Partial<BatchRecordInput> = {}): BatchRecordInput {
  return {
    job: review,
    customId: review.items[1].customId,
    // A review reading a 6,000-token rules prefix from the cache.
    usage: usage({ input: 1_250, cacheRead: 6_000, output: 430 }),
    model: 'claude-haiku-4-5',
    requestId: 'req_011CYZ',
    outcome: 'ok',
    time: new Date('2025-03-04T09:42:17.250Z'),
    sessionId: 'session-2',
    reason: 'review → Claude Haiku 4.5 through the Batch API (50% off)',
    spec: haiku,
    ...overrides,
  };
}

describe('batchLedgerRecord', () => {
  it('records a review request at the batch rate, as a review, and passes the ledger\'s own validation', () => {
    const record = batchLedgerRecord(input());
    // 1,250 × 1 + 6,000 × 0.1 + 430 × 5 = 4,000 µ$ interactive; half at the batch rate.
    assert.equal(record.costMicroUsd, 2_000);
    assert.deepEqual(record, {
      v: 1, id: `batch:job-7f3a:${review.items[1].customId}`, time: CREATED, session: 'session-2', task: 'review', model: 'claude-haiku-4-5', provider: 'anthropic',
      usage: usage({ input: 1_250, cacheRead: 6_000, output: 430 }), costMicroUsd: 2_000,
      latencyMs: 42 * 60_000 + 17_250, outcome: 'ok', batch: true, estimated: false,
      reason: 'review → Claude Haiku 4.5 through the Batch API (50% off)', requestId: 'req_011CYZ',
    });
    assert.ok(isLedgerRecord(record));
    assert.ok(isLedgerRecord(JSON.parse(JSON.stringify(record))), 'as read back from the file');
  });

  it('records a bulk edit request as an edit on GPT-5.4 Mini, at half of the interactive price', () => {
    const record = batchLedgerRecord(input({
      job: bulkEdit, customId: bulkEdit.items[0].customId, model: 'gpt-5.4-mini', spec: gpt,
      usage: usage({ input: 3_808, cacheRead: 8_192, output: 1_500, reasoning: 600 }),
    }));
    // 3,808 × 0.75 + 8,192 × 0.075 + 1,500 × 4.5 = 10,220.4 µ$ interactive; batch 5,110.2 → 5,110.
    assert.deepEqual([record.task, record.provider, record.costMicroUsd, record.batch], ['editSelection', 'openai', 5_110, true]);
    assert.ok(isLedgerRecord(record));
  });

  it('records a failed request with its error, and leaves out what it does not have', () => {
    const record = batchLedgerRecord(input({ outcome: 'error', error: 'overloaded_error: Overloaded', usage: ZERO_USAGE, requestId: undefined }));
    assert.deepEqual([record.outcome, record.error, record.costMicroUsd], ['error', 'overloaded_error: Overloaded', 0]);
    assert.equal('requestId' in record, false);
    assert.ok(isLedgerRecord(record));
    assert.equal('error' in batchLedgerRecord(input({ error: 'ignored on success' })), false);
  });

  it('uses the prices in force, not the defaults', () => {
    const spec = { ...haiku, prices: { ...haiku.prices, output: 6_000_000, batchPercent: 40 } };
    // 1,250 + 600 + 430 × 6 = 4,430 µ$; 40% = 1,772.
    assert.equal(batchLedgerRecord(input({ spec })).costMicroUsd, 1_772);
  });

  it('never records a negative latency when the clock moved back', () => {
    assert.equal(batchLedgerRecord(input({ time: new Date('2025-03-04T08:59:00.000Z') })).latencyMs, 0);
  });

  it('gives a request of a job the same ledger id whoever records it and whenever, and every other request another', () => {
    const later = batchLedgerRecord(input({ time: new Date('2025-03-05T10:00:00.000Z'), sessionId: 'session-9' }));
    assert.equal(later.id, batchLedgerRecord(input()).id, 'another poll, another window or a later session');
    assert.equal(later.id, batchRecordId(review.id, review.items[1].customId));
    const ids = new Set([
      ...review.items.map((item) => batchLedgerRecord(input({ customId: item.customId })).id),
      batchLedgerRecord(input({ job: bulkEdit, customId: bulkEdit.items[0].customId, model: 'gpt-5.4-mini', spec: gpt })).id,
    ]);
    assert.equal(ids.size, review.items.length + 1);
  });

  it('refuses a request that is not the job\'s, and a spec for another model', () => {
    assert.throws(() => batchLedgerRecord(input({ customId: 'f0099-other-ts' })), /has no request f0099-other-ts/);
    assert.throws(() => batchLedgerRecord(input({ spec: gpt })), /spec given is for gpt-5.4-mini/);
  });
});
