import assert from 'node:assert/strict';
import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { toFile } from 'openai';
import { defaultAnswer, fakeTokenCount, startFakeProviders, type FakeProviders } from '../../fake-providers/server';
import { anthropicClient, callsTo, openaiClient, waitFor } from './helpers';

const GPT = 'gpt-5.4-mini';
const HAIKU = 'claude-haiku-4-5';
const IDS = ['file-a', 'file-b', 'file-c', 'file-d'];

interface OutputLine {
  id: string;
  custom_id: string;
  response: { status_code: number; request_id: string; body: OpenAI.Responses.Response & { error?: { code: string } } } | null;
  error: { code: string; message: string } | null;
}

async function uploadAndRun(client: OpenAI, bodies: Record<string, unknown>): Promise<OpenAI.Batches.Batch> {
  const jsonl = Object.entries(bodies)
    .map(([custom_id, body]) => JSON.stringify({ custom_id, method: 'POST', url: '/v1/responses', body }))
    .join('\n');
  const file = await client.files.create({ file: await toFile(Buffer.from(jsonl), 'batch.jsonl'), purpose: 'batch' });
  assert.equal(file.purpose, 'batch');
  assert.equal(file.bytes, Buffer.byteLength(jsonl));
  return client.batches.create({ input_file_id: file.id, endpoint: '/v1/responses', completion_window: '24h' });
}

async function pollOpenAI(client: OpenAI, id: string, seen: string[] = []): Promise<OpenAI.Batches.Batch> {
  return waitFor(async () => {
    const b = await client.batches.retrieve(id);
    if (seen.at(-1) !== b.status) seen.push(b.status);
    return ['completed', 'failed', 'expired', 'cancelled'].includes(b.status) && b;
  }, 3000, 'the batch to finish');
}

async function readJsonl(client: OpenAI, fileId: string | null | undefined): Promise<OutputLine[]> {
  assert.ok(fileId, 'file id present');
  const text = await (await client.files.content(fileId)).text();
  return text.trim().split('\n').map((l) => JSON.parse(l) as OutputLine);
}

function textOf(body: OpenAI.Responses.Response): string {
  return body.output.flatMap((item) => (item.type === 'message' ? item.content : [])).map((c) => (c.type === 'output_text' ? c.text : '')).join('');
}

