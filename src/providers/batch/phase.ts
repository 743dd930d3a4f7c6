// When a batch's results can be read.
import { providerInfo, type ProviderId } from '../../core/models/providers';
import { ProviderError } from '../../core/calls/providerError';
import { isFinal } from '../../core/batch/jobState';
import type { BatchStatus } from '../../core/batch/batchClient';

/** Results exist only once a batch stops; asking earlier is a caller's mistake, said plainly. */
export function assertResultsReady(provider: ProviderId, status: BatchStatus): void {
  if (isFinal(status.phase)) return;
  const name = providerInfo(provider).displayName;
  throw new ProviderError(provider, 'bad-request', `The ${name} batch ${status.id} is still ${status.phase}: its results can be read once it has ended.`);
}
