// When a batch's results can be read.
import { providerInfo, type ProviderId } from '../../core/models/providers';
import { ProviderError } from '../types';
import type { BatchPhase, BatchStatus } from './types';

/** Phases after which the batch changes no more. */
export function isFinalPhase(phase: BatchPhase): boolean {
  return phase !== 'running' && phase !== 'cancelling';
}

/** Results exist only once a batch stops; asking earlier is a caller's mistake, said plainly. */
export function assertResultsReady(provider: ProviderId, status: BatchStatus): void {
  if (isFinalPhase(status.phase)) return;
  const name = providerInfo(provider).displayName;
  throw new ProviderError(provider, 'bad-request', `The ${name} batch ${status.id} is still ${status.phase}: its results can be read once it has ended.`);
}
