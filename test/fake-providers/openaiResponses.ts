// POST /v1/responses: JSON and SSE, faithful to the Responses API event sequence.
import { answerText, truncateToTokens } from './answer';
import { sendError } from './faults';
import { asObject, newId, nowSeconds, sendJson } from './http';
import { badRequest, checkModel, isPromptFailure, responsesPrompt } from './openaiShared';
import { breakPoint, breakWithoutError, SseWriter, splitDeltas } from './sse';
import { fakeTokenCount, reasoningTokens, sumTokens, type OpenAIPromptCache } from './tokens';
import type { CallResult, Exchange, ScriptReply } from './types';

type Obj = Record<string, unknown>;

export interface ResponsesPlan {
  /** The response as the last event (or the JSON answer) carries it. */
  final: Obj;
  /** The response as response.created / response.in_progress carry it. */
  initial: Obj;
  reasoningItem?: Obj;
  message?: { id: string; text: string; status: 'completed' | 'incomplete'; outputIndex: number };
}

function messageItem(m: NonNullable<ResponsesPlan['message']>, text: string, status: string, withContent = true): Obj {
  const content = withContent ? [{ type: 'output_text', annotations: [], logprobs: [], text }] : [];
  return { id: m.id, type: 'message', status, content, role: 'assistant' };
}

/** Runs one Responses call without transport: validation, answer, truncation, usage, cache. */
export function planResponses(raw: unknown, reply: ScriptReply | undefined, cache: OpenAIPromptCache): CallResult<ResponsesPlan> {
  const body = asObject(raw);
  const modelError = checkModel(body);
  if (modelError) return modelError;
  const model = body.model as string;
  const max = body.max_output_tokens;
  if (max != null && (typeof max !== 'number' || !Number.isInteger(max) || max < 16)) {
    return badRequest(
      `Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got ${JSON.stringify(max)} instead.`,
      'max_output_tokens',
      'integer_below_min_value',
    );
  }
  const prompt = responsesPrompt(body);
  if (isPromptFailure(prompt)) return prompt;

  const format = asObject(asObject(body.text).format);
  const schema = format.type === 'json_schema' ? (format.schema ?? {}) : format.type === 'json_object' ? {} : undefined;
  let text = answerText(reply, model, prompt.lastUserText, schema);
  const effort = asObject(body.reasoning).effort;
  let reasoning = reasoningTokens(effort);
  let truncated = false;
  if (typeof max === 'number' && reasoning + fakeTokenCount(text) > max) {
    // Reasoning comes first and eats the budget; the visible text gets what is left.
    truncated = true;
    reasoning = Math.min(reasoning, max);
    text = truncateToTokens(text, max - reasoning).text;
  }
  const inputTokens = sumTokens(prompt.pieces);
  const cached = cache.lookupAndRemember(typeof body.prompt_cache_key === 'string' ? body.prompt_cache_key : undefined, prompt.pieces);
  const outputTokens = reasoning + fakeTokenCount(text);

  const reasoningItem = reasoning > 0 ? { id: newId('rs_'), type: 'reasoning', summary: [] } : undefined;
  const hasMessage = !(truncated && text === '');
  const message = hasMessage
    ? { id: newId('msg_'), text, status: truncated ? ('incomplete' as const) : ('completed' as const), outputIndex: reasoningItem ? 1 : 0 }
    : undefined;
  const output: Obj[] = [];
  if (reasoningItem) output.push(reasoningItem);
  if (message) output.push(messageItem(message, message.text, message.status));

  const createdAt = nowSeconds();
  const common: Obj = {
    id: newId('resp_'),
    object: 'response',
    created_at: createdAt,
    background: false,
    error: null,
    instructions: body.instructions ?? null,
    max_output_tokens: max ?? null,
    max_tool_calls: null,
    model,
    parallel_tool_calls: true,
    previous_response_id: null,
    prompt_cache_key: body.prompt_cache_key ?? null,
    reasoning: { effort: effort ?? null, summary: null },
    safety_identifier: null,
    service_tier: 'default',
    store: body.store ?? true,
    temperature: 1,
    text: { format: body.text ? (asObject(body.text).format ?? { type: 'text' }) : { type: 'text' }, verbosity: 'medium' },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_logprobs: 0,
    top_p: 1,
    truncation: 'disabled',
    user: null,
    metadata: body.metadata ?? {},
  };
  const initial: Obj = { ...common, status: 'in_progress', completed_at: null, incomplete_details: null, output: [], usage: null };
  const final: Obj = {
    ...common,
    status: truncated ? 'incomplete' : 'completed',
    completed_at: truncated ? null : nowSeconds(),
    incomplete_details: truncated ? { reason: 'max_output_tokens' } : null,
    output,
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: cached, cache_write_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: reasoning },
      total_tokens: inputTokens + outputTokens,
    },
  };
  return { ok: true, value: { final, initial, reasoningItem, message } };
}

