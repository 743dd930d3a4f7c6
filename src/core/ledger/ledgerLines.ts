import type { LedgerRecord } from './record';
import { isLedgerRecord } from './validate';

/** Every valid record in some whole lines of a ledger file, counting the lines that are not; never fails on content. */
export function parseLedgerLines(text: string): { records: LedgerRecord[]; skipped: number } {
  const records: LedgerRecord[] = [];
  let skipped = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    // Blank lines are not damage: two windows can both end the same torn line.
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    if (isLedgerRecord(value)) records.push(value);
    else skipped++;
  }
  return { records, skipped };
}
