import assert from 'node:assert/strict';
import { BudgetBlockedError, InputTooLargeError, NeedsKeyError } from '../../../../src/core/calls/errors';
import { ProviderError } from '../../../../src/core/calls/providerError';
import { useFakeServerSuite, TEST_KEYS, type Harness } from '../../../fixtures/modelHarness';

const user = (content: string) => [{ role: 'user' as const, content }];

describe('ModelService: routing, fallback, cancel, budgets (real SDKs, fake server)', () => {
  const suite = useFakeServerSuite();
  let h: Harness;

  it('runs a task on its routed model and records it', async () => {
    h = suite.harness();
    const outcome = await h.service.run({ task: 'explain', system: ['Be brief.'], messages: user('What is a monad?') });
    assert.equal(outcome.model, 'claude-haiku-4-5');
    assert.match(outcome.reason, /concise/);
    const { records } = await h.ledger.read();
    assert.deepEqual(records.map((r) => [r.model, r.outcome]), [['claude-haiku-4-5', 'ok']]);
    assert.equal(h.session.totals.costMicroUsd, records[0].costMicroUsd);
    assert.ok(h.logLines.some((l) => l.includes('route: explain → Claude Haiku 4.5')));
  });

  it('falls back once on 529 overloaded: both calls in the ledger, one line for the user', async () => {
    h = suite.harness();
    suite.fake.script({ match: { provider: 'anthropic' }, fault: { kind: 'overloaded' } });
    const restarts: string[] = [];
    const outcome = await h.service.run({ task: 'explain', system: ['Be brief.'], messages: user('Explain closures.') }, { onRestart: (w) => restarts.push(w) });
    assert.equal(outcome.model, 'gpt-5.4-mini');
    assert.equal(outcome.fellBackFrom, 'claude-haiku-4-5');
    const { records } = await h.ledger.read();
    assert.deepEqual(records.map((r) => [r.model, r.outcome]), [['claude-haiku-4-5', 'fallback'], ['gpt-5.4-mini', 'ok']]);
    assert.equal(h.fallbackLines.length, 1);
    assert.match(h.fallbackLines[0], /^Claude Haiku 4\.5 failed \(overloaded\); ran this on GPT-5\.4 Mini instead\.$/);
    assert.equal(restarts.length, 1);
  });

  it('falls back on an error in the middle of a stream, voiding the text streamed so far', async () => {
    h = suite.harness();
    suite.fake.script({ match: { provider: 'openai' }, fault: { kind: 'stream-error', afterDeltas: 2 } });
    let streamed = '';
    const outcome = await h.service.run(
      { task: 'generateCode', system: ['Write code.'], messages: user('Add two numbers in Rust.') },
      { onText: (d) => { streamed += d; }, onRestart: () => { streamed = ''; } },
    );
    assert.equal(outcome.model, 'claude-haiku-4-5');
    assert.equal(streamed, outcome.result.text, 'only the fallback answer is left');
    const { records } = await h.ledger.read();
    assert.deepEqual(records.map((r) => [r.model, r.outcome]), [['gpt-5.4-mini', 'fallback'], ['claude-haiku-4-5', 'ok']]);
    assert.equal(h.fallbackLines.length, 1);
  });

  it('does not fall back on 401: the error says what to do and never holds the key', async () => {
    const badKey = 'bad-key-openai-0123456789';
    h = suite.harness({ keys: { openai: badKey } });
    await assert.rejects(
      h.service.run({ task: 'generateCode', system: ['Write code.'], messages: user('Hello') }),
      (error: unknown) => {
        assert.ok(error instanceof ProviderError);
        assert.equal(error.kind, 'auth');
        assert.match(error.message, /Set API Key/);
        assert.ok(!error.message.includes(badKey));
        return true;
      },
    );
    assert.equal(h.fallbackLines.length, 0);
    assert.equal(suite.fake.requests().filter((r) => r.provider === 'anthropic').length, 0, 'nothing went to the other provider');
    const { records } = await h.ledger.read();
    assert.deepEqual(records.map((r) => [r.model, r.outcome]), [['gpt-5.4-mini', 'error']]);
    for (const text of [...h.logLines, JSON.stringify(records)]) assert.ok(!text.includes(badKey), text);
  });

  it('cancelling mid-stream closes the HTTP request and records a cancelled call', async () => {
    h = suite.harness();
    suite.fake.script({ match: { provider: 'openai' }, chunkDelayMs: 100, reply: { text: 'word '.repeat(60) } });
    const controller = new AbortController();
    await assert.rejects(
      h.service.run(
        { task: 'generateCode', system: ['Write code.'], messages: user('Long answer please'), signal: controller.signal },
        { onText: () => controller.abort() },
      ),
      (error: unknown) => error instanceof ProviderError && error.kind === 'cancelled',
    );
    const deadline = Date.now() + 2000;
    while (suite.fake.requests()[0]?.outcome === 'pending' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(suite.fake.requests()[0]?.outcome, 'client-closed');
    const { records } = await h.ledger.read();
    assert.deepEqual(records.map((r) => [r.model, r.outcome]), [['gpt-5.4-mini', 'cancelled']]);
    assert.equal(h.fallbackLines.length, 0, 'a cancel is not a reason to fall back');
  });

  it('a budget set to block stops the call before it is sent when the user says no', async () => {
    h = suite.harness({ settings: { budget: { caps: { sessionMicroUsd: 1 }, mode: 'block' } }, answerBudgetQuestion: false });
    await assert.rejects(
      h.service.run({ task: 'generateCode', system: ['Write code.'], messages: user('Hello') }),
      BudgetBlockedError,
    );
    assert.equal(h.budgetQuestions.length, 1);
    assert.match(h.budgetQuestions[0], /session budget/);
    assert.equal(suite.fake.requests().length, 0, 'nothing was sent');
    assert.equal((await h.ledger.read()).records.length, 0);
  });

  it('a budget set to block sends when the user agrees; one set to warn warns and sends', async () => {
    h = suite.harness({ settings: { budget: { caps: { sessionMicroUsd: 1 }, mode: 'block' } }, answerBudgetQuestion: true });
    await h.service.run({ task: 'generateCode', system: ['Write code.'], messages: user('Hello') });
    assert.equal(suite.fake.requests().length, 1);
    h.cleanup();
    h = suite.harness({ settings: { budget: { caps: { dailyMicroUsd: 1 }, mode: 'warn' } } });
    await h.service.run({ task: 'generateCode', system: ['Write code.'], messages: user('Hello') });
    assert.equal(h.budgetWarnings.length, 1);
    assert.equal(suite.fake.requests().length, 2);
  });

  it('background work (completions) never asks: over a blocking budget it is not sent, over a warning one it only logs', async () => {
    h = suite.harness({ settings: { budget: { caps: { sessionMicroUsd: 1 }, mode: 'block' } }, answerBudgetQuestion: true });
    const busy: boolean[] = [];
    h.session.onDidChangeBusy((b) => busy.push(b));
    await assert.rejects(h.service.run({ task: 'completion', system: ['Complete.'], messages: user('x = '), background: true }), BudgetBlockedError);
    assert.deepEqual(h.budgetQuestions, [], 'no dialog');
    assert.equal(suite.fake.requests().length, 0);
    h.cleanup();

    h = suite.harness({ settings: { budget: { caps: { sessionMicroUsd: 1 }, mode: 'warn' } } });
    h.session.onDidChangeBusy((b) => busy.push(b));
    await h.service.run({ task: 'completion', system: ['Complete.'], messages: user('x = '), background: true });
    assert.deepEqual(h.budgetWarnings, [], 'no notification');
    assert.ok(h.logLines.some((l) => l.startsWith('warn budget:')));
    assert.deepEqual(busy, [], 'the spend item does not spin for background work');
    assert.equal(suite.fake.requests().length, 1);
  });

  it('a request cancelled before it was sent is not a call: nothing in the ledger', async () => {
    h = suite.harness();
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      h.service.run({ task: 'completion', system: ['Complete.'], messages: user('x = '), signal: controller.signal }),
      (e: unknown) => e instanceof ProviderError && e.kind === 'cancelled',
    );
    assert.equal(suite.fake.requests().length, 0);
    assert.deepEqual((await h.ledger.read()).records, []);
    assert.equal(h.session.totals.calls, 0);
  });

  it('asks for a missing key rather than sending the text to the other provider', async () => {
    h = suite.harness({ keys: { openai: '' } });
    await assert.rejects(
      h.service.run({ task: 'generateSql', system: ['SQL.'], messages: user('All orders') }),
      (error: unknown) => error instanceof NeedsKeyError && error.provider === 'openai' && error.alternative === 'claude-haiku-4-5',
    );
    assert.equal(suite.fake.requests().length, 0);
  });

  it('reroutes input too large for Haiku to GPT-5.4 Mini', async () => {
    h = suite.harness();
    const big = 'x'.repeat(700_000); // ~219K Claude tokens by the margin-safe estimate, ~175K OpenAI tokens
    const outcome = await h.service.run({ task: 'explain', system: ['Explain.'], messages: user(big) });
    assert.equal(outcome.model, 'gpt-5.4-mini');
    assert.match(outcome.reason, /input limit/);
  });

  it('counts exactly near GPT-5.4 Mini\'s limit, where the estimate alone would have split the input', async () => {
    const text = 'hello '.repeat(200_000); // estimate ~300K tokens (over 272K); o200k: ~200K (fits)
    h = suite.harness({ exactTokens: true });
    const outcome = await h.service.run({ task: 'explain', system: ['Explain.'], messages: user(text) });
    assert.equal(outcome.model, 'gpt-5.4-mini');
    assert.equal(suite.fake.requests().length, 1, 'one call, not segments');
    h.cleanup();
    suite.fake.reset();
    h = suite.harness();
    await h.service.run({ task: 'explain', system: ['Explain.'], messages: user(text) });
    assert.ok(suite.fake.requests().length > 1, 'the estimate alone splits it');
  });

  it('refuses a code task too large for every model without sending anything', async () => {
    h = suite.harness();
    await assert.rejects(
      h.service.run({ task: 'generateCode', system: ['Code.'], messages: user('y'.repeat(1_400_000)) }),
      InputTooLargeError,
    );
    assert.equal(suite.fake.requests().length, 0);
  });

  it('reads a review too large for every model in segments and combines them, every call in the ledger', async () => {
    h = suite.harness();
    const line = `${'const value = compute(input);'.padEnd(79, ' ')}\n`;
    const text = line.repeat(Math.ceil(1_400_000 / line.length)); // ~350K tokens, over both windows
    const outcome = await h.service.run({ task: 'review', system: ['Review.'], messages: user(text) });
    assert.equal(outcome.model, 'gpt-5.4-mini');
    const sent = suite.fake.requests().filter((r) => r.path === '/v1/responses');
    assert.ok(sent.length >= 3, `map calls plus one reduce call, got ${sent.length}`);
    const { records } = await h.ledger.read();
    assert.equal(records.length, sent.length);
    const mapped = sent.slice(0, -1).map((r) => JSON.stringify(r.body)).join('');
    assert.ok(mapped.includes(`Part 1 of ${sent.length - 1}`));
  });

  it('keeps keys out of every log line', async () => {
    h = suite.harness();
    suite.fake.script({ match: { provider: 'anthropic' }, fault: { kind: 'overloaded' } });
    await h.service.run({ task: 'explain', system: ['Be brief.'], messages: user('Hi') });
    for (const line of h.logLines) {
      assert.ok(!line.includes(TEST_KEYS.openai) && !line.includes(TEST_KEYS.anthropic), line);
    }
    assert.ok(h.logLines.some((l) => l.startsWith('warn fallback:')));
  });
});
