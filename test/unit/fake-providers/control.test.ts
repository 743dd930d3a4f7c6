import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import OpenAI from 'openai';
import { FakeProvidersClient } from '../../fake-providers/client';
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server';
import { anthropicClient, openaiClient, rejection, waitFor } from './helpers';

describe('fake providers: control endpoints through FakeProvidersClient', () => {
  let fake: FakeProviders;
  let control: FakeProvidersClient;
  before(async () => {
    fake = await startFakeProviders({ batchDelayMs: 5000 });
    control = new FakeProvidersClient(fake.url);
  });
  after(() => fake.close());
  beforeEach(() => control.reset());

  it('reports its base URLs', async () => {
    assert.deepEqual(await control.health(), { ok: true, url: fake.url, openaiBaseURL: fake.openaiBaseURL, anthropicBaseURL: fake.anthropicBaseURL });
    assert.equal(control.openaiBaseURL, fake.openaiBaseURL);
  });

  it('scripts faults and replies, lists what is left, and logs requests (but not control calls)', async () => {
    await control.script(
      { match: { provider: 'openai' }, fault: { kind: 'status', status: 500 } },
      { match: { provider: 'anthropic' }, reply: { text: 'from the control client' }, times: 2 },
    );
    const err = await rejection(openaiClient(fake).responses.create({ model: 'gpt-5.4-mini', input: 'hi' }));
    assert.ok(err instanceof OpenAI.InternalServerError);
    const msg = await anthropicClient(fake).messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(msg.content[0].type === 'text' && msg.content[0].text, 'from the control client');
    const left = await control.pendingScript();
    assert.equal(left.length, 1);
    assert.equal(left[0].times, 1);

    const logged = await control.requests();
    assert.deepEqual(logged.map((r) => [r.provider, r.path, r.status, r.outcome]), [
      ['openai', '/v1/responses', 500, 'error-status'],
      ['anthropic', '/v1/messages', 200, 'completed'],
    ]);
    assert.deepEqual(logged, fake.requests());
  });

  it('reset clears the log and the script', async () => {
    await control.script({ reply: { text: 'stale' } });
    await openaiClient(fake).models.list();
    await control.reset();
    assert.deepEqual(await control.requests(), []);
    assert.deepEqual(await control.pendingScript(), []);
  });

  it('sets batch outcomes and the batch delay', async () => {
    await control.setBatchDelay(20);
    await control.batchOutcome('only', 'expired');
    const client = anthropicClient(fake);
    const batch = await client.messages.batches.create({
      requests: [{ custom_id: 'only', params: { model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] } }],
    });
    await waitFor(async () => (await client.messages.batches.retrieve(batch.id)).processing_status === 'ended');
    const results = [];
    for await (const r of await client.messages.batches.results(batch.id)) results.push(r.result.type);
    assert.deepEqual(results, ['expired']);
  });

  it('rejects malformed control requests with a clear error', async () => {
    await assert.rejects(control.batchOutcome('x', 'sometimes' as never), /400/);
  });

  it('answers the key-check call (models) for both providers', async () => {
    const models = await openaiClient(fake).models.list();
    assert.ok(models.data.some((m) => m.id === 'gpt-5.4-mini'));
    const claude = await anthropicClient(fake).models.retrieve('claude-haiku-4-5');
    assert.equal(claude.id, 'claude-haiku-4-5');
    assert.deepEqual((await control.requests()).map((r) => r.provider), ['openai', 'anthropic']);
  });
});

describe('fake providers: main.ts CLI', () => {
  it('starts on the given port, prints its URL, and exits cleanly on SIGTERM', async function () {
    this.timeout(15_000);
    const main = path.join(__dirname, '../../fake-providers/main.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', main, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      const line = await waitFor(() => /fake providers listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out), 10_000, 'the startup line');
      const health = await new FakeProvidersClient(line[1]).health();
      assert.equal(health.openaiBaseURL, `${line[1]}/v1`);
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
