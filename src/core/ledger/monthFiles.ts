/** A time range: `from` inclusive, `to` exclusive; either end may be open. */
export interface TimeRange {
  readonly from?: Date;
  readonly to?: Date;
}

const FILE_PATTERN = /^ledger-(\d{4})-(\d{2})\.jsonl$/;

/** The file a record belongs to: one per calendar month in UTC, so every window agrees on the name. */
export function ledgerFileName(time: Date): string {
  const month = String(time.getUTCMonth() + 1).padStart(2, '0');
  return `ledger-${time.getUTCFullYear()}-${month}.jsonl`;
}

/** The month file of a record's ISO time; a RangeError when the time cannot be filed. */
export function fileForRecord(record: { readonly id: string; readonly time: string }): string {
  const time = new Date(record.time);
  if (Number.isNaN(time.getTime())) throw new RangeError(`ledger record ${record.id} has an invalid time: ${record.time}`);
  return ledgerFileName(time);
}

/** Of these names, the month files whose month intersects the range, oldest first. */
export function monthFilesOverlapping(names: readonly string[], range: TimeRange = {}): string[] {
  const from = range.from?.getTime() ?? -Infinity;
  const to = range.to?.getTime() ?? Infinity;
  const months: { name: string; start: number }[] = [];
  for (const name of names) {
    const match = FILE_PATTERN.exec(name);
    if (!match) continue;
    const year = Number(match[1]);
    const month = Number(match[2]) - 1;
    const start = Date.UTC(year, month, 1);
    const end = Date.UTC(year, month + 1, 1);
    if (end > from && start < to) months.push({ name, start });
  }
  return months.sort((a, b) => a.start - b.start).map((m) => m.name);
}
