/**
 * What a call that did not complete costs, one test per row of the billing table (docs/costs.md), for
 * both providers: the real SDKs against the fake server, through the model layer into the ledger and the
 * session total (what the status bar shows). Refused calls cost exactly 0; accepted ones what was reported,
 * else an estimate flagged as such.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import type { ModelId } from '../../../../src/core/models/modelTable';
import type { ProviderId } from '../../../../src/core/models/providers';
import type { TaskKind } from '../../../../src/core/models/tasks';
import { estimateRequestTokens } from '../../../../src/core/tokens/estimate';
import { ProviderError } from '../../../../src/core/calls/providerError';
import { startFakeProviders, type FakeProviders } from '../../../fake-providers/server';
import type { Fault, ScriptStep } from '../../../fake-providers/types';
import { createHarness, type Harness, type HarnessOptions } from '../../../fixtures/modelHarness';

interface Side {
  readonly provider: ProviderId;
  readonly model: ModelId;
  readonly other: ModelId;
  readonly task: TaskKind;
  /** Statuses this provider answers with; each is refused before any output. */
  readonly statuses: readonly number[];
}

const SIDES: readonly Side[] = [
  { provider: 'openai', model: 'gpt-5.4-mini', other: 'claude-haiku-4-5', task: 'generateCode', statuses: [400, 401, 402, 403, 404, 413, 429, 500, 503] },
  { provider: 'anthropic', model: 'claude-haiku-4-5', other: 'gpt-5.4-mini', task: 'explain', statuses: [400, 401, 402, 403, 404, 413, 429, 500, 504, 529] },
];

