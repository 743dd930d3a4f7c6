// One line of an OpenAI batch output or error file, as a BatchItemResult.
import type { Response as OpenAIResponse } from 'openai/resources/responses/responses';
import { ZERO_USAGE } from '../../core/usage/usage';
import { normaliseOpenAIUsage } from '../openai';
import { CANCELLED_REASON, EXPIRED_REASON, failedItem } from './itemResult';
import type { BatchItemResult } from '../../core/batch/batchClient';

/** `{"id","custom_id","response":{"status_code","request_id","body"},"error"}`; body is a Responses object or an error body. */
export interface OpenAIBatchLine {
  readonly custom_id: string;
  readonly response?: { readonly status_code: number; readonly request_id?: string | null; readonly body?: unknown } | null;
  readonly error?: { readonly code?: string | null; readonly message?: string | null } | null;
}

type ErrorBody = { readonly error?: { readonly type?: string | null; readonly message?: string | null } | null };

export function openaiLineResult(line: OpenAIBatchLine, secrets: readonly string[]): BatchItemResult {
  const fail = (kind: 'errored' | 'expired' | 'cancelled', reason: string) => failedItem(line.custom_id, kind, reason, secrets);
  if (line.error) {
    const { code, message } = line.error;
    if (code === 'batch_expired') return fail('expired', message || EXPIRED_REASON);
    // The code of a cancelled request is not documented; this is the one the fake server uses.
    if (code === 'batch_cancelled') return fail('cancelled', message || CANCELLED_REASON);
    return fail('errored', code ? `${code}: ${message ?? ''}`.trim() : (message ?? 'The request failed.'));
  }
  const response = line.response;
  if (!response) return fail('errored', 'OpenAI returned neither an answer nor an error for this request.');
  if (response.status_code >= 400) {
    const error = (response.body as ErrorBody | undefined)?.error;
    return fail('errored', `${error?.type ?? `HTTP ${response.status_code}`}: ${error?.message ?? 'no message'}`);
  }
  const body = response.body as OpenAIResponse;
  if (body.status === 'failed') return fail('errored', `${body.error?.code ?? 'failed'}: ${body.error?.message ?? 'The response failed.'}`);
  return {
    customId: line.custom_id,
    kind: 'succeeded',
    text: outputText(body),
    usage: body.usage ? normaliseOpenAIUsage(body.usage) : ZERO_USAGE,
    model: body.model,
    ...(response.request_id ? { requestId: response.request_id } : {}),
  };
}

/** The raw JSON has no `output_text` (the SDK adds it to its own calls only): join the message text parts. */
function outputText(body: OpenAIResponse): string {
  return (body.output ?? [])
    .flatMap((item) => (item.type === 'message' ? item.content : []))
    .map((part) => (part.type === 'output_text' ? part.text : ''))
    .join('');
}
