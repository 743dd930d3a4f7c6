import type { LedgerRecord } from '../../../../src/core/ledger/record';
import { ZERO_USAGE } from '../../../../src/core/usage/usage';

/** A valid ledger record with sensible defaults; tests override what they care about. */
export function makeRecord(overrides: Partial<LedgerRecord> & { id: string; time: string }): LedgerRecord {
  return {
    v: 1,
    session: 's1',
    task: 'generateCode',
    model: 'gpt-5.4-mini',
    provider: 'openai',
    usage: ZERO_USAGE,
    costMicroUsd: 0,
    latencyMs: 100,
    outcome: 'ok',
    batch: false,
    estimated: false,
    ...overrides,
  };
}