const SYSTEM = ['Answer briefly.'];
const ASK = [{ role: 'user' as const, content: 'Write a function that adds two numbers, with a comment.' }];
const LONG = 'word '.repeat(80);

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('billing of calls that did not complete (real SDKs, fake server)', () => {
  let fake: FakeProviders;
  let h: Harness | undefined;

  before(async () => {
    fake = await startFakeProviders();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());
  afterEach(() => {
    h?.cleanup();
    h = undefined;
  });

  const harness = (options: HarnessOptions = {}): Harness => {
    h = createHarness(fake, { settings: { fallbackEnabled: false }, ...options });
    return h;
  };

  /** Runs the side's task; resolves with the error it failed with (or undefined). */
  const run = async (side: Side, options: { signal?: AbortSignal; onText?: () => void } = {}): Promise<ProviderError | undefined> => {
    try {
      await h!.service.run({ task: side.task, system: SYSTEM, messages: ASK, signal: options.signal }, { onText: options.onText });
      return undefined;
    } catch (error) {
      assert.ok(error instanceof ProviderError, String(error));
      return error;
    }
  };

  /** The one record of the run, and the session total beside it. */
  const onlyRecord = async () => {
    const { records } = await h!.ledger.read();
    assert.equal(records.length, 1, JSON.stringify(records));
    assert.equal(h!.session.totals.costMicroUsd, records[0].costMicroUsd, 'the status bar shows what the ledger has');
    return records[0];
  };

  /** What the same call costs when it completes: the usage a refused call must not be charged. */
  const cleanRun = async (side: Side) => {
    const clean = createHarness(fake, { settings: { fallbackEnabled: false } });
    try {
      await clean.service.run({ task: side.task, system: SYSTEM, messages: ASK });
      return (await clean.ledger.read()).records[0];
    } finally {
      clean.cleanup();
    }
  };

  const assertRefused = async (side: Side, error: ProviderError | undefined, outcome: 'error' | 'cancelled' = 'error') => {
    assert.ok(error, 'the call failed');
    const record = await onlyRecord();
    assert.equal(record.model, side.model);
    assert.equal(record.outcome, outcome);
    assert.equal(record.costMicroUsd, 0, `refused (${error.kind}) costs nothing`);
    assert.deepEqual(record.usage, { input: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0, reasoning: 0 });
    assert.equal(record.estimated, false);
  };

  /** An accepted call that ended early: the prompt as reported (Anthropic) or estimated (OpenAI), output estimated. */
  const assertEndedEarly = async (side: Side, error: ProviderError | undefined, outcome: 'error' | 'cancelled') => {
    assert.ok(error, 'the call failed');
    const record = await onlyRecord();
    assert.equal(record.outcome, outcome);
    assert.equal(record.estimated, true);
    assert.ok(record.usage.output > 0, 'the output that arrived is billed');
    if (side.provider === 'anthropic') {
      const clean = await cleanRun(side);
      assert.equal(record.usage.input, clean.usage.input, 'input as message_start reported it');
    } else {
      assert.equal(record.usage.input, estimateRequestTokens(SYSTEM, ASK, 'openai'), 'input estimated: OpenAI reports usage only at the end');
    }
    assert.ok(record.costMicroUsd > 0);
  };

  for (const side of SIDES) {
    const step = (fault: Fault, extra: Partial<ScriptStep> = {}): ScriptStep => ({ match: { provider: side.provider }, fault, ...extra });

    describe(`${side.provider}: refused before any output costs 0`, () => {
      for (const status of side.statuses) {
        it(`HTTP ${status}`, async () => {
          harness();
          fake.script(step({ kind: 'status', status }));
          await assertRefused(side, await run(side));
        });
      }

      it('connection refused', async () => {
        const port = await closedPort();
        harness({ baseURLs: { [side.provider]: side.provider === 'openai' ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}` } });
        await assertRefused(side, await run(side));
      });

      it('a host name that does not resolve', async () => {
        harness({ baseURLs: { [side.provider]: 'http://tandem-billing-test.invalid' }, timeoutMs: 3000 });
        await assertRefused(side, await run(side));
      });

      it('a TLS handshake that fails', async () => {
        const https = fake.url.replace('http://', 'https://');
        harness({ baseURLs: { [side.provider]: side.provider === 'openai' ? `${https}/v1` : https } });
        await assertRefused(side, await run(side));
      });

      it('a timeout before the response headers', async () => {
        harness({ timeoutMs: 300 });
        fake.script(step({ kind: 'hang' }));
        const error = await run(side);
        assert.equal(error?.kind, 'timeout');
        await assertRefused(side, error);
      });

      it('a cancel before the response headers', async () => {
        harness();
        fake.script(step({ kind: 'delay', ms: 3000 }));
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 150);
        const error = await run(side, { signal: controller.signal });
        assert.equal(error?.kind, 'cancelled');
        await assertRefused(side, error, 'cancelled');
      });
    });

    describe(`${side.provider}: accepted, then ended early, costs what was used`, () => {
      it('a cancel during the stream', async () => {
        harness();
        fake.script({ match: { provider: side.provider }, chunkDelayMs: 60, reply: { text: LONG } });
        const controller = new AbortController();
        const error = await run(side, { signal: controller.signal, onText: () => controller.abort() });
        assert.equal(error?.kind, 'cancelled');
        await assertEndedEarly(side, error, 'cancelled');
      });

      it('an error event in the middle of the stream', async () => {
        harness();
        fake.script(step({ kind: 'stream-error', afterDeltas: 2 }, { reply: { text: LONG } }));
        const error = await run(side);
        assert.equal(error?.kind, side.provider === 'anthropic' ? 'overloaded' : 'mid-stream');
        await assertEndedEarly(side, error, 'error');
      });

      it('a stream that stalls is closed after the timeout', async () => {
        harness({ timeoutMs: 400 });
        fake.script(step({ kind: 'stall', afterDeltas: 2 }, { reply: { text: LONG } }));
        const error = await run(side);
        assert.equal(error?.kind, 'timeout');
        assert.match(error.message, /stopped sending/);
        await assertEndedEarly(side, error, 'error');
        const deadline = Date.now() + 2000;
        while (fake.requests()[0]?.outcome === 'pending' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        assert.equal(fake.requests()[0]?.outcome, 'client-closed', 'the stalled request was closed');
      });

      it('a connection cut after the stream began', async () => {
        harness();
        fake.script(step({ kind: 'cut', afterDeltas: 2 }, { reply: { text: LONG } }));
        await assertEndedEarly(side, await run(side), 'error');
      });
    });

    describe(`${side.provider}: retries and fallback`, () => {
      it('a request the SDK retried and then completed is one record, billed as reported', async () => {
        harness({ maxRetries: 1 });
        fake.script(step({ kind: 'status', status: 429, headers: { 'retry-after-ms': '10' } }));
        assert.equal(await run(side), undefined);
        const record = await onlyRecord();
        assert.equal(record.outcome, 'ok');
        assert.equal(record.estimated, false);
        assert.equal(fake.requests().length, 2, 'two attempts on the wire');
        assert.equal(record.costMicroUsd, (await cleanRun(side)).costMicroUsd);
      });

      it('a request the SDK retried and that failed every time is one record, costing 0', async () => {
        harness({ maxRetries: 1 });
        fake.script(step({ kind: 'status', status: 500 }, { times: 2 }));
        await assertRefused(side, await run(side));
        assert.equal(fake.requests().length, 2);
      });

      it('a 429 and then a fallback: the refused call costs 0, the other model its own cost, counted once', async () => {
        harness({ settings: { fallbackEnabled: true } });
        fake.script(step({ kind: 'status', status: 429 }));
        assert.equal(await run(side), undefined);
        const { records } = await h!.ledger.read();
        assert.deepEqual(records.map((r) => [r.model, r.outcome, r.costMicroUsd === 0]), [[side.model, 'fallback', true], [side.other, 'ok', false]]);
        const other = records[1];
        // The other model's call alone, as if it had been routed there in the first place.
        const alone = createHarness(fake, { settings: { fallbackEnabled: false } });
        try {
          await alone.service.run({ task: side.task, system: SYSTEM, messages: ASK, forceModel: side.other });
          assert.equal(other.costMicroUsd, (await alone.ledger.read()).records[0].costMicroUsd);
        } finally {
          alone.cleanup();
        }
        assert.equal(h!.session.totals.costMicroUsd, other.costMicroUsd, 'the session counts only what was billed');
      });
    });

    it(`${side.provider}: a gateway's own cost header is recorded beside Tandem's figure`, async () => {
      harness();
      fake.script({ match: { provider: side.provider }, headers: { 'x-litellm-response-cost': '0.000123' } });
      assert.equal(await run(side), undefined);
      const record = await onlyRecord();
      assert.equal(record.gatewayCostMicroUsd, 123);
      assert.ok(record.costMicroUsd > 0);
    });
  }
});
