import assert from 'node:assert/strict';
import { isLedgerRecord } from '../../../../src/core/ledger/validate';
import { ZERO_USAGE } from '../../../../src/core/usage/usage';
import { makeRecord } from './fixtures';

describe('ledger record validation', () => {
  const record = makeRecord({ id: 'a', time: '2026-03-10T10:00:00.000Z' });
  // A record as read back from disk.
  const line = (over: Record<string, unknown>): unknown => JSON.parse(JSON.stringify({ ...record, ...over }));

  it('reads a record of any model id: one the user added, or one since removed from the catalog', () => {
    assert.equal(isLedgerRecord(line({})), true);
    assert.equal(isLedgerRecord(line({ model: 'gpt-5.6' })), true);
    assert.equal(isLedgerRecord(line({ model: 'claude-haiku-5-5', provider: 'anthropic' })), true);
    assert.equal(isLedgerRecord(line({ model: 'gpt-4.1-nano' })), true);
  });

  it('refuses a record without a model id', () => {
    assert.equal(isLedgerRecord(line({ model: '' })), false);
    assert.equal(isLedgerRecord(line({ model: 5 })), false);
    assert.equal(isLedgerRecord(line({ model: undefined })), false);
  });

  it('refuses token counts that are not whole numbers, which no provider reports', () => {
    assert.equal(isLedgerRecord(line({ usage: { ...ZERO_USAGE, input: 1.5 } })), false);
    assert.equal(isLedgerRecord(line({ usage: { ...ZERO_USAGE, output: -1 } })), false);
  });

  it('reads the time to first token and the routing trial tag when present, and refuses them malformed', () => {
    assert.equal(isLedgerRecord(line({ firstTokenMs: 120 })), true);
    assert.equal(isLedgerRecord(line({ trial: { id: 't1', arm: 'trial', seed: 123456 } })), true);
    assert.equal(isLedgerRecord(line({ trial: { id: 't1', arm: 'routed', seed: 0 } })), true);
    assert.equal(isLedgerRecord(line({ firstTokenMs: -1 })), false);
    assert.equal(isLedgerRecord(line({ trial: { id: 't1', arm: 'other', seed: 1 } })), false);
    assert.equal(isLedgerRecord(line({ trial: { id: 't1', arm: 'trial', seed: 0.5 } })), false);
    assert.equal(isLedgerRecord(line({ trial: 'yes' })), false);
  });

  it('reads the call a repair repairs, and refuses an empty or non-string one', () => {
    assert.equal(isLedgerRecord(line({ repairOf: 'mj3k-abc123-4' })), true);
    assert.equal(isLedgerRecord(line({ repairOf: '' })), false);
    assert.equal(isLedgerRecord(line({ repairOf: 4 })), false);
  });
});