describe('fake OpenAI: Files + Batch API', () => {
  let fake: FakeProviders;
  before(async () => {
    // validating lasts a third of the delay, in_progress the rest: wide enough for polling to see both.
    fake = await startFakeProviders({ batchDelayMs: 150 });
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('runs a JSONL batch: validating → in_progress → completed, results shuffled, joined on custom_id', async () => {
    const client = openaiClient(fake);
    const bodies = Object.fromEntries(IDS.map((id) => [id, { model: GPT, input: `Edit ${id}` }]));
    const created = await uploadAndRun(client, bodies);
    assert.equal(created.status, 'validating');
    const seen = [created.status];
    const done = await pollOpenAI(client, created.id, seen);
    assert.deepEqual(seen, ['validating', 'in_progress', 'completed']);
    assert.deepEqual(done.request_counts, { total: 4, completed: 4, failed: 0 });
    assert.equal(done.error_file_id, null);

    const lines = await readJsonl(client, done.output_file_id);
    assert.notDeepEqual(lines.map((l) => l.custom_id), IDS, 'the output order is not the input order');
    const byId = new Map(lines.map((l) => [l.custom_id, l]));
    for (const id of IDS) {
      const line = byId.get(id);
      assert.equal(line?.response?.status_code, 200);
      assert.equal(textOf(line.response.body), defaultAnswer(GPT, `Edit ${id}`));
    }
    const expectedInput = IDS.reduce((n, id) => n + fakeTokenCount(`Edit ${id}`), 0);
    assert.equal(done.usage?.input_tokens, expectedInput);

    const [upload] = callsTo(fake, '/v1/files');
    assert.deepEqual(upload.body, { filename: 'batch.jsonl', purpose: 'batch', bytes: Buffer.byteLength(Object.entries(bodies).map(([custom_id, body]) => JSON.stringify({ custom_id, method: 'POST', url: '/v1/responses', body })).join('\n')) });
  });

  it('puts errored, expired and invalid entries in the error file (the batch then expires)', async () => {
    const client = openaiClient(fake);
    fake.batchOutcome('file-a', 'succeeded', { text: 'edited a' });
    fake.batchOutcome('file-b', 'errored');
    fake.batchOutcome('file-c', 'expired');
    const bodies = {
      'file-a': { model: GPT, input: 'Edit a' },
      'file-b': { model: GPT, input: 'Edit b' },
      'file-c': { model: GPT, input: 'Edit c' },
      'file-d': { model: GPT, input: 'Edit d', temperature: 0.3 },
    };
    const done = await pollOpenAI(client, (await uploadAndRun(client, bodies)).id);
    assert.equal(done.status, 'expired');
    assert.deepEqual(done.request_counts, { total: 4, completed: 1, failed: 3 });
    const [ok] = await readJsonl(client, done.output_file_id);
    assert.equal(ok.custom_id, 'file-a');
    assert.equal(ok.response && textOf(ok.response.body), 'edited a');
    const errors = new Map((await readJsonl(client, done.error_file_id)).map((l) => [l.custom_id, l]));
    assert.equal(errors.get('file-b')?.response?.status_code, 500);
    assert.equal(errors.get('file-c')?.response, null);
    assert.equal(errors.get('file-c')?.error?.code, 'batch_expired');
    assert.equal(errors.get('file-d')?.response?.status_code, 400);
    assert.equal(errors.get('file-d')?.response?.body.error?.code, 'unsupported_value');
  });

  it('cancels a batch: cancelling, then cancelled with nothing completed', async () => {
    const client = openaiClient(fake);
    const created = await uploadAndRun(client, { 'file-a': { model: GPT, input: 'Edit a' } });
    const cancelling = await client.batches.cancel(created.id);
    assert.equal(cancelling.status, 'cancelling');
    const done = await pollOpenAI(client, created.id);
    assert.equal(done.status, 'cancelled');
    assert.equal(done.request_counts?.completed, 0);
    assert.equal(done.output_file_id, null);
  });

  it('refuses a batch whose input file does not exist', async () => {
    const client = openaiClient(fake);
    await assert.rejects(client.batches.create({ input_file_id: 'file-nope', endpoint: '/v1/responses', completion_window: '24h' }), { status: 404 });
  });
});

describe('fake Anthropic: Message Batches API', () => {
  let fake: FakeProviders;
  before(async () => {
    fake = await startFakeProviders({ batchDelayMs: 60 });
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  const requests = (ids: string[], extra: Record<string, unknown> = {}) =>
    ids.map((id) => ({
      custom_id: id,
      params: { model: HAIKU, max_tokens: 200, messages: [{ role: 'user' as const, content: `Review ${id}` }], ...extra },
    }));

  async function poll(client: Anthropic, id: string, seen: string[] = []): Promise<Anthropic.Messages.MessageBatch> {
    return waitFor(async () => {
      const b = await client.messages.batches.retrieve(id);
      if (seen.at(-1) !== b.processing_status) seen.push(b.processing_status);
      return b.processing_status === 'ended' && b;
    }, 3000, 'the batch to end');
  }

  async function results(client: Anthropic, id: string): Promise<Anthropic.Messages.MessageBatchIndividualResponse[]> {
    const out: Anthropic.Messages.MessageBatchIndividualResponse[] = [];
    for await (const r of await client.messages.batches.results(id)) out.push(r);
    return out;
  }

  it('runs a batch: in_progress → ended, results streamed from an absolute results_url, joined on custom_id', async () => {
    const client = anthropicClient(fake);
    const created = await client.messages.batches.create({ requests: requests(IDS) });
    assert.equal(created.processing_status, 'in_progress');
    assert.equal(created.results_url, null);
    assert.equal(created.request_counts.processing, 4);
    const seen = [created.processing_status as string];
    const ended = await poll(client, created.id, seen);
    assert.deepEqual(seen, ['in_progress', 'ended']);
    assert.equal(ended.results_url, `${fake.url}/v1/messages/batches/${created.id}/results`);
    assert.deepEqual(ended.request_counts, { processing: 0, succeeded: 4, errored: 0, canceled: 0, expired: 0 });

    const out = await results(client, created.id);
    assert.notDeepEqual(out.map((r) => r.custom_id), IDS, 'results come in another order');
    const byId = new Map(out.map((r) => [r.custom_id, r.result]));
    for (const id of IDS) {
      const result = byId.get(id);
      assert.ok(result?.type === 'succeeded');
      const block = result.message.content[0];
      assert.equal(block.type === 'text' && block.text, defaultAnswer(HAIKU, `Review ${id}`));
      assert.equal(result.message.usage.input_tokens, fakeTokenCount(`Review ${id}`));
      assert.equal(result.message.usage.service_tier, 'batch');
    }
  });

  it('reports errored, expired and invalid entries per custom_id', async () => {
    const client = anthropicClient(fake);
    fake.batchOutcome('file-a', 'errored');
    fake.batchOutcome('file-b', 'expired');
    fake.batchOutcome('file-c', 'succeeded', { text: 'all good' });
    const created = await client.messages.batches.create({
      requests: [...requests(['file-a', 'file-b', 'file-c']), ...requests(['file-d'], { temperature: 0.5 })],
    });
    const ended = await poll(client, created.id);
    assert.deepEqual(ended.request_counts, { processing: 0, succeeded: 1, errored: 2, canceled: 0, expired: 1 });
    const byId = new Map((await results(client, created.id)).map((r) => [r.custom_id, r.result]));
    const a = byId.get('file-a');
    assert.ok(a?.type === 'errored');
    assert.equal(a.error.error.type, 'api_error');
    assert.equal(byId.get('file-b')?.type, 'expired');
    const c = byId.get('file-c');
    assert.ok(c?.type === 'succeeded');
    assert.equal(c.message.content[0].type === 'text' && c.message.content[0].text, 'all good');
    const d = byId.get('file-d');
    assert.ok(d?.type === 'errored');
    assert.equal(d.error.error.type, 'invalid_request_error');
  });

  it('cancels a batch: canceling, then ended with every entry canceled', async () => {
    const client = anthropicClient(fake);
    const created = await client.messages.batches.create({ requests: requests(['file-a', 'file-b']) });
    const canceling = await client.messages.batches.cancel(created.id);
    assert.equal(canceling.processing_status, 'canceling');
    assert.ok(canceling.cancel_initiated_at);
    const ended = await poll(client, created.id);
    assert.equal(ended.request_counts.canceled, 2);
    assert.deepEqual((await results(client, created.id)).map((r) => r.result.type), ['canceled', 'canceled']);
  });

  it('refuses duplicate custom_ids', async () => {
    const client = anthropicClient(fake);
    await assert.rejects(client.messages.batches.create({ requests: requests(['same', 'same']) }), { status: 400 });
  });
});
