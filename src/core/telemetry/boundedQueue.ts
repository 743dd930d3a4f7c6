/**
 * A first-in first-out queue that holds at most `capacity` items: adding to a full queue drops the oldest and
 * counts it. Telemetry waits here while the collector is down or the user has not yet allowed an endpoint; the
 * newest data is the most useful then, and the count of drops is reported rather than the memory growing.
 */
export class BoundedQueue<T> {
  private items: T[] = [];
  private droppedCount = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, not ${capacity}`);
  }

  get size(): number {
    return this.items.length;
  }

  /** Items dropped since the queue was made (never reset: a running total to report). */
  get dropped(): number {
    return this.droppedCount;
  }

  push(item: T): void {
    this.items.push(item);
    this.trim();
  }

  /** Removes and returns up to `max` of the oldest items. */
  take(max: number = this.items.length): T[] {
    return this.items.splice(0, Math.max(0, max));
  }

  /**
   * Puts items taken earlier back in front (an export that failed), oldest first. Newer items already queued
   * stay; when the whole no longer fits, the oldest go.
   */
  putBack(items: readonly T[]): void {
    this.items = [...items, ...this.items];
    this.trim();
  }

  private trim(): void {
    const over = this.items.length - this.capacity;
    if (over > 0) {
      this.items.splice(0, over);
      this.droppedCount += over;
    }
  }
}
