import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LedgerRecord } from './record';
import { isLedgerRecord } from './validate';

/** A time range: `from` inclusive, `to` exclusive; either end may be open. */
export interface TimeRange {
  readonly from?: Date;
  readonly to?: Date;
}

export interface LedgerReadResult {
  /** Sorted by time, oldest first. */
  readonly records: LedgerRecord[];
  /** Lines in the opened files that were not valid records (a torn last line after a crash, damage). */
  readonly skippedLines: number;
}

const FILE_PATTERN = /^ledger-(\d{4})-(\d{2})\.jsonl$/;
const NEWLINE = 0x0a;

/** The file a record belongs to: one per calendar month in UTC, so every window agrees on the name. */
export function ledgerFileName(time: Date): string {
  const month = String(time.getUTCMonth() + 1).padStart(2, '0');
  return `ledger-${time.getUTCFullYear()}-${month}.jsonl`;
}

/**
 * The append-only call ledger: JSONL files, one record per line, rotated monthly.
 *
 * Two VS Code windows may append to the same file at once. Each record is written as one write() of one
 * whole line to a file opened with O_APPEND, which the OS places whole at the current end of file, so
 * lines from different processes never interleave. Within this process appends are also queued, so the
 * torn-line check below and the write that follows are not raced by our own next append.
 */
export class LedgerStore {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly dir: string) {}

  append(record: LedgerRecord): Promise<void> {
    const time = new Date(record.time);
    if (Number.isNaN(time.getTime())) {
      return Promise.reject(new RangeError(`ledger record ${record.id} has an invalid time: ${record.time}`));
    }
    const file = join(this.dir, ledgerFileName(time));
    const line = JSON.stringify(record) + '\n';
    const done = this.tail.then(() => this.write(file, line));
    // One failed append (disk full) must not block every later one.
    this.tail = done.catch(() => undefined);
    return done;
  }

  async read(range: TimeRange = {}): Promise<LedgerReadResult> {
    const from = range.from?.getTime() ?? -Infinity;
    const to = range.to?.getTime() ?? Infinity;
    const found: { record: LedgerRecord; at: number }[] = [];
    let skippedLines = 0;
    for (const name of await this.monthFilesOverlapping(from, to)) {
      const parsed = await readLedgerFile(join(this.dir, name));
      skippedLines += parsed.skipped;
      for (const record of parsed.records) {
        const at = Date.parse(record.time);
        if (at >= from && at < to) found.push({ record, at });
      }
    }
    // Months are read in order, but lines within a file are in write order, which two windows can mix.
    found.sort((a, b) => a.at - b.at);
    return { records: found.map((f) => f.record), skippedLines };
  }

  /** True when the month file this record belongs to already holds a record with its id. */
  async has(record: LedgerRecord): Promise<boolean> {
    const time = new Date(record.time);
    if (Number.isNaN(time.getTime())) return false;
    await this.tail;
    const { records } = await readLedgerFile(join(this.dir, ledgerFileName(time)));
    return records.some((r) => r.id === record.id);
  }

  private async write(file: string, line: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // 'a+': O_APPEND for the write, readable so the last byte can be checked.
    const handle = await open(file, 'a+');
    try {
      let data = line;
      const { size } = await handle.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        // A crash left a torn line: end it, so this record is not glued onto it and lost with it.
        if (last[0] !== NEWLINE) data = '\n' + line;
      }
      const bytes = Buffer.from(data, 'utf8');
      const { bytesWritten } = await handle.write(bytes, 0, bytes.length);
      if (bytesWritten !== bytes.length) {
        throw new Error(`ledger write was cut short (${bytesWritten} of ${bytes.length} bytes)`);
      }
    } finally {
      await handle.close();
    }
  }

  /** Names of the month files whose month intersects [from, to), oldest first. */
  private async monthFilesOverlapping(from: number, to: number): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
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
}

/** Every valid record in one file, counting the lines that are not; never fails on content. */
async function readLedgerFile(file: string): Promise<{ records: LedgerRecord[]; skipped: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return { records: [], skipped: 0 };
    throw error;
  }
  const records: LedgerRecord[] = [];
  let skipped = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
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

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}
