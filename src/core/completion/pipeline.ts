/**
 * The inline-completion pipeline, stage by stage (one folder each):
 *   trigger → cache (answers and in-flight requests) → debounce → context → prompt → request → postprocess
 * The cache is asked before the debounce: a hit costs nothing, so making it wait would only add latency.
 * Everything here is plain TypeScript; the editor layer turns VS Code's calls into `complete()`.
 * The parameters come with each call: the editor reads the settings once per keystroke, and every stage
 * of that keystroke (cache, debounce, context, prompt, request, postprocess) uses that one value.
 */
import type { CompletionAnswer } from './answer';
import { CompletionCache, type CacheOptions } from './cache/completionCache';
import type { CursorText, KeyLengths } from './cache/cursorKey';
import { Flight } from './cache/inflight';
import type { ContextSnippet } from './context/types';
import type { CompletionParameters } from './parameters';
import { postProcessCompletion } from './postprocess/postProcess';
import { buildCompletionPrompt, type CompletionPrompt } from './prompt/completionPrompt';
import type { CompletionRequester } from './request/completionRequest';
import { Debouncer, REAL_TIMERS, type Timers } from './trigger/debouncer';

/** Where a completion is wanted, as the editor layer describes it. */
export interface CompletionInput extends CursorText {
  /** Workspace-relative path, for the prompt. */
  readonly path: string;
  readonly languageId: string;
  /** The document line `prefix` starts on. */
  readonly prefixFirstLine: number;
}

/** What happened to calls so far: the bench's and the tests' view of waste. */
export interface PipelineStats {
  calls: number;
  cacheHits: number;
  adopted: number;
  /** Calls superseded by a newer keystroke while waiting out the debounce: no request sent. */
  debounced: number;
  requests: number;
  /** Requests closed before their answer was complete, by reason. */
  superseded: number;
  abandoned: number;
  timedOut: number;
  failed: number;
  /** Calls that returned a completion. */
  served: number;
}

export type PipelineEvent = 'cache-hit' | 'adopted' | 'debounced' | 'settled' | 'answered' | 'aborted' | 'failed';

export interface PipelineDeps {
  /** The context stage: snippets from other files for this position (the editor layer gathers them). */
  readonly snippets: (input: CompletionInput, parameters: CompletionParameters) => readonly ContextSnippet[];
  readonly request: CompletionRequester;
  readonly timers?: Timers;
  readonly now?: () => number;
  /** True while a request has been running longer than `slowAfterMs`; false when none has. */
  readonly onWorking?: (working: boolean) => void;
  /** A request failed for a reason other than being superseded (no key, budget, provider error). */
  readonly onError?: (error: unknown) => void;
  /** Each stage as it happens, with a high-resolution time (performance.now()). */
  readonly trace?: (event: PipelineEvent, at: number) => void;
}

export class CompletionPipeline {
  readonly stats: PipelineStats = { calls: 0, cacheHits: 0, adopted: 0, debounced: 0, requests: 0, superseded: 0, abandoned: 0, timedOut: 0, failed: 0, served: 0 };
  readonly cache: CompletionCache;
  private readonly timers: Timers;
  private readonly debouncer: Debouncer;
  private flight: Flight | undefined;
  private slowFlights = 0;

  constructor(private readonly deps: PipelineDeps) {
    this.timers = deps.timers ?? REAL_TIMERS;
    this.debouncer = new Debouncer(this.timers);
    this.cache = new CompletionCache(deps.now);
  }

  /**
   * The completion to show at `input` and the call it came from, or undefined. `parameters`: this
   * keystroke's, read once by the caller. `signal`: the editor no longer wants this one.
   */
  async complete(input: CompletionInput, parameters: CompletionParameters, signal?: AbortSignal): Promise<CompletionAnswer | undefined> {
    this.stats.calls++;

    const hit = this.cache.lookup(input, cacheOptions(parameters));
    if (hit) {
      this.stats.cacheHits++;
      this.trace('cache-hit');
      this.supersede();
      return this.served(hit);
    }

    const flight = this.flight;
    const typed = flight?.adoptable(input, keyLengths(parameters));
    if (flight && typed !== undefined) {
      this.stats.adopted++;
      this.trace('adopted');
      this.debouncer.cancel();
      const answer = await this.wait(flight, signal);
      return this.served(answer?.text.startsWith(typed) ? { text: answer.text.slice(typed.length), callId: answer.callId } : undefined);
    }
    this.supersede();

    if (!(await this.debouncer.settle(parameters.debounceMs, signal))) {
      this.stats.debounced++;
      this.trace('debounced');
      return undefined;
    }
    this.trace('settled');

    const snippets = this.deps.snippets(input, parameters);
    const prompt = buildCompletionPrompt(input, snippets, parameters);
    const launched = this.launch(input, prompt, parameters);
    return this.served(await this.wait(launched, signal));
  }