async function streamResponses(ex: Exchange, plan: ResponsesPlan): Promise<void> {
  const sse = new SseWriter(ex, ex.step?.chunkDelayMs);
  const breakAfter = breakPoint(ex.step?.fault);
  let seq = 0;
  const send = (type: string, fields: Obj) => sse.event(type, { type, ...fields, sequence_number: seq++ });
  sse.start();
  if (!(await send('response.created', { response: plan.initial }))) return;
  if (!(await send('response.in_progress', { response: plan.initial }))) return;
  if (plan.reasoningItem) {
    if (!(await send('response.output_item.added', { output_index: 0, item: plan.reasoningItem }))) return;
    if (!(await send('response.output_item.done', { output_index: 0, item: plan.reasoningItem }))) return;
  }
  const m = plan.message;
  if (m) {
    const at = { item_id: m.id, output_index: m.outputIndex, content_index: 0 };
    const part = (text: string) => ({ type: 'output_text', annotations: [], logprobs: [], text });
    if (!(await send('response.output_item.added', { output_index: m.outputIndex, item: messageItem(m, '', 'in_progress', false) }))) return;
    if (!(await send('response.content_part.added', { ...at, part: part('') }))) return;
    let sent = 0;
    for (const delta of splitDeltas(m.text)) {
      if (sent >= breakAfter) break;
      if (!(await send('response.output_text.delta', { ...at, delta, logprobs: [] }))) return;
      sent++;
    }
    if (breakAfter !== Infinity) {
      if (breakWithoutError(ex)) return;
      // The real API's mid-stream failure: an `error` event, then the stream ends.
      await send('error', { code: 'server_error', message: 'The server had an error while processing your request. Sorry about that!', param: null });
      return sse.end();
    }
    if (!(await send('response.output_text.done', { ...at, text: m.text, logprobs: [] }))) return;
    if (!(await send('response.content_part.done', { ...at, part: part(m.text) }))) return;
    if (!(await send('response.output_item.done', { output_index: m.outputIndex, item: messageItem(m, m.text, m.status) }))) return;
  } else if (breakAfter !== Infinity) {
    if (breakWithoutError(ex)) return;
    await send('error', { code: 'server_error', message: 'The server had an error while processing your request.', param: null });
    return sse.end();
  }
  const last = plan.final.status === 'incomplete' ? 'response.incomplete' : 'response.completed';
  if (!(await send(last, { response: plan.final }))) return;
  sse.end();
}

export async function handleResponses(ex: Exchange, cache: OpenAIPromptCache): Promise<void> {
  const plan = planResponses(ex.body, ex.step?.reply, cache);
  if (!plan.ok) return sendError(ex, plan.status, plan.body);
  if (asObject(ex.body).stream === true) return streamResponses(ex, plan.value);
  sendJson(ex, 200, plan.value.final);
}
