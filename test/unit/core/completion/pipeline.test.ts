import assert from 'node:assert/strict';
import type { CompletionAnswer } from '../../../../src/core/completion/answer';
import { COMPLETION_DEFAULTS, type CompletionParameters } from '../../../../src/core/completion/parameters';
import { CompletionPipeline, type CompletionInput } from '../../../../src/core/completion/pipeline';
import type { CompletionRequester } from '../../../../src/core/completion/request/completionRequest';
import { flushMicrotasks, ManualClock } from '../../../fixtures/manualClock';

/** A request stage under the test's control: each call waits until the test answers or it is aborted. */
class ScriptedRequests {
  readonly calls: { signal: AbortSignal; answer(text: string): void; fail(error: Error): void; stream(delta: string): void }[] = [];
  /** Each request is its own call: the n-th (from 1) is recorded as `call-n`. */
  readonly requester: CompletionRequester = (_prompt, signal, sink) => new Promise<CompletionAnswer>((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    const callId = `call-${this.calls.length + 1}`;
    this.calls.push({ signal, answer: (text) => resolve({ text, callId }), fail: reject, stream: (delta) => sink.onText(delta) });
  });
}

function at(prefix: string, suffix = '\n'): CompletionInput {
  return { document: 'file:///a.ts', offset: prefix.length, prefix, suffix, path: 'a.ts', languageId: 'typescript', prefixFirstLine: 0 };
}

