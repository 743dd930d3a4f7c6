import assert from 'node:assert/strict';
import { defaultAnswer, fakeTokenCount, startFakeProviders, type FakeProviders } from '../../../fake-providers/server';
import { anthropicRequestBody } from '../../../../src/providers/anthropic';
import type { BatchItem } from '../../../../src/core/batch/batchClient';
import { anthropic, bodyOf, callsTo, claudeRequest, providerError } from '../helpers';
import { anthropicBatch, BATCH_DELAY_MS, byCustomId, failed, pollUntilFinal, succeeded } from './helpers';

const SCHEMA = { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] };
const ITEMS: BatchItem[] = [
  { customId: 'q1', request: claudeRequest() },
  { customId: 'q2', request: claudeRequest({ system: ['Rule one.', 'Rule two.'], messages: [{ role: 'user', content: 'Explain the reduce call in this file please' }], cacheTtl: '1h' }) },
  { customId: 'q3', request: claudeRequest({ messages: [{ role: 'user', content: 'Summarise the module' }], jsonSchema: { name: 'summary', schema: SCHEMA } }) },
];

describe('AnthropicBatchClient (Message Batches API, real SDK, fake server)', () => {
  let fake: FakeProviders;
  before(async () => {
    fake = await startFakeProviders({ batchDelayMs: BATCH_DELAY_MS });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.reset();
    fake.setBatchDelay(BATCH_DELAY_MS);
  });

  it('submits 3 requests, polls until ended, and joins the results on custom_id with normalised usage', async () => {
    fake.batchOutcome('q3', 'succeeded', { json: { summary: 'Adds numbers.' } });
    const client = anthropicBatch(fake);
    const submitted = await client.submit(ITEMS);
    assert.deepEqual(submitted.counts, { total: 3, done: 0, succeeded: 0, errored: 0, expired: 0, cancelled: 0 });
    assert.equal(submitted.phase, 'running');
    const last = (await pollUntilFinal(client, submitted.id)).at(-1);
    assert.deepEqual(last, { id: submitted.id, phase: 'ended', counts: { total: 3, done: 3, succeeded: 3, errored: 0, expired: 0, cancelled: 0 } });

    const results = await client.results(submitted.id);
    assert.notDeepEqual(results.map((r) => r.customId), ['q1', 'q2', 'q3'], 'the fake answers out of order, so this checks the join');
    const got = byCustomId(results);
    const q1 = succeeded(got.get('q1'));
    assert.equal(q1.text, defaultAnswer('claude-haiku-4-5', 'Explain what this loop does please'));
    assert.equal(q1.model, 'claude-haiku-4-5');
    const prompt1 = fakeTokenCount('You explain code briefly.') + fakeTokenCount('Explain what this loop does please');
    assert.deepEqual(q1.usage, { input: prompt1, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: fakeTokenCount(q1.text), reasoning: 0 });
    const q2 = succeeded(got.get('q2'));
    assert.equal(q2.text, defaultAnswer('claude-haiku-4-5', 'Explain the reduce call in this file please'));
    // Each system string is its own block; the prompt is too short to be cached.
    const prompt2 = fakeTokenCount('Rule one.') + fakeTokenCount('Rule two.') + fakeTokenCount('Explain the reduce call in this file please');
    assert.deepEqual(q2.usage, { input: prompt2, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: fakeTokenCount(q2.text), reasoning: 0 });
    assert.equal(succeeded(got.get('q3')).text, '{"summary":"Adds numbers."}');
  });

  it('sends as params the interactive bodies without stream', async () => {
    await anthropicBatch(fake).submit(ITEMS);
    const { requests } = bodyOf(callsTo(fake, '/v1/messages/batches')[0]) as { requests: { custom_id: string; params: Record<string, unknown> }[] };
    assert.deepEqual(requests.map((r) => r.custom_id), ['q1', 'q2', 'q3']);
    requests.forEach((r, i) => {
      assert.deepEqual(r.params, JSON.parse(JSON.stringify(anthropicRequestBody(ITEMS[i].request))));
      assert.equal('stream' in r.params, false);
    });
    await anthropic(fake).stream(ITEMS[2].request);
    const { stream, ...interactive } = bodyOf(callsTo(fake, '/v1/messages')[0]);
    assert.equal(stream, true);
    assert.deepEqual(requests[2].params, interactive);
  });

  it('reports an errored and an expired item with reasons while the rest succeed', async () => {
    fake.batchOutcome('q2', 'errored');
    fake.batchOutcome('q3', 'expired');
    const client = anthropicBatch(fake);
    const { id } = await client.submit(ITEMS);
    const last = (await pollUntilFinal(client, id)).at(-1);
    assert.deepEqual(last, { id, phase: 'ended', counts: { total: 3, done: 3, succeeded: 1, errored: 1, expired: 1, cancelled: 0 } });

    const got = byCustomId(await client.results(id));
    assert.equal(succeeded(got.get('q1')).text, defaultAnswer('claude-haiku-4-5', 'Explain what this loop does please'));
    assert.equal(failed(got.get('q2'), 'errored'), 'api_error: Internal server error');
    assert.match(failed(got.get('q3'), 'expired'), /expired/);
  });

  it('cancel calls the cancel endpoint and the batch ends cancelled', async () => {
    fake.setBatchDelay(600); // the batch must still be running when the cancel arrives
    const client = anthropicBatch(fake);
    const { id } = await client.submit(ITEMS);
    const cancelling = await client.cancel(id);
    assert.equal(cancelling.phase, 'cancelling');
    assert.deepEqual(fake.requests().filter((r) => r.path.endsWith('/cancel')).map((r) => [r.method, r.path]), [['POST', `/v1/messages/batches/${id}/cancel`]]);
    const last = (await pollUntilFinal(client, id)).at(-1);
    assert.deepEqual(last, { id, phase: 'cancelled', counts: { total: 3, done: 3, succeeded: 0, errored: 0, expired: 0, cancelled: 3 } });
    const results = await client.results(id);
    assert.deepEqual(results.map((r) => r.kind), ['cancelled', 'cancelled', 'cancelled']);
  });

  it('refuses results while the batch is still running', async () => {
    fake.setBatchDelay(2000);
    const client = anthropicBatch(fake);
    const { id } = await client.submit(ITEMS);
    const err = await providerError(client.results(id));
    assert.equal(err.kind, 'bad-request');
    assert.match(err.message, /still running/);
    assert.equal(callsTo(fake, `/v1/messages/batches/${id}/results`).length, 0);
  });

  it('a rejected key gives a ProviderError without the key in its message', async () => {
    const key = 'bad-sk-ant-secret-0123456789abcdef';
    const err = await providerError(anthropicBatch(fake, { apiKey: key }).submit(ITEMS));
    assert.equal(err.kind, 'auth');
    assert.equal(err.details.status, 401);
    assert.equal(err.message.includes(key), false);
    assert.equal(err.message.includes('secret'), false);
  });
});