  /** Closes what is in flight (completions were turned off, or the editor is going away). */
  stop(): void {
    this.debouncer.cancel();
    this.flight?.abort('disposed');
  }

  dispose(): void {
    this.stop();
    this.cache.clear();
  }

  /** A newer keystroke: a pending debounce and a request in flight are both void now. */
  private supersede(): void {
    this.debouncer.cancel();
    if (this.flight && !this.flight.done) this.flight.abort('superseded');
  }

  private launch(input: CompletionInput, prompt: CompletionPrompt, parameters: CompletionParameters): Flight {
    const flight = new Flight(input, keyLengths(parameters), this.timers, parameters.adoptGraceMs);
    this.flight = flight;
    this.stats.requests++;
    flight.start(async (signal, sink) => {
      const limit = this.timers.setTimeout(() => flight.abort('timeout'), parameters.timeLimitMs);
      let slow = false;
      const slowTimer = this.timers.setTimeout(() => {
        slow = true;
        if (this.slowFlights++ === 0) this.deps.onWorking?.(true);
      }, parameters.slowAfterMs);
      try {
        const raw = await this.deps.request(prompt, signal, sink, parameters.maxOutputTokens);
        const text = postProcessCompletion(raw.text, { prefix: prompt.prefix, suffix: prompt.suffix, languageId: input.languageId }, parameters);
        this.cache.store(input, { text: text ?? '', callId: raw.callId }, cacheOptions(parameters));
        this.trace('answered');
        return text ? { text, callId: raw.callId } : undefined;
      } catch (error) {
        const why = flight.abortReason;
        if (why) {
          if (why === 'timeout') this.stats.timedOut++;
          else if (why === 'superseded') this.stats.superseded++;
          else if (why === 'abandoned') this.stats.abandoned++;
          this.trace('aborted');
        } else {
          this.stats.failed++;
          this.trace('failed');
          this.deps.onError?.(error);
        }
        return undefined;
      } finally {
        this.timers.clearTimeout(limit);
        this.timers.clearTimeout(slowTimer);
        if (slow && --this.slowFlights === 0) this.deps.onWorking?.(false);
      }
    });
    return flight;
  }

  /** The flight's answer, or undefined as soon as the editor stops wanting it. */
  private async wait(flight: Flight, signal?: AbortSignal): Promise<CompletionAnswer | undefined> {
    const release = flight.hold();
    try {
      if (!signal) return await flight.answer;
      if (signal.aborted) return undefined;
      let onAbort = () => {};
      const aborted = new Promise<undefined>((resolve) => {
        onAbort = () => resolve(undefined);
        signal.addEventListener('abort', onAbort, { once: true });
      });
      try {
        return await Promise.race([flight.answer, aborted]);
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    } finally {
      release();
    }
  }

  private served(answer: CompletionAnswer | undefined): CompletionAnswer | undefined {
    if (!answer?.text) return undefined;
    this.stats.served++;
    return { text: answer.text, callId: answer.callId };
  }

  private trace(event: PipelineEvent): void {
    this.deps.trace?.(event, performance.now());
  }
}

function keyLengths(parameters: CompletionParameters): KeyLengths {
  return { prefixChars: parameters.cacheKeyPrefixChars, suffixChars: parameters.cacheKeySuffixChars };
}

function cacheOptions(parameters: CompletionParameters): CacheOptions {
  return { ...keyLengths(parameters), entries: parameters.cacheEntries, ttlMs: parameters.cacheTtlMs };
}
