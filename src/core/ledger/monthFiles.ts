/** A time range: `from` inclusive, `to` exclusive; either end may be open. */
export interface TimeRange {
  readonly from?: Date;
  readonly to?: Date;
}

/** The kinds of month file in the ledger folder: call records, and the quality signals about their answers. */
export type MonthFileKind = 'ledger' | 'quality';

/** The file a line belongs to: one per kind and calendar month in UTC, so every window agrees on the name. */
export function ledgerFileName(time: Date, kind: MonthFileKind = 'ledger'): string {
  const month = String(time.getUTCMonth() + 1).padStart(2, '0');
  return `${kind}-${time.getUTCFullYear()}-${month}.jsonl`;
}

/** The month file of a line's ISO time; a RangeError when the time cannot be filed. */
export function fileForRecord(record: { readonly id: string; readonly time: string }, kind: MonthFileKind = 'ledger'): string {
  const time = new Date(record.time);
  if (Number.isNaN(time.getTime())) throw new RangeError(`${kind} record ${record.id} has an invalid time: ${record.time}`);
  return ledgerFileName(time, kind);
}

/** Of these names, the month files of a kind whose month intersects the range, oldest first. */
export function monthFilesOverlapping(names: readonly string[], range: TimeRange = {}, kind: MonthFileKind = 'ledger'): string[] {
  const from = range.from?.getTime() ?? -Infinity;
  const to = range.to?.getTime() ?? Infinity;
  const pattern = new RegExp(`^${kind}-(\\d{4})-(\\d{2})\\.jsonl$`);
  const months: { name: string; start: number }[] = [];
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match) continue;
    const year = Number(match[1]);
    const month = Number(match[2]) - 1;
    const start = Date.UTC(year, month, 1);
    const end = Date.UTC(year, month + 1, 1);
    if (end > from && start < to) months.push({ name, start });
  }
  return months.sort((a, b) => a.start - b.start).map((m) => m.name);
}
