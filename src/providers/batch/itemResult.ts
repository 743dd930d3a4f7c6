// A batch item that did not succeed, with the provider's reason made safe to show.
import { redactSecrets } from '../../core/log/logger';
import type { BatchItemResult } from '../../core/batch/batchClient';

export function failedItem(customId: string, kind: 'errored' | 'expired' | 'cancelled', reason: string, secrets: readonly string[]): BatchItemResult {
  // The reason is the provider's text: redacted like every other message that may reach a log or the user.
  return { customId, kind, reason: redactSecrets(reason, secrets) };
}

export const EXPIRED_REASON = 'The batch expired (24 hours passed) before this request ran.';
export const CANCELLED_REASON = 'The batch was cancelled before this request ran.';
