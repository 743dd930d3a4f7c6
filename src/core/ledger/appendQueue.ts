import type { Timers } from '../completion/trigger/debouncer';
import { Emitter, type Event } from '../events/emitter';
import type { Logger } from '../log/logger';
import { AppendError, ioErrorText, type LedgerFiles } from './ledgerFiles';
import { fileForRecord } from './monthFiles';
import type { LedgerRecord } from './record';
import { inBackground } from '../log/background';

/** Whether the ledger file is being written; `failing`: records wait in memory until it can be. */
export type LedgerWriteState =
  | { readonly kind: 'writing' }
  | { readonly kind: 'failing'; readonly dir: string; readonly error: string; readonly pending: number };

export interface RetryOptions {
  readonly firstMs: number;
  readonly maxMs: number;
}

/** A second, then doubling: a folder made writable again is written within seconds, a long outage costs a try a minute. */
export const DEFAULT_RETRY: RetryOptions = { firstMs: 1_000, maxMs: 60_000 };

/** Lines per appendLines call while catching up, so one call never holds thousands of records. */
const MAX_LINES_PER_CALL = 500;

/** What the queue writes: a line with an id and a time (ledger records, quality signals). */
export interface QueuedLine {
  readonly id: string;
  readonly time: string;
}

export interface AppendQueueOptions<T extends QueuedLine = LedgerRecord> {
  readonly files: Pick<LedgerFiles, 'dir' | 'appendLines'>;
  /** The file a record goes to (default: the ledger's month file); throws for a record that cannot be filed. */
  readonly fileFor?: (record: T) => string;
  readonly timers: Timers;
  readonly log?: Logger;
  /** Tells the user, once per outage, what failed and what to do. */
  readonly alert?: (message: string) => void;
  readonly retry?: RetryOptions;
}

interface Entry<T> {
  readonly record: T;
  readonly file: string;
  readonly line: string;
  /** Resolves the append() that queued it: once, after its first attempt. */
  settle?: (written: boolean) => void;
}

const WRITING: LedgerWriteState = Object.freeze({ kind: 'writing' });

/**
 * The ledger's writes, in order, never lost while the process lives. A record is queued, then written;
 * when a write fails (read-only storage, disk full, the folder replaced by a file) the record and every
 * later one stay queued in memory, in order, and are tried again after a growing wait and whenever a new
 * record comes. A record leaves the queue only once its line is whole in the file (AppendError says how
 * many of a call's lines were), so each is written exactly once. The user is told once per outage, with
 * the folder and the OS error; the log says when the records were written after all.
 */
export class AppendQueue<T extends QueuedLine = LedgerRecord> {
  private readonly queue: Entry<T>[] = [];
  private flushing = false;
  private again = false;
  private failures = 0;
  private writtenSinceFailure = 0;
  private retryTimer: unknown;
  private current: LedgerWriteState = WRITING;
  private readonly changed = new Emitter<LedgerWriteState>();
  /** Fires when writing fails, when the number of records kept in memory changes while it does, and when it recovers. */
  readonly onDidChangeState: Event<LedgerWriteState> = this.changed.event;
  private readonly retry: RetryOptions;

  constructor(private readonly options: AppendQueueOptions<T>) {
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  get state(): LedgerWriteState {
    return this.current;
  }

  /** The records not yet in the file, oldest first (readers count them too). */
  get pending(): readonly T[] {
    return this.queue.map((e) => e.record);
  }

  /**
   * Queues a record and tries to write the queue. Resolves true when the record was written, false when
   * the attempt failed and it is kept in memory (the user has been told). Rejects only for a record whose
   * time cannot be filed.
   */
  append(record: T): Promise<boolean> {
    let file: string;
    try {
      file = (this.options.fileFor ?? fileForRecord)(record);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve) => {
      this.queue.push({ record, file, line: `${JSON.stringify(record)}\n`, settle: resolve });
      this.kick();
    });
  }

  dispose(): void {
    this.options.timers.clearTimeout(this.retryTimer);
    this.changed.dispose();
  }

  private kick(): void {
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = true;
    const flushed = this.flush().finally(() => {
      this.flushing = false;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
    inBackground(flushed, this.options.log, 'ledger: writing');
  }

  private async flush(): Promise<void> {
    this.options.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    while (this.queue.length > 0) {
      const { file } = this.queue[0];
      let count = 1;
      while (count < this.queue.length && count < MAX_LINES_PER_CALL && this.queue[count].file === file) count++;
      let failure: unknown;
      let written = count;
      try {
        await this.options.files.appendLines(file, this.queue.slice(0, count).map((e) => e.line));
      } catch (error) {
        failure = error;
        written = error instanceof AppendError ? Math.min(Math.max(0, error.written), count) : 0;
      }
      for (const entry of this.queue.splice(0, written)) settle(entry, true);
      if (this.current.kind === 'failing') this.writtenSinceFailure += written;
      if (failure !== undefined) {
        this.failed(failure);
        return;
      }
    }
    this.recovered();
  }

  private failed(failure: unknown): void {
    for (const entry of this.queue) settle(entry, false);
    const { dir } = this.options.files;
    const error = ioErrorText(failure);
    const before = this.current;
    this.failures++;
    this.setState({ kind: 'failing', dir, error, pending: this.queue.length });
    if (before.kind === 'writing') {
      this.writtenSinceFailure = 0;
      this.options.log?.error(`ledger: cannot write in ${dir} (${error}); ${plural(this.queue.length)} kept in memory, trying again`);
      this.options.alert?.(ledgerNotWrittenMessage(dir, error));
    } else if (before.error !== error) {
      this.options.log?.warn(`ledger: still cannot write in ${dir}, now: ${error}`);
    }
    const wait = Math.min(this.retry.maxMs, this.retry.firstMs * 2 ** Math.min(this.failures - 1, 30));
    this.retryTimer = this.options.timers.setTimeout(() => this.kick(), wait);
  }

  private recovered(): void {
    if (this.current.kind !== 'failing') return;
    this.options.log?.info(`ledger: writing in ${this.options.files.dir} again; the ${plural(this.writtenSinceFailure)} kept in memory are in the ledger now`);
    this.failures = 0;
    this.setState(WRITING);
  }

  private setState(state: LedgerWriteState): void {
    this.current = state;
    this.changed.fire(state);
  }
}

function settle<T>(entry: Entry<T>, written: boolean): void {
  entry.settle?.(written);
  entry.settle = undefined;
}

function plural(records: number): string {
  return records === 1 ? '1 record' : `${records} records`;
}

/** What the user is told when the ledger cannot be written: what failed, what happens now, what to do. */
export function ledgerNotWrittenMessage(dir: string, error: string): string {
  return (
    `The usage ledger cannot be written in ${dir} (${error}). Calls still work and count in this window's spend; ` +
    `their ledger records are kept in memory and written as soon as the folder can be written again (keep this window open until then). ` +
    `Make sure ${dir} is a folder you can write to, on a disk with free space.`
  );
}

/** One line for the status bar while the ledger is not being written; undefined while it is. */
export function ledgerProblemLine(state: LedgerWriteState): string | undefined {
  if (state.kind === 'writing') return undefined;
  return `The usage ledger is not being written: ${plural(state.pending)} kept in memory until ${state.dir} can be written (${state.error}).`;
}
