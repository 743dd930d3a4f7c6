// Message Batches API objects in Tandem's batch terms.
import type { MessageBatch, MessageBatchIndividualResponse } from '@anthropic-ai/sdk/resources/messages/batches';
import { normaliseAnthropicUsage } from '../anthropic';
import { CANCELLED_REASON, EXPIRED_REASON, failedItem } from './itemResult';
import type { BatchItemResult, BatchPhase, BatchStatus } from '../../core/batch/batchClient';

export function anthropicStatus(batch: MessageBatch): BatchStatus {
  const c = batch.request_counts;
  const done = c.succeeded + c.errored + c.expired + c.canceled;
  return {
    id: batch.id,
    phase: phaseOf(batch),
    counts: { total: done + c.processing, done, succeeded: c.succeeded, errored: c.errored, expired: c.expired, cancelled: c.canceled },
  };
}

function phaseOf(batch: MessageBatch): BatchPhase {
  if (batch.processing_status === 'in_progress') return 'running';
  if (batch.processing_status === 'canceling') return 'cancelling';
  // A cancelled batch also just "ends"; it counts as cancelled only if the cancel caught some requests.
  return batch.cancel_initiated_at && batch.request_counts.canceled > 0 ? 'cancelled' : 'ended';
}

export function anthropicItemResult(entry: MessageBatchIndividualResponse, secrets: readonly string[]): BatchItemResult {
  const { custom_id: customId, result } = entry;
  switch (result.type) {
    case 'succeeded': {
      const { message } = result;
      const text = message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      return { customId, kind: 'succeeded', text, usage: normaliseAnthropicUsage(message.usage), model: message.model };
    }
    case 'errored': {
      const { type, message } = result.error.error;
      return failedItem(customId, 'errored', `${type}: ${message}`, secrets);
    }
    case 'canceled':
      return failedItem(customId, 'cancelled', CANCELLED_REASON, secrets);
    case 'expired':
      return failedItem(customId, 'expired', EXPIRED_REASON, secrets);
  }
}
