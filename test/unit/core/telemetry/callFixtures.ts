import type { LedgerRecord } from '../../../../src/core/ledger/record';
import { ZERO_USAGE } from '../../../../src/core/usage/usage';
import { makeRecord } from '../ledger/fixtures';

export const CALL_TIME = '2026-03-11T10:00:00.000Z';

/** A Claude Haiku review that read and wrote the prompt cache (both lifetimes), with a first token and a request id. */
export function cachedReviewCall(overrides: Partial<LedgerRecord> = {}): LedgerRecord {
  return makeRecord({
    id: 'call-cached-1',
    time: CALL_TIME,
    task: 'review',
    model: 'claude-haiku-4-5',
    provider: 'anthropic',
    usage: { ...ZERO_USAGE, input: 120, cacheRead: 4000, cacheWrite5m: 700, cacheWrite1h: 300, output: 90, reasoning: 40 },
    costMicroUsd: 2695,
    latencyMs: 2350,
    firstTokenMs: 410,
    requestId: 'req_secret_41',
    ...overrides,
  });
}
