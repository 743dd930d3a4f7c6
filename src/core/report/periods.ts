import type { Period } from '../ledger/query';

/** The report's periods, in tab order, with how the UI names them. */
export const PERIODS: readonly { readonly id: Period; readonly label: string; readonly phrase: string }[] = [
  { id: 'session', label: 'Session', phrase: 'this session' },
  { id: 'today', label: 'Today', phrase: 'today' },
  { id: '7d', label: '7 days', phrase: 'the last 7 days' },
  { id: '30d', label: '30 days', phrase: 'the last 30 days' },
  { id: 'all', label: 'All', phrase: 'all time' },
];

export function isPeriod(value: unknown): value is Period {
  return PERIODS.some((p) => p.id === value);
}

/** `the last 7 days`: for sentences. */
export function periodPhrase(period: Period): string {
  return PERIODS.find((p) => p.id === period)?.phrase ?? period;
}
