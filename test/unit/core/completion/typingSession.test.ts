/**
 * A scripted typing session against the fake provider server, through the real model service and the
 * real OpenAI SDK: what goes on the wire for what the user types. Keystroke timing runs on a virtual
 * clock, so "inside the debounce window" is exact; the HTTP is real.
 */
import assert from 'node:assert/strict';
import { CompletionPipeline } from '../../../../src/core/completion/pipeline';
import { modelServiceRequester } from '../../../../src/core/completion/request/completionRequest';
import { ManualClock } from '../../../fixtures/manualClock';
import { ScriptedEditor } from '../../../fixtures/scriptedEditor';
import { startFakeProviders, type FakeProviders } from '../../../fake-providers/server';
import { createHarness, type Harness } from '../../../fixtures/modelHarness';

const GAP = 80; // ms between keystrokes: well inside the 300 ms debounce
const PAUSE = 300;

async function until(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('inline completions: a scripted typing session (real SDK, fake server)', () => {
  let fake: FakeProviders;
  let h: Harness;
  let clock: ManualClock;
  let pipeline: CompletionPipeline;
  let editor: ScriptedEditor;
  /** Characters streamed to the pipeline so far, across requests. */
  let streamed: number;
  const modelCalls = () => fake.requests().filter((r) => r.path === '/v1/responses');

  before(async () => {
    fake = await startFakeProviders();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.reset();
    h = createHarness(fake);
    clock = new ManualClock();
    streamed = 0;
    const request = modelServiceRequester(h.service);
    pipeline = new CompletionPipeline({
      snippets: () => [],
      request: (prompt, signal, sink, maxOutputTokens) => request(prompt, signal, {
        onText: (delta) => {
          streamed += delta.length;
          sink.onText(delta);
        },
        onRestart: sink.onRestart,
      }, maxOutputTokens),
      timers: clock,
      now: () => clock.now,
    });
    editor = new ScriptedEditor(pipeline, clock);
    editor.open('function add(a: number, b: number): number {\n|\n}\n');
  });
  afterEach(() => {
    pipeline.dispose();
    h.cleanup();
  });

  it('sends no request for keystrokes inside the debounce window, one after the pause', async () => {
    fake.script({ match: { provider: 'openai' }, reply: { text: ' a + b;' } });
    const answers = await editor.type('  return', GAP);
    assert.equal(modelCalls().length, 0, 'nothing sent while typing');
    await clock.advance(PAUSE - GAP);
    assert.equal(await answers.at(-1), ' a + b;');
    assert.equal(modelCalls().length, 1);
    assert.deepEqual(await Promise.all(answers.slice(0, -1)), Array(7).fill(undefined));
    assert.equal(pipeline.stats.debounced, 7);
    const body = modelCalls()[0].body as { reasoning: unknown; max_output_tokens: number; prompt_cache_key: string };
    assert.deepEqual(body.reasoning, { effort: 'none' }, 'completions ask for no reasoning');
    assert.equal(body.max_output_tokens, 256);
    assert.match(body.prompt_cache_key, /^tandem-completion-/);
  });

  it('serves typing forward into a completion, and backspacing to it, from the cache', async () => {
    fake.script({ match: { provider: 'openai' }, reply: { text: ' a + b;' } });
    const answers = await editor.type('  return', GAP);
    await clock.advance(PAUSE);
    assert.equal(await answers.at(-1), ' a + b;');

    const forward = await Promise.all(await editor.type(' a +', GAP));
    assert.deepEqual(forward, ['a + b;', ' + b;', '+ b;', ' b;']);
    const backspaced: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      backspaced.push(await editor.press('Backspace'));
      await clock.advance(GAP);
    }
    assert.deepEqual(backspaced, ['+ b;', ' + b;', 'a + b;', ' a + b;']);
    await clock.advance(PAUSE * 3);
    assert.equal(modelCalls().length, 1, 'one request for the whole episode');
    assert.equal(pipeline.stats.cacheHits, 8);
  });

  it('closes every superseded request on the wire, before or during its stream, and records each in the ledger', async () => {
    fake.script(
      { match: { provider: 'openai' }, reply: { text: ' a + b;' }, chunkDelayMs: 500 },
      { match: { provider: 'openai' }, reply: { text: ' a - b;' } },
      { match: { provider: 'openai' }, reply: { text: ' + 1; // and a long enough answer to stream for a while' }, chunkDelayMs: 40 },
      { match: { provider: 'openai' }, reply: { text: ' * 2;' } },
    );
    const typing = await editor.type('  return', GAP);
    await clock.advance(PAUSE);
    await until(() => modelCalls().length === 1, 'the first request on the wire');
    const first = editor.press('x'); // before any text came back: this request is void
    await until(() => modelCalls()[0].outcome !== 'pending', 'the first request to end');
    assert.equal(modelCalls()[0].outcome, 'client-closed');
    await clock.advance(PAUSE);
    assert.equal(await first, ' a - b;', 'asked again after the pause');
    await until(() => modelCalls().length === 2 && modelCalls()[1].outcome !== 'pending', 'the second answer');

    const third = await editor.type(' y', GAP);
    await clock.advance(PAUSE);
    await until(() => streamed > ' a - b;'.length, 'the third answer to start streaming');
    const zed = editor.press('z'); // 'z' is not what it is streaming: closed mid-stream
    await until(() => modelCalls()[2].outcome !== 'pending', 'the third request to end');
    assert.equal(modelCalls()[2].outcome, 'client-closed');
    assert.equal(await third.at(-1), undefined);
    const last = editor.press(';');
    await clock.advance(PAUSE);
    assert.equal(await last, ' * 2;');
    assert.equal(await zed, undefined, 'the keystroke that closed the stream shows nothing of its own');
    assert.ok((await Promise.all(typing)).every((answer) => answer === undefined), 'keystrokes before the first answer show nothing');

    assert.deepEqual(modelCalls().map((r) => r.outcome), ['client-closed', 'completed', 'client-closed', 'completed']);
    assert.equal(pipeline.stats.superseded, 2);
    const { records } = await h.ledger.read();
    assert.deepEqual(records.map((r) => [r.task, r.outcome]), [
      ['completion', 'cancelled'], ['completion', 'ok'], ['completion', 'cancelled'], ['completion', 'ok'],
    ]);
    assert.equal(h.session.totals.calls, 4);
    assert.equal(h.session.totals.costMicroUsd, records.reduce((sum, r) => sum + r.costMicroUsd, 0));
    assert.ok(records.filter((r) => r.outcome === 'ok').every((r) => r.costMicroUsd > 0 && !r.estimated));
    // A request closed before its response headers was refused and costs nothing; one closed after them
    // is billed for its input (and any output), as an estimate.
    for (const r of records.filter((x) => x.outcome === 'cancelled')) {
      assert.ok(r.costMicroUsd === 0 ? !r.estimated && r.usage.input === 0 : r.estimated && r.usage.input > 0, JSON.stringify(r));
    }
    assert.ok(records[2].estimated && records[2].costMicroUsd > 0, 'closed mid-stream: billed for what it used');
  });

  it('reuses the request in flight when the user types what it is streaming', async () => {
    fake.script({ match: { provider: 'openai' }, reply: { text: ' a + b + 1;' }, chunkDelayMs: 60 });
    const typing = await editor.type('  return', GAP);
    await clock.advance(PAUSE);
    await until(() => streamed >= 2, 'the answer to start streaming');
    const typed = await editor.type(' a', GAP);
    assert.deepEqual(await Promise.all(typed), [undefined, ' + b + 1;'], 'the last keystroke gets the rest of the streamed answer');
    assert.equal(modelCalls().length, 1, 'no second request');
    assert.equal(modelCalls()[0].outcome, 'completed', 'the adopted request ran to its end');
    assert.equal(pipeline.stats.adopted, 2);
    assert.equal(await typing.at(-1), undefined, 'its answer went to the keystrokes that adopted it');
  });
});
