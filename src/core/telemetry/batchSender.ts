import type { Timers } from '../completion/trigger/debouncer';
import { BoundedQueue } from './boundedQueue';
import { retryDelayMs } from './retryBackoff';

/** The OpenTelemetry SDK's defaults for a batching log processor: queue 2,048 records, at most 512 per export. */
export const DEFAULT_QUEUE_CAPACITY = 2048;
export const MAX_BATCH_SIZE = 512;

export interface BatchSenderOptions<T> {
  /** Exports one batch; rejects when the export failed (the batch is then kept for a retry). */
  readonly send: (batch: readonly T[]) => Promise<void>;
  readonly intervalMs: number;
  readonly capacity?: number;
  readonly timers: Timers;
  /** For the retry jitter (retryBackoff.ts); none gives the plain schedule. */
  readonly random?: () => number;
  readonly onSent: () => void;
  readonly onFailed: (error: unknown) => void;
  /** Items dropped from the full queue since the last report: once per streak, after the next export that worked (or at shutdown). */
  readonly onDropped: (count: number) => void;
}

/**
 * Telemetry items waiting for export, sent in the background: an interval after the first item, in batches of
 * at most MAX_BATCH_SIZE, one export at a time. A failed batch goes back to the front of the queue and is retried
 * with backoff (1 s doubling, up to the interval); a full queue drops the oldest. Adding never waits and never
 * throws, so a call never waits for its telemetry.
 */
export class BatchSender<T> {
  private readonly queue: BoundedQueue<T>;
  /** Every send runs after the one before it: never two exports at once. */
  private chain: Promise<void> = Promise.resolve();
  private timer: { handle: unknown } | undefined;
  private sending = false;
  private consecutiveFailures = 0;
  private droppedReported = 0;
  private stopped = false;

  constructor(private readonly options: BatchSenderOptions<T>) {
    this.queue = new BoundedQueue<T>(options.capacity ?? DEFAULT_QUEUE_CAPACITY);
  }

  /** Items waiting for export. */
  get size(): number {
    return this.queue.size;
  }

  /** Items dropped since the start (the oldest, when the queue was full). */
  get dropped(): number {
    return this.queue.dropped;
  }

  add(item: T): void {
    if (this.stopped) return;
    this.queue.push(item);
    // A send under way takes what arrives meanwhile; a pending retry or interval already covers it.
    if (!this.timer && !this.sending) this.schedule(this.options.intervalMs);
  }

  /** Sends everything queued now; resolves whether or not it went (a failure is reported and retried later). */
  flush(): Promise<void> {
    this.cancelTimer();
    this.run();
    return this.chain;
  }

  /** Tries a last send, reports drops not yet reported, and stops: nothing is added or retried after. */
  async shutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelTimer();
    this.run();
    await this.chain;
    this.reportDrops();
  }

  /** Queues a drain after the sends already queued; `chain` settles when it is done. */
  private run(): void {
    // Reporting is the callers' code: should it throw, later sends must still run.
    this.chain = this.chain.then(() => this.drain()).catch((error: unknown) => this.options.onFailed(error));
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      while (this.queue.size > 0) {
        const batch = this.queue.take(MAX_BATCH_SIZE);
        try {
          await this.options.send(batch);
        } catch (error) {
          this.queue.putBack(batch);
          this.consecutiveFailures++;
          this.options.onFailed(error);
          if (!this.stopped) {
            const { intervalMs: capMs, random } = this.options;
            this.cancelTimer();
            this.schedule(retryDelayMs(this.consecutiveFailures, { capMs, random }));
          }
          return;
        }
        this.consecutiveFailures = 0;
        this.options.onSent();
        this.reportDrops();
      }
      this.cancelTimer();
    } finally {
      this.sending = false;
    }
  }

  private schedule(ms: number): void {
    const timer = {
      handle: this.options.timers.setTimeout(() => {
        if (this.timer === timer) this.timer = undefined;
        this.run();
      }, ms),
    };
    this.timer = timer;
  }

  private cancelTimer(): void {
    if (!this.timer) return;
    this.options.timers.clearTimeout(this.timer.handle);
    this.timer = undefined;
  }

  private reportDrops(): void {
    const unreported = this.queue.dropped - this.droppedReported;
    if (unreported === 0) return;
    this.droppedReported = this.queue.dropped;
    this.options.onDropped(unreported);
  }
}
