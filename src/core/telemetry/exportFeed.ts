import type { LedgerRecord } from '../ledger/record';
import type { QualitySignal } from '../quality/signal';
import { BoundedQueue } from './boundedQueue';

/** Where the feed's data goes: the OTLP export (src/telemetry/otlpExport.ts) has this shape. */
export interface TelemetrySink {
  recordCall(record: LedgerRecord): void;
  recordSignal(signal: QualitySignal, call: LedgerRecord | undefined): void;
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

type Item = { readonly call: LedgerRecord } | { readonly signal: QualitySignal };

export type FeedState = 'off' | 'waiting' | 'on';

export interface ExportFeedOptions {
  /** Items kept while waiting for the user's answer (the oldest dropped beyond it). */
  readonly waitingCapacity?: number;
  /** Recent ledger records kept so a later signal (accepted, dismissed) finds its call's model and task. */
  readonly recentCalls?: number;
  /** The sink could not be opened or threw: the feed is off now; say so (once) and what to do. */
  readonly failed: (error: unknown) => void;
}

export const DEFAULT_WAITING_CAPACITY = 2_048;
export const DEFAULT_RECENT_CALLS = 1_000;

/**
 * Between the ledger and quality log on one side and the export on the other. Off: nothing is kept and no
 * sink exists. Waiting (an endpoint the user has not yet allowed): items wait in a bounded queue. On: the
 * sink is opened on the first item (so the OpenTelemetry SDK loads only when there is something to send)
 * and gets every item; a sink that fails to open or throws turns the feed off. Never throws to its caller:
 * it is fed from the ledger's append, and a call must never fail because of telemetry.
 */
export class ExportFeed {
  private current: FeedState = 'off';
  private open: (() => TelemetrySink) | undefined;
  private sink: TelemetrySink | undefined;
  private waiting: BoundedQueue<Item>;
  private readonly recent = new Map<string, LedgerRecord>();
  private readonly waitingCapacity: number;
  private readonly recentCalls: number;

  constructor(private readonly options: ExportFeedOptions) {
    this.waitingCapacity = options.waitingCapacity ?? DEFAULT_WAITING_CAPACITY;
    this.recentCalls = options.recentCalls ?? DEFAULT_RECENT_CALLS;
    this.waiting = new BoundedQueue(this.waitingCapacity);
  }

  get state(): FeedState {
    return this.current;
  }

  /** Items dropped while waiting (the queue was full). */
  get droppedWhileWaiting(): number {
    return this.waiting.dropped;
  }

  /** Whether the sink has been opened (the SDK loaded): false until there was something to send. */
  get opened(): boolean {
    return this.sink !== undefined;
  }

  call(record: LedgerRecord): void {
    this.remember(record);
    this.add({ call: record });
  }

  signal(signal: QualitySignal): void {
    this.add({ signal });
  }

  /** Keep items until `start` or `stop` (an endpoint waiting for the user's answer). */
  hold(): void {
    if (this.current === 'on') throw new Error('the export feed is on: stop it before holding');
    this.current = 'waiting';
  }

  /** Sends everything from now on (and what waited) to the sink `open` makes, opened at the first item. */
  start(open: () => TelemetrySink): void {
    if (this.current === 'on') throw new Error('the export feed is on already: stop it first');
    this.current = 'on';
    this.open = open;
    if (this.waiting.size > 0) this.deliver(this.waiting.take());
  }

  /** Off: what waited is dropped, and the sink (if opened) is returned to be shut down (it sends what it holds). */
  stop(): TelemetrySink | undefined {
    const sink = this.sink;
    this.current = 'off';
    this.open = undefined;
    this.sink = undefined;
    this.waiting = new BoundedQueue(this.waitingCapacity);
    return sink;
  }

  /** Sends what the sink holds now (nothing to do when it was never opened). */
  async flush(): Promise<void> {
    await this.sink?.flush();
  }

  private add(item: Item): void {
    if (this.current === 'waiting') this.waiting.push(item);
    else if (this.current === 'on') this.deliver([item]);
  }

  private deliver(items: readonly Item[]): void {
    try {
      this.sink ??= this.open?.();
      const sink = this.sink;
      if (!sink) return;
      for (const item of items) {
        if ('call' in item) sink.recordCall(item.call);
        else sink.recordSignal(item.signal, this.recent.get(item.signal.call));
      }
    } catch (error) {
      const sink = this.stop();
      if (sink) void sink.shutdown().catch(() => undefined);
      this.options.failed(error);
    }
  }

  private remember(record: LedgerRecord): void {
    this.recent.delete(record.id);
    this.recent.set(record.id, record);
    // A Map iterates in insertion order: the first key is the oldest.
    if (this.recent.size > this.recentCalls) this.recent.delete(this.recent.keys().next().value as string);
  }
}
