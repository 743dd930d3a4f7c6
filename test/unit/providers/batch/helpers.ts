// Shared setup for the batch client tests: real SDKs (inside the clients) against the fake provider server.
import assert from 'node:assert/strict';
import type { FakeProviders } from '../../../fake-providers/server';
import { isFinal } from '../../../../src/core/batch/jobState';
import type { BatchClient, BatchItemResult, BatchStatus } from '../../../../src/core/batch/batchClient';
import { AnthropicBatchClient, OpenAIBatchClient } from '../../../../src/providers/batch';
import type { ClientConfig } from '../../../../src/core/calls/modelClient';
import { ANTHROPIC_KEY, OPENAI_KEY } from '../helpers';

/** Short enough for fast tests, long enough that a batch is seen running first. */
export const BATCH_DELAY_MS = 60;

export function openaiBatch(fake: FakeProviders, over: Partial<ClientConfig> = {}): OpenAIBatchClient {
  return new OpenAIBatchClient({ apiKey: OPENAI_KEY, baseURL: fake.openaiBaseURL, timeoutMs: 3000, maxRetries: 0, ...over });
}

export function anthropicBatch(fake: FakeProviders, over: Partial<ClientConfig> = {}): AnthropicBatchClient {
  return new AnthropicBatchClient({ apiKey: ANTHROPIC_KEY, baseURL: fake.anthropicBaseURL, timeoutMs: 3000, maxRetries: 0, ...over });
}

/** Polls status() until the batch stops changing; returns every status seen, the last one final. */
export async function pollUntilFinal(client: BatchClient, id: string, ms = 3000): Promise<BatchStatus[]> {
  const seen: BatchStatus[] = [];
  const until = Date.now() + ms;
  for (;;) {
    const status = await client.status(id);
    seen.push(status);
    if (isFinal(status.phase)) return seen;
    if (Date.now() > until) throw new Error(`batch ${id} still ${status.phase} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Results by custom id, checking each id appears once. */
export function byCustomId(results: readonly BatchItemResult[]): Map<string, BatchItemResult> {
  const map = new Map(results.map((r) => [r.customId, r]));
  assert.equal(map.size, results.length, 'each custom id once');
  return map;
}

export function succeeded(result: BatchItemResult | undefined): Extract<BatchItemResult, { kind: 'succeeded' }> {
  assert.ok(result, 'expected a result');
  assert.equal(result.kind, 'succeeded', `expected success, got ${JSON.stringify(result)}`);
  return result as Extract<BatchItemResult, { kind: 'succeeded' }>;
}

export function failed(result: BatchItemResult | undefined, kind: 'errored' | 'expired' | 'cancelled'): string {
  assert.ok(result, 'expected a result');
  assert.equal(result.kind, kind, `expected ${kind}, got ${JSON.stringify(result)}`);
  return (result as { reason: string }).reason;
}
