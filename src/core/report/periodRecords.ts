import { filterRecords, periodRange, type Period } from '../ledger/query';
import type { LedgerRecord } from '../ledger/record';

/**
 * The records a report period covers: 'session' is this session's calls whenever they were made, the
 * others are bounded by local calendar days (periodRange). The report and the export both use this, so an
 * export always holds exactly the calls the report counted.
 */
export function recordsInPeriod(records: readonly LedgerRecord[], period: Period, now: Date, sessionId: string): readonly LedgerRecord[] {
  if (period === 'all') return records; // no bound: skip a pass that would keep every record
  if (period === 'session') return filterRecords(records, { session: sessionId });
  return filterRecords(records, periodRange(period, now));
}
