import type { CompletionAnswer } from '../answer';
import type { Timers } from '../trigger/debouncer';
import { cursorKey, typedSince, type CursorKey, type CursorText, type KeyLengths } from './cursorKey';

/** Why a request was closed before its answer was complete. */
export type AbortWhy = 'superseded' | 'abandoned' | 'timeout' | 'disposed';

/**
 * A completion request on the wire. Callers hold it while they wait; when the last one lets go (the
 * editor gave up on that position) it stays open a short grace time, so the next keystroke can adopt it
 * if the user is typing the very text it streams; otherwise it is aborted, which closes the HTTP request.
 */
export class Flight {
  readonly key: CursorKey;
  readonly controller = new AbortController();
  private streamed = '';
  private holders = 0;
  private grace: unknown;
  private finished = false;
  /** The cleaned completion for the flight's own position; undefined when there is none. */
  answer!: Promise<CompletionAnswer | undefined>;

  constructor(at: CursorText, lengths: KeyLengths, private readonly timers: Timers, private readonly graceMs: number) {
    this.key = cursorKey(at, lengths);
  }

  get done(): boolean {
    return this.finished;
  }

  get abortReason(): AbortWhy | undefined {
    return this.controller.signal.aborted ? (this.controller.signal.reason as AbortWhy) : undefined;
  }

  /** Runs the request; `run` gets the signal and a sink for the streamed text. */
  start(run: (signal: AbortSignal, sink: { onText(delta: string): void; onRestart(): void }) => Promise<CompletionAnswer | undefined>): this {
    this.answer = run(this.controller.signal, {
      onText: (delta) => { this.streamed += delta; },
      onRestart: () => { this.streamed = ''; },
    }).finally(() => {
      this.finished = true;
      this.timers.clearTimeout(this.grace);
    });
    return this;
  }

  /**
   * The text typed since this request was sent, if the answer streamed so far already starts with it
   * (or nothing was typed): then waiting for this answer beats asking again.
   */
  adoptable(now: CursorText, lengths: KeyLengths): string | undefined {
    if (this.finished || this.controller.signal.aborted) return undefined;
    const typed = typedSince(this.key, now, lengths);
    if (typed === undefined || typed === '') return typed;
    return withoutOpeningFence(this.streamed).startsWith(typed) ? typed : undefined;
  }

  /** A caller waits on the answer; call the returned function when it stops waiting. */
  hold(): () => void {
    this.holders++;
    this.timers.clearTimeout(this.grace);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holders === 0 && !this.finished) {
        this.grace = this.timers.setTimeout(() => this.abort('abandoned'), this.graceMs);
      }
    };
  }

  abort(why: AbortWhy): void {
    if (this.finished || this.controller.signal.aborted) return;
    this.timers.clearTimeout(this.grace);
    this.controller.abort(why);
  }
}

/** A chat model may open with a Markdown fence before the code; typed text is compared with the code. */
function withoutOpeningFence(streamed: string): string {
  if (!streamed.startsWith('```')) return streamed;
  const newline = streamed.indexOf('\n');
  return newline < 0 ? '' : streamed.slice(newline + 1);
}
