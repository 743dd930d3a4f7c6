import { REAL_TIMERS, type Timers } from '../completion/trigger/debouncer';
import { Emitter, type Event } from '../events/emitter';
import { inBackground } from '../log/background';
import type { Logger } from '../log/logger';
import { AppendQueue } from '../ledger/appendQueue';
import type { LedgerFiles } from '../ledger/ledgerFiles';
import { fileForRecord, monthFilesOverlapping, type TimeRange } from '../ledger/monthFiles';
import { parseSignalLines, type QualitySignal, type SignalName } from './signal';

/** What a signal says beyond its name: a share (0–1) or a finding's index. */
export interface SignalDetail {
  readonly value?: number;
  readonly item?: number;
}

export interface QualityLogOptions {
  readonly timers?: Timers;
  readonly log?: Logger;
  readonly now?: () => Date;
}

/**
 * The quality signals, append-only beside the call records in the ledger folder (`quality-YYYY-MM.jsonl`, one
 * file per UTC month of the signal): an export of the ledger folder carries both, so routing advice can be
 * worked out from it alone. Writes go through the ledger's AppendQueue (kept in memory and retried while the
 * folder cannot be written; the ledger itself tells the user about that).
 */
export class QualityLog {
  private readonly queue: AppendQueue<QualitySignal>;
  private readonly recorded = new Emitter<QualitySignal>();
  /** Fires for each signal as it is recorded in this window. */
  readonly onDidRecord: Event<QualitySignal> = this.recorded.event;
  private readonly now: () => Date;
  private readonly instance = Math.random().toString(36).slice(2, 8);
  private counter = 0;

  constructor(private readonly files: LedgerFiles, private readonly options: QualityLogOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.queue = new AppendQueue<QualitySignal>({
      files,
      timers: options.timers ?? REAL_TIMERS,
      log: options.log,
      fileFor: (signal) => fileForRecord(signal, 'quality'),
    });
  }

  /** Records a signal about the answer of the call `call` (a ledger record id); the write runs in the background. */
  record(call: string, name: SignalName, detail: SignalDetail = {}): QualitySignal {
    const signal: QualitySignal = {
      v: 1,
      id: `${this.now().getTime().toString(36)}-${this.instance}-${(this.counter++).toString(36)}`,
      time: this.now().toISOString(),
      call,
      name,
      ...(detail.value !== undefined ? { value: Math.min(1, Math.max(0, detail.value)) } : {}),
      ...(detail.item !== undefined ? { item: detail.item } : {}),
    };
    inBackground(this.queue.append(signal), this.options.log, 'quality log: writing');
    this.options.log?.info(`quality: ${name}${signal.value !== undefined ? ` ${signal.value.toFixed(2)}` : ''}${signal.item !== undefined ? ` (finding ${signal.item + 1})` : ''} for call ${call}`);
    this.recorded.fire(signal);
    return signal;
  }

  /**
   * The signals recorded in a range (by signal time), this window's unwritten ones included, oldest first, each
   * once. Signals come after their call: for calls from `from` on, read from `from` with no end.
   */
  async read(range: TimeRange = {}): Promise<{ signals: QualitySignal[]; skippedLines: number }> {
    const from = range.from?.getTime() ?? -Infinity;
    const to = range.to?.getTime() ?? Infinity;
    const byId = new Map<string, QualitySignal>();
    const take = (signal: QualitySignal): void => {
      const at = Date.parse(signal.time);
      if (at >= from && at < to && !byId.has(signal.id)) byId.set(signal.id, signal);
    };
    // Taken before the files are read: a signal written while they are read is then in one or the other.
    const unwritten = this.queue.pending;
    let skippedLines = 0;
    for (const name of monthFilesOverlapping(await this.files.list(), range, 'quality')) {
      const parsed = parseSignalLines((await this.files.readText(name)) ?? '');
      skippedLines += parsed.skipped;
      parsed.signals.forEach(take);
    }
    unwritten.forEach(take);
    this.queue.pending.forEach(take);
    const signals = [...byId.values()].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    return { signals, skippedLines };
  }

  dispose(): void {
    this.queue.dispose();
    this.recorded.dispose();
  }
}
