import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { defaultAnswer, fakeTokenCount, REASONING_TOKENS, startFakeProviders, type FakeProviders } from '../../../fake-providers/server';
import { openaiRequestBody } from '../../../../src/providers/openai';
import type { BatchItem } from '../../../../src/core/batch/batchClient';
import { bodyOf, callsTo, gptRequest, openai, OPENAI_KEY, providerError } from '../helpers';
import { BATCH_DELAY_MS, byCustomId, failed, openaiBatch, pollUntilFinal, succeeded } from './helpers';

const SCHEMA = { type: 'object', properties: { sql: { type: 'string' } }, required: ['sql'], additionalProperties: false };
const ITEMS: BatchItem[] = [
  { customId: 'q1', request: gptRequest() },
  {
    customId: 'q2',
    request: gptRequest({ system: ['Rule one.', 'Rule two.'], messages: [{ role: 'user', content: 'Explain the reduce call in this file please' }], reasoningEffort: 'low', promptCacheKey: 'repo-1' }),
  },
  { customId: 'q3', request: gptRequest({ messages: [{ role: 'user', content: 'Write the SQL for the report' }], jsonSchema: { name: 'query', schema: SCHEMA } }) },
];

/** The SDK itself, to look at the fake's stored files as any client would. */
const rawSdk = (fake: FakeProviders) => new OpenAI({ apiKey: OPENAI_KEY, baseURL: fake.openaiBaseURL, maxRetries: 0 });

/** The JSONL the fake received. */
async function uploadedLines(fake: FakeProviders): Promise<{ custom_id: string; method: string; url: string; body: Record<string, unknown> }[]> {
  const inputFileId = bodyOf(callsTo(fake, '/v1/batches')[0]).input_file_id as string;
  const text = await (await rawSdk(fake).files.content(inputFileId)).text();
  return text.trim().split('\n').map((line) => JSON.parse(line));
}

