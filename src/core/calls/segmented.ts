import type { ChatMessage, ModelResult } from './modelClient';
import type { ModelTable } from '../models/modelTable';
import { splitIntoSegments } from '../routing/segment';
import { estimateTokens } from '../tokens/estimate';
import { addUsage, ZERO_USAGE } from '../usage/usage';
import type { TaskHandlers, TaskOutcome, TaskRequest } from './modelService';

type SegmentDecision = { readonly model: keyof ModelTable; readonly reason: string; readonly maxSegmentTokens: number };
/** One recorded call: its result and the id of its ledger record. */
type CallOnce = (request: TaskRequest, handlers: TaskHandlers) => Promise<{ readonly result: ModelResult; readonly callId: string }>;

function textOf(message: ChatMessage): string {
  return typeof message.content === 'string'
    ? message.content
    : message.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

/**
 * Input larger than every model's window: the last user message is read in line-bounded segments (map),
 * then the partial answers are combined in one last call (reduce) whose text is streamed to the caller.
 * Every segment is a call of its own in the ledger; nothing of the input is dropped.
 */
export async function runSegmented(
  request: TaskRequest,
  handlers: TaskHandlers,
  decision: SegmentDecision,
  callOnce: CallOnce,
  models: ModelTable,
): Promise<TaskOutcome> {
  const provider = models[decision.model].provider;
  const head = request.messages.slice(0, -1);
  const last = request.messages[request.messages.length - 1];
  const fixedTokens = [...request.system, ...head.map(textOf)].reduce((n, s) => n + estimateTokens(s, provider), 0);
  const budget = Math.max(1, decision.maxSegmentTokens - fixedTokens);
  const segments = splitIntoSegments(last ? textOf(last) : '', budget, (s) => estimateTokens(s, provider));

  const parts: string[] = [];
  let usage = ZERO_USAGE;
  for (const [i, segment] of segments.entries()) {
    const { result } = await callOnce({
      ...request,
      messages: [...head, { role: 'user', content: `Part ${i + 1} of ${segments.length} (lines ${segment.startLine}–${segment.endLine}):\n\n${segment.text}` }],
    }, {});
    parts.push(result.text);
    usage = addUsage(usage, result.usage);
  }
  const { result: combined, callId } = await callOnce({
    ...request,
    jsonSchema: request.jsonSchema,
    messages: [{
      role: 'user',
      content: `The input was too long to read at once, so it was answered in ${parts.length} parts. `
        + `Combine these partial answers into one answer, without repeating yourself:\n\n`
        + parts.map((p, i) => `--- Part ${i + 1} ---\n${p}`).join('\n\n'),
    }],
  }, handlers);
  return {
    result: { ...combined, usage: addUsage(usage, combined.usage) },
    // The combining call wrote the answer the user judges.
    callId,
    model: decision.model,
    reason: decision.reason,
  };
}
