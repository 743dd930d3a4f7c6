import type { LedgerRecord } from '../ledger/record';
import { isLedgerRecord } from '../ledger/validate';
import { isQualitySignal, type QualitySignal } from '../quality/signal';

/** What an exported ledger holds, ready for analyzeRouting. */
export interface LedgerExport {
  readonly records: LedgerRecord[];
  readonly signals: QualitySignal[];
  /** Entries that are not a usable record or signal (edited by hand, or from a newer version): left out, counted. */
  readonly skipped: number;
}

/**
 * Reads a JSON export (ledgerToJson) back: the records, and the quality signals each carries. A signal that
 * names another call than the record it sits in is left out, so a hand-merged export cannot credit one call
 * with another's results. Throws only when the text is not a JSON array at all.
 */
export function parseLedgerExport(text: string): LedgerExport {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error('a Tandem ledger export is a JSON array of records');
  const records: LedgerRecord[] = [];
  const signals: QualitySignal[] = [];
  let skipped = 0;
  for (const entry of parsed) {
    const { signals: ofCall, ...record } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (!isLedgerRecord(record)) {
      skipped++;
      continue;
    }
    records.push(record);
    for (const signal of Array.isArray(ofCall) ? ofCall : []) {
      if (isQualitySignal(signal) && signal.call === record.id) signals.push(signal);
      else skipped++;
    }
  }
  return { records, signals, skipped };
}