describe('OpenAIBatchClient (Batch API over /v1/responses, real SDK, fake server)', () => {
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
    fake.batchOutcome('q3', 'succeeded', { json: { sql: 'SELECT 1' } });
    const client = openaiBatch(fake);
    const submitted = await client.submit(ITEMS);
    assert.equal(submitted.phase, 'running');
    const seen = await pollUntilFinal(client, submitted.id);
    const last = seen.at(-1);
    assert.deepEqual(last, { id: submitted.id, phase: 'ended', counts: { total: 3, done: 3, succeeded: 3, errored: 0, expired: 0, cancelled: 0 } });

    const results = await client.results(submitted.id);
    assert.notDeepEqual(results.map((r) => r.customId), ['q1', 'q2', 'q3'], 'the fake answers out of order, so this checks the join');
    const got = byCustomId(results);
    const q1 = succeeded(got.get('q1'));
    assert.equal(q1.text, defaultAnswer('gpt-5.4-mini', 'Write a function that adds two numbers'));
    assert.equal(q1.model, 'gpt-5.4-mini');
    assert.match(q1.requestId ?? '', /^req_/);
    const prompt1 = fakeTokenCount('You write TypeScript.') + fakeTokenCount('Write a function that adds two numbers');
    assert.deepEqual(q1.usage, { input: prompt1, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: fakeTokenCount(q1.text), reasoning: 0 });
    const q2 = succeeded(got.get('q2'));
    assert.equal(q2.text, defaultAnswer('gpt-5.4-mini', 'Explain the reduce call in this file please'));
    const prompt2 = fakeTokenCount('Rule one.\n\nRule two.') + fakeTokenCount('Explain the reduce call in this file please');
    assert.deepEqual(q2.usage, { input: prompt2, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: REASONING_TOKENS.low + fakeTokenCount(q2.text), reasoning: REASONING_TOKENS.low });
    assert.equal(succeeded(got.get('q3')).text, '{"sql":"SELECT 1"}');
  });

  it('uploads a JSONL file whose bodies are the interactive bodies without stream', async () => {
    const client = openaiBatch(fake);
    await client.submit(ITEMS);
    const upload = bodyOf(callsTo(fake, '/v1/files')[0]);
    assert.equal(upload.filename, 'batch.jsonl');
    assert.equal(upload.purpose, 'batch');
    const create = bodyOf(callsTo(fake, '/v1/batches')[0]);
    assert.equal(create.endpoint, '/v1/responses');
    assert.equal(create.completion_window, '24h');

    const lines = await uploadedLines(fake);
    assert.deepEqual(lines.map((l) => [l.custom_id, l.method, l.url]), ITEMS.map((i) => [i.customId, 'POST', '/v1/responses']));
    lines.forEach((line, i) => {
      assert.deepEqual(line.body, JSON.parse(JSON.stringify(openaiRequestBody(ITEMS[i].request))));
      assert.equal('stream' in line.body, false);
    });
    await openai(fake).stream(ITEMS[1].request);
    const { stream, ...interactive } = bodyOf(callsTo(fake, '/v1/responses')[0]);
    assert.equal(stream, true);
    assert.deepEqual(lines[1].body, interactive);
  });

  it('reports an errored and an expired item with reasons while the rest succeed', async () => {
    fake.batchOutcome('q2', 'errored');
    fake.batchOutcome('q3', 'expired');
    const client = openaiBatch(fake);
    const { id } = await client.submit(ITEMS);
    const last = (await pollUntilFinal(client, id)).at(-1);
    assert.equal(last?.phase, 'expired');
    // OpenAI counts expired requests as failed: only results() tells them apart.
    assert.deepEqual(last?.counts, { total: 3, done: 3, succeeded: 1, errored: 2, expired: 0, cancelled: 0 });

    const got = byCustomId(await client.results(id));
    assert.equal(succeeded(got.get('q1')).text, defaultAnswer('gpt-5.4-mini', 'Write a function that adds two numbers'));
    assert.match(failed(got.get('q2'), 'errored'), /^server_error: The server had an error while processing your request/);
    assert.match(failed(got.get('q3'), 'expired'), /completion window expired/);
  });

  it('cancel calls the cancel endpoint and the batch ends cancelled', async () => {
    fake.setBatchDelay(600); // the batch must still be running when the cancel arrives
    const client = openaiBatch(fake);
    const { id } = await client.submit(ITEMS);
    const cancelling = await client.cancel(id);
    assert.equal(cancelling.phase, 'cancelling');
    assert.deepEqual(fake.requests().filter((r) => r.path.endsWith('/cancel')).map((r) => [r.method, r.path]), [['POST', `/v1/batches/${id}/cancel`]]);
    assert.equal((await pollUntilFinal(client, id)).at(-1)?.phase, 'cancelled');
    const results = await client.results(id);
    assert.deepEqual(results.map((r) => r.kind), ['cancelled', 'cancelled', 'cancelled']);
  });

  it('refuses results while the batch is still running', async () => {
    fake.setBatchDelay(2000);
    const client = openaiBatch(fake);
    const { id } = await client.submit(ITEMS);
    const err = await providerError(client.results(id));
    assert.equal(err.kind, 'bad-request');
    assert.match(err.message, /still running/);
    assert.equal(callsTo(fake, `/v1/batches/${id}`).length, 1, 'only the status was read');
  });

  it('a rejected key gives a ProviderError without the key in its message', async () => {
    const key = 'bad-sk-proj-secret-0123456789abcdef';
    const err = await providerError(openaiBatch(fake, { apiKey: key }).submit(ITEMS));
    assert.equal(err.kind, 'auth');
    assert.equal(err.details.status, 401);
    assert.equal(err.message.includes(key), false);
    assert.equal(err.message.includes('secret'), false);
  });

  it('deletes the uploaded file when the batch cannot be created', async () => {
    fake.script({ match: { provider: 'openai', path: '/v1/batches' }, fault: { kind: 'status', status: 500 } });
    const err = await providerError(openaiBatch(fake).submit(ITEMS));
    assert.equal(err.kind, 'server');
    const deletes = fake.requests().filter((r) => r.method === 'DELETE');
    assert.equal(deletes.length, 1);
    assert.match(deletes[0].path, /^\/v1\/files\/file-/);
    assert.deepEqual((await rawSdk(fake).files.list()).data, [], 'no upload is left behind');
  });
});
