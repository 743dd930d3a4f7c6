import { REAL_TIMERS, type Timers } from '../completion/trigger/debouncer';
import { Emitter, type Event } from '../events/emitter';
import type { Logger } from '../log/logger';
import { AppendLock } from './appendLock';
import { AppendQueue, type LedgerWriteState, type RetryOptions } from './appendQueue';
import { ioErrorText, type LedgerFiles } from './ledgerFiles';
import { LedgerIndex } from './ledgerIndex';
import { parseLedgerLines } from './ledgerLines';
import { fileForRecord, monthFilesOverlapping, type TimeRange } from './monthFiles';
import type { LedgerRecord } from './record';

export { ledgerFileName, type TimeRange } from './monthFiles';

export interface LedgerReadResult {
  /** Sorted by time, oldest first. */
  readonly records: LedgerRecord[];
  /** Lines in the opened files that were not valid records (a torn last line after a crash, damage). */
  readonly skippedLines: number;
}

/** What the ledger needs of the machine it runs on (core/ledger/node gives Node's). */
export interface LedgerPlatform {
  readonly files: LedgerFiles;
  /** This process, as the append lock names its holder. */
  readonly self: { readonly pid: number; readonly host: string };
  /** Whether a process on this machine still runs (a lock held by a dead one is taken over). */
  readonly isAlive: (pid: number) => boolean;
  /** A random token that tells one lock holder from another. */
  readonly newToken: () => string;
}

export interface LedgerStoreOptions {
  readonly timers?: Timers;
  readonly log?: Logger;
  /** Tells the user, once per outage, that the ledger cannot be written and what to do. */
  readonly alert?: (message: string) => void;
  readonly retry?: RetryOptions;
  /** Save and use month digests (default true). */
  readonly digests?: boolean;
}

/**
 * The append-only call ledger: JSONL files in one folder, one record per line, one file per UTC month.
 * Writes go through an AppendQueue (never lost while the window lives, written once and in order when
 * the folder can be written again); reads through a LedgerIndex (incremental, deduplicated by id, this
 * window's records included before they reach the file); check-then-append through an AppendLock shared
 * with other windows.
 */
export class LedgerStore {
  readonly index: LedgerIndex;
  private readonly files: LedgerFiles;
  private readonly queue: AppendQueue;
  private readonly lock: AppendLock;
  private once: Promise<unknown> = Promise.resolve();
  private readonly appended = new Emitter<LedgerRecord>();
  /**
   * Fires once for each record this window files, as it is filed (before it reaches the file): what the
   * OpenTelemetry export counts, so each call is exported once, by the window that made it.
   */
  readonly onDidAppend: Event<LedgerRecord> = this.appended.event;

  constructor(platform: LedgerPlatform, private readonly options: LedgerStoreOptions = {}) {
    this.files = platform.files;
    const timers = options.timers ?? REAL_TIMERS;
    this.queue = new AppendQueue({ files: this.files, timers, log: options.log, alert: options.alert, retry: options.retry });
    this.index = new LedgerIndex(this.files, { timers, digests: options.digests });
    this.lock = new AppendLock({
      files: this.files,
      self: platform.self,
      isAlive: platform.isAlive,
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => timers.setTimeout(resolve, ms)),
      newToken: platform.newToken,
    });
  }

  get dir(): string {
    return this.files.dir;
  }

  get writeState(): LedgerWriteState {
    return this.queue.state;
  }

  get onDidChangeWriteState(): Event<LedgerWriteState> {
    return this.queue.onDidChangeState;
  }

  /**
   * Files a record. Resolves true once it is in the file, false when the folder cannot be written now: the
   * record is then kept in memory and written later (the user has been told). Readers count it at once.
   * Rejects only for a record whose time cannot be filed.
   */
  append(record: LedgerRecord): Promise<boolean> {
    try {
      fileForRecord(record);
    } catch (error) {
      return Promise.reject(error);
    }
    this.index.addLocal(record);
    const filed = this.queue.append(record);
    this.appended.fire(record);
    return filed;
  }

  /**
   * Files a record unless the ledger already holds its id (batch results, which polls, reloads and other
   * windows offer again). The check and the append hold the cross-window AppendLock, so two windows cannot
   * both find the id missing and both write it. When the month file cannot be read, what this window knows
   * decides (its own records and what it read before). Resolves true when the record was filed now.
   */
  appendOnce(record: LedgerRecord): Promise<boolean> {
    const run = this.once.then(() => this.appendOnceNow(record));
    this.once = run.catch(() => undefined);
    return run;
  }

  /** True when the ledger (its file or this window's records not yet in it) holds a record with this id. */
  async has(record: LedgerRecord): Promise<boolean> {
    await this.index.refreshFile(fileForRecord(record)).catch(() => undefined);
    return this.index.knows(record);
  }

  /** Brings the index up to date with the month files the range touches; rejects when they cannot be read. */
  refresh(range: TimeRange = {}): Promise<void> {
    return this.index.refresh(range);
  }

  /** Damaged lines in the month files the range touches (as far as the index read them). */
  skippedLines(range: TimeRange = {}): number {
    return this.index.skippedLines(range);
  }

  /**
   * The whole records in a range, read from the files (for exports and the budgets' first look at the
   * month; the report counts through the index), with this window's records not yet in the file.
   */
  async read(range: TimeRange = {}): Promise<LedgerReadResult> {
    const from = range.from?.getTime() ?? -Infinity;
    const to = range.to?.getTime() ?? Infinity;
    const byId = new Map<string, { record: LedgerRecord; at: number }>();
    const take = (record: LedgerRecord): void => {
      const at = Date.parse(record.time);
      if (at >= from && at < to && !byId.has(record.id)) byId.set(record.id, { record, at });
    };
    let skippedLines = 0;
    for (const name of monthFilesOverlapping(await this.files.list(), range)) {
      const parsed = parseLedgerLines((await this.files.readText(name)) ?? '');
      skippedLines += parsed.skipped;
      parsed.records.forEach(take);
    }
    this.queue.pending.forEach(take);
    // Months are read in order, but lines within a file are in write order, which two windows can mix.
    const found = [...byId.values()].sort((a, b) => a.at - b.at);
    return { records: found.map((f) => f.record), skippedLines };
  }

  dispose(): void {
    this.appended.dispose();
    this.queue.dispose();
    this.index.dispose();
  }

  private async appendOnceNow(record: LedgerRecord): Promise<boolean> {
    const file = fileForRecord(record);
    if (this.index.knows(record)) return false;
    const lock = await this.lock.acquire();
    try {
      try {
        await this.index.refreshFile(file);
      } catch (error) {
        this.options.log?.warn(`ledger: could not read ${file} to check for record ${record.id} (${ioErrorText(error)}); going by this window's records`);
      }
      if (this.index.knows(record)) return false;
      // Awaited under the lock: the next holder's read must find this line.
      await this.append(record);
      return true;
    } finally {
      await lock?.release();
    }
  }
}
