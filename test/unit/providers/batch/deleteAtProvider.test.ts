import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { BatchJob } from '../../../../src/core/batch/job';
import type { BatchClient, BatchItem } from '../../../../src/core/batch/batchClient';
import { startFakeProviders, type FakeProviders } from '../../../fake-providers/server';
import { makeJob } from '../../core/batch/fixtures';
import { makeWorld, runnerIn } from '../../core/batch/runnerFakes';
import { ANTHROPIC_KEY, claudeRequest, gptRequest, OPENAI_KEY, providerError } from '../helpers';
import { anthropicBatch, BATCH_DELAY_MS, openaiBatch, pollUntilFinal } from './helpers';

const openaiItems: BatchItem[] = ['q1', 'q2', 'q3'].map((customId) => ({ customId, request: gptRequest() }));
const claudeItems: BatchItem[] = ['q1', 'q2'].map((customId) => ({ customId, request: claudeRequest() }));

/** The SDKs themselves, to see what the fake still keeps as any client would. */
const openaiSdk = (fake: FakeProviders) => new OpenAI({ apiKey: OPENAI_KEY, baseURL: fake.openaiBaseURL, maxRetries: 0 });
const anthropicSdk = (fake: FakeProviders) => new Anthropic({ apiKey: ANTHROPIC_KEY, baseURL: fake.anthropicBaseURL, maxRetries: 0 });

/** A job for a submitted batch, as the editor stores it. */
function jobFor(client: BatchClient, batchId: string, items: readonly BatchItem[]): BatchJob {
  return makeJob({
    provider: client.provider,
    model: client.provider === 'openai' ? 'gpt-5.4-mini' : 'claude-haiku-4-5',
    kind: client.provider === 'openai' ? 'bulkEdit' : 'review',
    batchId,
    items: items.map(({ customId }) => ({ customId, path: `src/${customId}.ts`, uri: `file:///work/app/src/${customId}.ts` })),
  });
}

/** Polls through the runner, as its timers would, until the job has landed. */
async function landThroughRunner(client: BatchClient, job: BatchJob) {
  const world = makeWorld(job);
  const runner = runnerIn(world, 'session-1', { client: async () => client, now: () => new Date() });
  for (let i = 0; i < 100 && !world.store.get(job.id)?.landed; i++) {
    await runner.poll(job.id);
    await new Promise((r) => setTimeout(r, 15));
  }
  assert.equal(world.store.get(job.id)?.landed, true, 'the job landed');
  runner.dispose();
  return world;
}

describe('batch housekeeping at the provider (real SDKs, fake server)', () => {
  let fake: FakeProviders;
  before(async () => {
    fake = await startFakeProviders({ batchDelayMs: BATCH_DELAY_MS });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.reset();
    fake.setBatchDelay(BATCH_DELAY_MS);
  });

  it('OpenAI: once a job has landed, the uploaded requests and the output and error files are deleted', async () => {
    fake.batchOutcome('q2', 'errored');
    const client = openaiBatch(fake);
    const { id } = await client.submit(openaiItems);
    const world = await landThroughRunner(client, jobFor(client, id, openaiItems));
    assert.equal(world.ledger.records.length, 2, 'the two answers were recorded before anything was deleted');
    const deleted = fake.requests().filter((r) => r.method === 'DELETE').map((r) => r.path);
    assert.equal(deleted.length, 3, `input, output and error files: ${deleted.join(', ')}`);
    assert.deepEqual((await openaiSdk(fake).files.list()).data, [], 'nothing is left in the account');
  });

  it('OpenAI: deleting again (another window got there first) is not an error', async () => {
    const client = openaiBatch(fake);
    const { id } = await client.submit(openaiItems);
    await pollUntilFinal(client, id);
    await client.deleteAtProvider(id);
    await client.deleteAtProvider(id);
    assert.deepEqual((await openaiSdk(fake).files.list()).data, []);
  });

  it('OpenAI: a file the provider refuses to delete is reported after the others were deleted; the job stays landed', async () => {
    const client = openaiBatch(fake);
    const { id } = await client.submit(openaiItems);
    fake.script({ match: { provider: 'openai', method: 'DELETE' }, fault: { kind: 'status', status: 403, body: { error: { message: 'Your key may not delete files.', type: 'invalid_request_error', param: null, code: null } } } });
    const world = await landThroughRunner(client, jobFor(client, id, openaiItems));
    assert.equal(world.told.length, 1);
    assert.match(world.logs.join('\n'), /warn batch job job-7f3a: could not delete its files at the provider \(OpenAI refused this API key access \(403\)\. OpenAI said: "Your key may not delete files"/);
    const left = (await openaiSdk(fake).files.list()).data;
    assert.equal(left.length, 1, 'only the refused file is left');
    assert.equal(left[0].purpose, 'batch', 'the upload, refused first');
  });

  it('Anthropic: once a job has landed, the message batch and its results are deleted', async () => {
    const client = anthropicBatch(fake);
    const { id } = await client.submit(claudeItems);
    const world = await landThroughRunner(client, jobFor(client, id, claudeItems));
    assert.equal(world.ledger.records.length, 2);
    assert.deepEqual(fake.requests().filter((r) => r.method === 'DELETE').map((r) => r.path), [`/v1/messages/batches/${id}`]);
    await assert.rejects(anthropicSdk(fake).messages.batches.retrieve(id), (err: unknown) => err instanceof Anthropic.NotFoundError);
    await client.deleteAtProvider(id); // again: already gone, not an error
  });

  it('Anthropic refuses to delete a batch still processing; the client reports it (the runner deletes only landed jobs)', async () => {
    fake.setBatchDelay(10_000);
    const client = anthropicBatch(fake);
    const { id } = await client.submit(claudeItems);
    const err = await providerError(client.deleteAtProvider(id));
    assert.equal(err.kind, 'bad-request');
    assert.equal((await anthropicSdk(fake).messages.batches.retrieve(id)).processing_status, 'in_progress', 'the batch is untouched');
  });
});
