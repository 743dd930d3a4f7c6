import type { Timers } from '../completion/trigger/debouncer';
import { callRow, type CallRow, type Disposable, type RowSink } from './callRow';
import { decodeDigest, digestName, encodeDigest } from './digest';
import type { FileStat, LedgerFiles } from './ledgerFiles';
import { parseLedgerLines } from './ledgerLines';
import { fileForRecord, monthFilesOverlapping, type TimeRange } from './monthFiles';
import type { LedgerRecord } from './record';

const NEWLINE = 0x0a;
/** Bytes kept from a file's start and from just before its read offset, to notice a file rewritten under the same name. */
const TAIL_BYTES = 64;
/** A month file's digest is saved again once this much more of the file was read (~600 records). */
const DIGEST_AFTER_BYTES = 256 * 1024;
/** Digests are written a while after the read that made them due, off the path of whatever asked. */
const DIGEST_DELAY_MS = 2_000;

interface FileState {
  identity: string;
  /** Bytes read and counted: always the end of a whole line. */
  offset: number;
  tail: Uint8Array;
  /** The file's first bytes (as far as read), saved in its digest. */
  head: Uint8Array;
  /** Damaged whole lines before `offset`. */
  skipped: number;
  /** Bytes after the last whole line: a line being written, or a torn one. */
  partial: boolean;
  /** False for a state taken from a digest until the file's bytes were checked against it. */
  verified: boolean;
  /** The rows this file holds (duplicates of an id seen before left out), in file order. */
  readonly rows: CallRow[];
  /** Their ids, built when first needed (a digest's rows are already unique). */
  ids?: Set<string>;
  /** How far the digest on disk covers; a digest is due when `offset` is well past it. */
  digestOffset: number;
}

export interface LedgerIndexOptions {
  readonly timers: Timers;
  /** Save and use month digests (default true). */
  readonly digests?: boolean;
}

/**
 * The ledger as read so far, kept up to date by reading only what was appended since. For each month
 * file it remembers how far it read (always the end of a whole line: a torn or half-written last line is
 * read again next time, once it is whole or ended), the file's identity and the bytes just before that
 * point; a file that shrank, was replaced or rewritten is dropped and read from the start. Records are
 * deduplicated by id within their month file (two windows may both append the same batch result; a record's
 * time, so its month, is part of it, so a copy is always in the same file). This process's own records
 * count from the moment they are appended, before (or without) reaching the file. Rows feed sinks such
 * as the report's per-day aggregates, so a new call costs only its own record everywhere.
 */
export class LedgerIndex {
  private readonly files = new Map<string, FileState>();
  /** This process's records not yet read back from a file (written or waiting to be). */
  private readonly local = new Map<string, CallRow>();
  private readonly sinks = new Set<RowSink>();
  private serial: Promise<unknown> = Promise.resolve();
  private digestTimer: unknown;
  private digestWrites: Promise<void> = Promise.resolve();

  constructor(
    private readonly io: Pick<LedgerFiles, 'list' | 'stat' | 'read' | 'readBytes' | 'writeAtomic'>,
    private readonly options: LedgerIndexOptions,
  ) {}

  /** Offers the sink every row known now and each one from now on. */
  attach(sink: RowSink): Disposable {
    this.sinks.add(sink);
    for (const row of this.rows()) sink.add(row);
    return { dispose: () => this.sinks.delete(sink) };
  }

  /** Every row: the files' and this process's own not yet read back. */
  *rows(): Iterable<CallRow> {
    for (const state of this.files.values()) yield* state.rows;
    yield* this.local.values();
  }

  /** Counts a record of this process's from now, before it reaches the file. */
  addLocal(record: LedgerRecord): void {
    if (this.knows(record)) return;
    const row = callRow(record);
    this.local.set(row.id, row);
    for (const sink of this.sinks) sink.add(row);
  }

  /** Whether a record with this id is counted: this process's, or in its month file as far as it was read. */
  knows(record: Pick<LedgerRecord, 'id' | 'time'>): boolean {
    if (this.local.has(record.id)) return true;
    const state = this.files.get(fileForRecord(record));
    return state !== undefined && idsOf(state).has(record.id);
  }

  /** Reads what was appended to the month files the range touches; rejects when the folder cannot be read. */
  async refresh(range: TimeRange = {}): Promise<void> {
    const names = monthFilesOverlapping(await this.io.list(), range);
    for (const [name, state] of this.files) {
      if (!names.includes(name) && monthFilesOverlapping([name], range).length > 0) this.drop(name, state);
    }
    for (const name of names) await this.refreshFile(name);
  }

  /** Reads what was appended to one month file (reads of the index never overlap, so no byte is counted twice). */
  refreshFile(name: string): Promise<void> {
    const run = this.serial.then(() => this.readNew(name));
    this.serial = run.catch(() => undefined);
    return run;
  }

  /** Damaged lines in the month files the range touches, as far as they were read (a torn last line included). */
  skippedLines(range: TimeRange = {}): number {
    let skipped = 0;
    for (const name of monthFilesOverlapping([...this.files.keys()], range)) {
      const state = this.files.get(name) as FileState;
      skipped += state.skipped + (state.partial ? 1 : 0);
    }
    return skipped;
  }

