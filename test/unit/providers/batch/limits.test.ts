import assert from 'node:assert/strict';
import { startFakeProviders, type FakeProviders } from '../../../fake-providers/server';
import type { BatchItem } from '../../../../src/core/batch/batchClient';
import { BATCH_LIMITS, createBatchClient } from '../../../../src/providers/batch';
import { checkBatchBytes } from '../../../../src/providers/batch/limits';
import { ProviderError } from '../../../../src/core/calls/providerError';
import { claudeRequest, gptRequest, providerError } from '../helpers';
import { anthropicBatch, openaiBatch } from './helpers';

/** `count` items sharing one request object: cheap even at 100,001. */
function manyItems(count: number, request = gptRequest()): BatchItem[] {
  return Array.from({ length: count }, (_, i) => ({ customId: `r${i}`, request }));
}

describe('batch limits and createBatchClient', () => {
  let fake: FakeProviders;
  before(async () => {
    fake = await startFakeProviders();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('refuses more requests than each provider takes, before sending anything', async () => {
    const openaiErr = await providerError(openaiBatch(fake).submit(manyItems(50_001)));
    assert.equal(openaiErr.kind, 'bad-request');
    assert.match(openaiErr.message, /50,001 requests; OpenAI takes at most 50,000 per batch\. Split it into smaller batches\./);
    const anthropicErr = await providerError(anthropicBatch(fake).submit(manyItems(100_001, claudeRequest())));
    assert.match(anthropicErr.message, /100,001 requests; Anthropic takes at most 100,000 per batch/);
    assert.deepEqual(fake.requests(), []);
  });

  it('refuses an empty batch and duplicate custom ids, before sending anything', async () => {
    assert.match((await providerError(openaiBatch(fake).submit([]))).message, /at least one request/);
    const twice = [...manyItems(2), { customId: 'r1', request: gptRequest() }];
    assert.match((await providerError(anthropicBatch(fake).submit(twice))).message, /share the id "r1"/);
    assert.deepEqual(fake.requests(), []);
  });

  it('refuses a batch over the size limit (OpenAI 200 MB, Anthropic 256 MB)', () => {
    assert.deepEqual(BATCH_LIMITS, { openai: { requests: 50_000, bytes: 200_000_000 }, anthropic: { requests: 100_000, bytes: 256_000_000 } });
    checkBatchBytes('openai', 200_000_000);
    checkBatchBytes('anthropic', 256_000_000);
    assert.throws(() => checkBatchBytes('openai', 200_000_001), (err: unknown) => err instanceof ProviderError && err.kind === 'bad-request' && /at most 200 MB/.test(err.message));
    assert.throws(() => checkBatchBytes('anthropic', 300_000_000), /This batch is 300\.0 MB; Anthropic takes at most 256 MB per batch/);
  });

  it('createBatchClient builds the client for each provider without calling anything', () => {
    assert.equal(createBatchClient('openai', { apiKey: 'k', baseURL: 'https://api.openai.com/v1' }).provider, 'openai');
    assert.equal(createBatchClient('anthropic', { apiKey: 'k', baseURL: 'https://api.anthropic.com' }).provider, 'anthropic');
    assert.deepEqual(fake.requests(), []);
  });
});
