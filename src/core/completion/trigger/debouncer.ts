/** setTimeout and clearTimeout, injectable so a scripted typing session can run on a virtual clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Waits for a pause in typing: each call supersedes the one before, and only the latest call that sees
 * its full quiet time go by resolves true. A superseded or cancelled wait resolves false at once.
 */
export class Debouncer {
  private pending: { handle: unknown; resolve: (settled: boolean) => void } | undefined;

  constructor(private readonly timers: Timers = REAL_TIMERS) {}

  settle(ms: number, signal?: AbortSignal): Promise<boolean> {
    this.cancel();
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const finish = (settled: boolean) => {
        if (this.pending?.resolve !== finish) return;
        this.timers.clearTimeout(this.pending.handle);
        this.pending = undefined;
        signal?.removeEventListener('abort', onAbort);
        resolve(settled);
      };
      const onAbort = () => finish(false);
      this.pending = { handle: this.timers.setTimeout(() => finish(true), ms), resolve: finish };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Ends a pending wait as superseded. */
  cancel(): void {
    this.pending?.resolve(false);
  }
}
