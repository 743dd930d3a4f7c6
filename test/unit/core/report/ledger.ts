import type { LedgerRecord } from '../../../../src/core/ledger/record';
import { ZERO_USAGE } from '../../../../src/core/usage/usage';
import { makeRecord } from '../ledger/fixtures';

/**
 * A small ledger over three local days, costs worked by hand from the default prices ($/MTok):
 *   GPT-5.4 Mini: in 0.75 · cached 0.075 · out 4.50; Haiku 4.5: in 1 · cached 0.10 · 5-min write 1.25 · out 5;
 *   batch half price. 1,000 tokens at $1/MTok is 1,000 µ$.
 * "Now" is 11 March 2026, 18:00 local; the current session is s2. Deliberately not in time order.
 */
export const NOW = new Date(2026, 2, 11, 18, 0);
const at = (day: number, hour: number): string => new Date(2026, 2, day, hour, 0).toISOString();
const haiku = { model: 'claude-haiku-4-5', provider: 'anthropic' } as const;

export const LEDGER: readonly LedgerRecord[] = [
  // 1,000 × 0.75 + 200 × 4.5 = 750 + 900
  makeRecord({ id: 'code-1', time: at(10, 9), session: 's2', usage: { ...ZERO_USAGE, input: 1000, output: 200 }, costMicroUsd: 1650 }),
  // 3,000 × 0.75 + 400 × 4.5 = 2,250 + 1,800
  makeRecord({ id: 'code-2', time: at(11, 10), session: 's2', usage: { ...ZERO_USAGE, input: 3000, output: 400, reasoning: 100 }, costMicroUsd: 4050 }),
  // 10 days back: inside 30 days, outside 7. 100 × 0.75 + 100 × 4.5 = 75 + 450
  makeRecord({ id: 'sql-old', time: at(1, 15), session: 's0', task: 'generateSql', usage: { ...ZERO_USAGE, input: 100, output: 100 }, costMicroUsd: 525 }),
  // Cached: 500 × 1 + 10,000 × 0.1 + 300 × 5 = 500 + 1,000 + 1,500. Saved 10,000 × (1 − 0.1) = 9,000.
  makeRecord({ id: 'review-cached', time: at(11, 11), session: 's2', task: 'review', ...haiku, usage: { ...ZERO_USAGE, input: 500, cacheRead: 10_000, output: 300 }, costMicroUsd: 3000 }),
  // Batch: (2,000 × 1 + 5,000 × 1.25 + 1,000 × 5) / 2 = (2,000 + 6,250 + 5,000) / 2. Write surcharge 5,000 × 0.25 / 2 = 625.
  makeRecord({ id: 'review-batch', time: at(10, 14), session: 's1', task: 'review', ...haiku, batch: true, usage: { ...ZERO_USAGE, input: 2000, cacheWrite5m: 5000, output: 1000 }, costMicroUsd: 6625 }),
  // Cancelled, usage estimated: 800 × 1 + 100 × 5
  makeRecord({ id: 'explain-cancelled', time: at(11, 12), session: 's2', task: 'explain', ...haiku, outcome: 'cancelled', estimated: true, usage: { ...ZERO_USAGE, input: 800, output: 100 }, costMicroUsd: 1300 }),
  // Failed before any tokens: a call, no cost.
  makeRecord({ id: 'explain-error', time: at(11, 13), session: 's3', task: 'explain', ...haiku, outcome: 'error', error: 'HTTP 500', costMicroUsd: 0 }),
];