describe('completion pipeline', () => {
  let clock: ManualClock;
  let requests: ScriptedRequests;
  let working: boolean[];
  let errors: unknown[];
  let pipeline: CompletionPipeline;

  beforeEach(() => {
    clock = new ManualClock();
    requests = new ScriptedRequests();
    working = [];
    errors = [];
    pipeline = new CompletionPipeline({
      snippets: () => [],
      request: requests.requester,
      timers: clock,
      now: () => clock.now,
      onWorking: (w) => working.push(w),
      onError: (e) => errors.push(e),
    });
  });
  afterEach(() => pipeline.dispose());

  it('a slow request shows the working state after slowAfterMs and clears it when it ends', async () => {
    const shown = pipeline.complete(at('const x = '), COMPLETION_DEFAULTS);
    await clock.advance(COMPLETION_DEFAULTS.debounceMs);
    assert.equal(requests.calls.length, 1);
    await clock.advance(COMPLETION_DEFAULTS.slowAfterMs - 1);
    assert.deepEqual(working, [], 'not slow yet');
    await clock.advance(1);
    assert.deepEqual(working, [true]);
    requests.calls[0].answer('42;');
    assert.deepEqual(await shown, { text: '42;', callId: 'call-1' });
    assert.deepEqual(working, [true, false]);
  });

  it('an answer served again from the cache still names the call that produced it', async () => {
    const shown = pipeline.complete(at('const x = '), COMPLETION_DEFAULTS);
    await clock.advance(COMPLETION_DEFAULTS.debounceMs);
    requests.calls[0].answer('items.length;');
    assert.deepEqual(await shown, { text: 'items.length;', callId: 'call-1' });
    assert.deepEqual(await pipeline.complete(at('const x = ite'), COMPLETION_DEFAULTS), { text: 'ms.length;', callId: 'call-1' }, 'typed into it');
    assert.deepEqual(await pipeline.complete(at('const x = '), COMPLETION_DEFAULTS), { text: 'items.length;', callId: 'call-1' }, 'back at the same place');
    assert.equal(requests.calls.length, 1, 'no new request');
  });

  it('a fast request never shows the working state', async () => {
    const shown = pipeline.complete(at('const x = '), COMPLETION_DEFAULTS);
    await clock.advance(COMPLETION_DEFAULTS.debounceMs);
    requests.calls[0].answer('1;');
    assert.deepEqual(await shown, { text: '1;', callId: 'call-1' });
    await clock.advance(COMPLETION_DEFAULTS.slowAfterMs * 2);
    assert.deepEqual(working, []);
  });

  it('the overall time limit aborts the request and shows nothing', async () => {
    const shown = pipeline.complete(at('const x = '), COMPLETION_DEFAULTS);
    await clock.advance(COMPLETION_DEFAULTS.debounceMs + COMPLETION_DEFAULTS.timeLimitMs);
    assert.equal(requests.calls[0].signal.aborted, true);
    assert.equal(await shown, undefined);
    assert.equal(pipeline.stats.timedOut, 1);
    assert.deepEqual(errors, [], 'a timeout is not reported as a failure');
  });

  it('a failed request is reported once and shows nothing; nothing is cached for it', async () => {
    const shown = pipeline.complete(at('const x = '), COMPLETION_DEFAULTS);
    await clock.advance(COMPLETION_DEFAULTS.debounceMs);
    requests.calls[0].fail(new Error('rate limited'));
    assert.equal(await shown, undefined);
    assert.deepEqual(errors.map((e) => (e as Error).message), ['rate limited']);
    const again = pipeline.complete(at('const x = '), COMPLETION_DEFAULTS);
    await clock.advance(COMPLETION_DEFAULTS.debounceMs);
    assert.equal(requests.calls.length, 2, 'asked again');
    requests.calls[1].answer('2;');
    assert.deepEqual(await again, { text: '2;', callId: 'call-2' });
  });

  it('a request the editor gave up on is closed after the grace time unless a new call adopts it', async () => {
    const cancel = new AbortController();
    const first = pipeline.complete(at('const x = '), COMPLETION_DEFAULTS, cancel.signal);
    await clock.advance(COMPLETION_DEFAULTS.debounceMs);
    cancel.abort(); // the editor moved on and asks nothing else
    assert.equal(await first, undefined);
    await clock.advance(COMPLETION_DEFAULTS.adoptGraceMs - 1);
    assert.equal(requests.calls[0].signal.aborted, false, 'still open within the grace time');
    await clock.advance(1);
    assert.equal(requests.calls[0].signal.aborted, true);
    assert.equal(pipeline.stats.abandoned, 1);
  });

  it('within the grace time, typing what the request streams adopts it', async () => {
    const cancel = new AbortController();
    const first = pipeline.complete(at('const x = '), COMPLETION_DEFAULTS, cancel.signal);
    await clock.advance(COMPLETION_DEFAULTS.debounceMs);
    requests.calls[0].stream('```ts\nite');
    cancel.abort();
    const next = pipeline.complete(at('const x = i'), COMPLETION_DEFAULTS);
    await clock.advance(COMPLETION_DEFAULTS.adoptGraceMs * 2);
    assert.equal(requests.calls[0].signal.aborted, false, 'adopted, so kept open');
    requests.calls[0].answer('```ts\nitems.length;\n```');
    assert.deepEqual(await next, { text: 'tems.length;', callId: 'call-1' }, 'the shared answer names the call that produced it');
    assert.equal(await first, undefined, 'the cancelled call shows nothing');
    assert.equal(requests.calls.length, 1);
    assert.equal(pipeline.stats.adopted, 1);
  });

  it('a keystroke that does not match what is streaming closes the request at once', async () => {
    const first = pipeline.complete(at('const x = '), COMPLETION_DEFAULTS);
    await clock.advance(COMPLETION_DEFAULTS.debounceMs);
    requests.calls[0].stream('items');
    const second = pipeline.complete(at('const x = z'), COMPLETION_DEFAULTS);
    await flushMicrotasks();
    assert.equal(requests.calls[0].signal.aborted, true);
    assert.equal(pipeline.stats.superseded, 1);
    assert.equal(await first, undefined, 'the superseded call shows nothing');
    pipeline.stop();
    assert.equal(await second, undefined);
  });

  it('stop() closes the request in flight and a pending debounce', async () => {
    const waiting = pipeline.complete(at('a = '), COMPLETION_DEFAULTS);
    pipeline.stop();
    assert.equal(await waiting, undefined);
    const inFlight = pipeline.complete(at('b = '), COMPLETION_DEFAULTS);
    await clock.advance(COMPLETION_DEFAULTS.debounceMs);
    pipeline.stop();
    assert.equal(requests.calls[0].signal.aborted, true);
    assert.equal(await inFlight, undefined);
  });

  it("each keystroke's parameters, given with the call, are the ones every stage of it uses", async () => {
    const seen: { snippets: CompletionParameters[]; maxOutputTokens: number[] } = { snippets: [], maxOutputTokens: [] };
    const own = new CompletionPipeline({
      snippets: (_input, parameters) => {
        seen.snippets.push(parameters);
        return [];
      },
      request: async (_prompt, _signal, _sink, maxOutputTokens) => {
        seen.maxOutputTokens.push(maxOutputTokens);
        return { text: 'done;', callId: `call-${seen.maxOutputTokens.length}` };
      },
      timers: clock,
      now: () => clock.now,
    });
    // The user changes the settings between two keystrokes: a shorter debounce, a smaller answer.
    const before = { ...COMPLETION_DEFAULTS, debounceMs: 40, maxOutputTokens: 99 };
    const after = { ...COMPLETION_DEFAULTS, debounceMs: 10, maxOutputTokens: 7 };
    const first = own.complete(at('const x = '), before);
    await clock.advance(39);
    assert.deepEqual(seen.maxOutputTokens, [], 'its own debounce, not the default');
    await clock.advance(1);
    assert.deepEqual(await first, { text: 'done;', callId: 'call-1' });
    const second = own.complete(at('const y = '), after);
    await clock.advance(10);
    assert.deepEqual(await second, { text: 'done;', callId: 'call-2' });
    assert.deepEqual(seen.maxOutputTokens, [99, 7]);
    assert.equal(seen.snippets[0], before);
    assert.equal(seen.snippets[1], after);
    own.dispose();
  });
});
