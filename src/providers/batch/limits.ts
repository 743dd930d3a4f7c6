// What each provider accepts in one batch, checked before anything is sent so the user learns it at once.
// The refusals are ProviderError 'bad-request' (what the provider would answer), so callers catch one type.
import { providerInfo, type ProviderId } from '../../core/models/providers';
import { ProviderError } from '../../core/calls/providerError';
import type { BatchItem } from '../../core/batch/batchClient';

/** Decimal megabytes: the providers' documented limits read the strict way, so we never send what they refuse. */
const MB = 1_000_000;

export const BATCH_LIMITS: Readonly<Record<ProviderId, { readonly requests: number; readonly bytes: number }>> = {
  openai: { requests: 50_000, bytes: 200 * MB },
  anthropic: { requests: 100_000, bytes: 256 * MB },
};

/** Throws unless the items could form one batch: at least one, unique ids, not too many. */
export function checkBatchItems(provider: ProviderId, items: readonly BatchItem[]): void {
  const name = providerInfo(provider).displayName;
  const refuse = (message: string) => new ProviderError(provider, 'bad-request', message);
  if (items.length === 0) throw refuse(`A ${name} batch needs at least one request.`);
  const max = BATCH_LIMITS[provider].requests;
  if (items.length > max) {
    throw refuse(`This batch has ${items.length.toLocaleString('en-US')} requests; ${name} takes at most ${max.toLocaleString('en-US')} per batch. Split it into smaller batches.`);
  }
  // Results are joined on the id, so two items with one id could not be told apart.
  const seen = new Set<string>();
  for (const { customId } of items) {
    if (seen.has(customId)) throw refuse(`Two requests in this batch share the id "${customId}"; each needs its own.`);
    seen.add(customId);
  }
}

/** Throws when the encoded batch (OpenAI: the JSONL file; Anthropic: the request body) is over the size limit. */
export function checkBatchBytes(provider: ProviderId, bytes: number): void {
  const max = BATCH_LIMITS[provider].bytes;
  if (bytes <= max) return;
  const name = providerInfo(provider).displayName;
  throw new ProviderError(provider, 'bad-request', `This batch is ${(bytes / MB).toFixed(1)} MB; ${name} takes at most ${max / MB} MB per batch. Split it into smaller batches.`);
}
