// The results of an ended OpenAI batch: output and error files joined on custom_id, never on line order.
import type { Batch } from 'openai/resources/batches';
import { CANCELLED_REASON, EXPIRED_REASON, failedItem } from './itemResult';
import { openaiLineResult, type OpenAIBatchLine } from './openaiLine';
import type { BatchItemResult, BatchStatus } from '../../core/batch/batchClient';

/**
 * `read` downloads a file's text. The input file is read only when some requests have no line at all (a
 * failed batch, or an expired or cancelled one that left some out), since it may be up to 200 MB.
 */
export async function collectOpenAIResults(batch: Batch, status: BatchStatus, read: (fileId: string) => Promise<string>, secrets: readonly string[]): Promise<BatchItemResult[]> {
  const byId = new Map<string, BatchItemResult>();
  for (const fileId of [batch.output_file_id, batch.error_file_id]) {
    if (!fileId) continue;
    for (const line of parseJsonl(await read(fileId))) byId.set(line.custom_id, openaiLineResult(line, secrets));
  }
  const total = batch.request_counts?.total ?? 0;
  if (batch.status !== 'failed' && byId.size > 0 && byId.size >= total) return [...byId.values()];

  const inputIds = parseJsonl(await read(batch.input_file_id)).map((l) => l.custom_id);
  const missing = missingResult(status, secrets);
  const fromInput = inputIds.map((id) => byId.get(id) ?? missing(id));
  const inInput = new Set(inputIds);
  return [...fromInput, ...[...byId.values()].filter((r) => !inInput.has(r.customId))];
}

/** What a request with no output line means, by how the batch ended. */
function missingResult(status: BatchStatus, secrets: readonly string[]): (customId: string) => BatchItemResult {
  if (status.phase === 'expired') return (id) => failedItem(id, 'expired', EXPIRED_REASON, secrets);
  if (status.phase === 'cancelled') return (id) => failedItem(id, 'cancelled', CANCELLED_REASON, secrets);
  const reason = status.phase === 'failed' ? `The batch failed${status.message ? `: ${status.message}` : '.'}` : 'OpenAI returned no result for this request.';
  return (id) => failedItem(id, 'errored', reason, secrets);
}

function parseJsonl(text: string): OpenAIBatchLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as OpenAIBatchLine);
}