  /** Writes the digests that are due now (they are otherwise written shortly after the read that made them due). */
  writeDigests(): Promise<void> {
    this.options.timers.clearTimeout(this.digestTimer);
    this.digestTimer = undefined;
    for (const [name, state] of this.files) {
      if (state.offset - state.digestOffset < DIGEST_AFTER_BYTES) continue;
      state.digestOffset = state.offset;
      this.digestWrites = this.digestWrites.then(async () => {
        if (this.files.get(name) !== state) return; // dropped meanwhile
        const bytes = encodeDigest({ identity: state.identity, offset: state.offset, head: state.head, tail: state.tail, skipped: state.skipped, rows: state.rows });
        // A digest is a cache: one that cannot be written (a read-only folder) costs a slower start, nothing else.
        if (bytes) await this.io.writeAtomic(digestName(name), bytes).catch(() => undefined);
      });
    }
    return this.digestWrites;
  }

  dispose(): void {
    this.options.timers.clearTimeout(this.digestTimer);
    this.sinks.clear();
  }

  private async readNew(name: string): Promise<void> {
    const stat = await this.io.stat(name);
    let state = this.files.get(name);
    if (!stat) {
      if (state) this.drop(name, state);
      return;
    }
    if (state && (state.identity !== stat.identity || stat.size < state.offset)) {
      this.drop(name, state);
      state = undefined;
    }
    state ??= await this.start(name, stat, true);
    if (stat.size === state.offset && state.verified) return;
    const head = state.tail.length;
    let bytes = await this.io.read(name, state.offset - head, stat.size);
    if (bytes.length < head || !startsWith(bytes, state.tail)) {
      // Not the bytes read last time (or not what the digest described): the file was rewritten. Read it anew.
      this.drop(name, state);
      state = await this.start(name, stat, false);
      bytes = await this.io.read(name, 0, stat.size);
    }
    state.verified = true;
    this.consume(state, bytes, state.tail.length);
    if (state.offset - state.digestOffset >= DIGEST_AFTER_BYTES && this.options.digests !== false && this.digestTimer === undefined) {
      this.digestTimer = this.options.timers.setTimeout(() => {
        // A digest is a cache: writeDigests never rejects (a failed write only costs a slower start).
        this.writeDigests().catch(() => undefined);
      }, DIGEST_DELAY_MS);
    }
  }

  /** A new state for a file, from its digest when one matches what the file is now. */
  private async start(name: string, stat: FileStat, useDigest: boolean): Promise<FileState> {
    const state: FileState = { identity: stat.identity, offset: 0, tail: new Uint8Array(0), head: new Uint8Array(0), skipped: 0, partial: false, verified: true, rows: [], digestOffset: 0 };
    this.files.set(name, state);
    if (!useDigest || this.options.digests === false) return state;
    const bytes = await this.io.readBytes(digestName(name)).catch(() => undefined);
    const digest = bytes === undefined ? undefined : decodeDigest(bytes);
    if (!digest || digest.identity !== stat.identity || digest.offset > stat.size) return state;
    // The tail is checked with the next read; a file rewritten in place from its start shows at its head.
    const head = await this.io.read(name, 0, digest.head.length);
    if (head.length !== digest.head.length || !startsWith(head, digest.head)) return state;
    Object.assign(state, { offset: digest.offset, head: digest.head, tail: digest.tail, skipped: digest.skipped, verified: false, digestOffset: digest.offset });
    for (const row of digest.rows) this.ingest(row, state, false);
    return state;
  }

  /** Counts the whole lines in `bytes` after its first `head` bytes (which are the state's tail). */
  private consume(state: FileState, bytes: Uint8Array, head: number): void {
    const body = bytes.subarray(head);
    const lastNewline = body.lastIndexOf(NEWLINE);
    state.partial = lastNewline < body.length - 1;
    if (lastNewline < 0) return;
    // Only whole lines are decoded, so a character is never cut in two.
    const { records, skipped } = parseLedgerLines(new TextDecoder().decode(body.subarray(0, lastNewline + 1)));
    state.skipped += skipped;
    for (const record of records) this.ingest(callRow(record), state, true);
    state.offset += lastNewline + 1;
    const end = head + lastNewline + 1;
    state.tail = bytes.slice(Math.max(0, end - TAIL_BYTES), end);
    if (state.head.length < TAIL_BYTES && head === 0 && state.offset === lastNewline + 1) state.head = bytes.slice(0, Math.min(TAIL_BYTES, end));
  }

  /** Adds a row the file holds; `dedupe`: it may repeat an id the file holds already. */
  private ingest(row: CallRow, state: FileState, dedupe: boolean): void {
    const own = this.local.get(row.id);
    if (own) {
      // Our own record, read back from the file: already counted.
      this.local.delete(row.id);
      state.rows.push(own);
      state.ids?.add(own.id);
      return;
    }
    if (dedupe) {
      const ids = idsOf(state);
      if (ids.has(row.id)) return; // a copy of a record already counted
      ids.add(row.id);
    } else {
      state.ids?.add(row.id);
    }
    state.rows.push(row);
    for (const sink of this.sinks) sink.add(row);
  }

  /** Forgets a file's rows (it is gone, or is read anew); sinks are offered every remaining row again. */
  private drop(name: string, state: FileState): void {
    if (this.files.get(name) !== state) return;
    this.files.delete(name);
    for (const sink of this.sinks) {
      sink.clear();
      for (const row of this.rows()) sink.add(row);
    }
  }
}

function idsOf(state: FileState): Set<string> {
  state.ids ??= new Set(state.rows.map((r) => r.id));
  return state.ids;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}
