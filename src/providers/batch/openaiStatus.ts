// An OpenAI Batch object in Tandem's batch terms.
import type { Batch } from 'openai/resources/batches';
import { redactSecrets } from '../../core/log/logger';
import type { BatchPhase, BatchStatus } from '../../core/batch/batchClient';

const PHASES: Readonly<Record<Batch['status'], BatchPhase>> = {
  validating: 'running',
  in_progress: 'running',
  finalizing: 'running',
  completed: 'ended',
  failed: 'failed',
  expired: 'expired',
  cancelling: 'cancelling',
  cancelled: 'cancelled',
};

export function openaiStatus(batch: Batch, secrets: readonly string[]): BatchStatus {
  // A status newer than this SDK: keep polling rather than give up on the batch.
  const phase = PHASES[batch.status] ?? 'running';
  const { total = 0, completed = 0, failed = 0 } = batch.request_counts ?? {};
  // OpenAI counts errored, expired and cancelled requests alike as `failed` (results() tells them apart);
  // requests it never got to in an expired or cancelled batch are the rest.
  const rest = Math.max(0, total - completed - failed);
  const expired = phase === 'expired' ? rest : 0;
  const cancelled = phase === 'cancelled' ? rest : 0;
  const message = batch.errors?.data
    ?.map((e) => (e.line != null ? `line ${e.line}: ${e.message ?? e.code}` : (e.message ?? e.code)))
    .filter(Boolean)
    .join('; ');
  return {
    id: batch.id,
    phase,
    counts: { total, done: completed + failed + expired + cancelled, succeeded: completed, errored: failed, expired, cancelled },
    ...(message ? { message: redactSecrets(message, secrets) } : {}),
  };
}
