// POST /v1/chat/completions: JSON and SSE (data-only lines, `[DONE]` at the end, as the real API).
import { answerText, isGpt5, truncateToTokens } from './answer';
import { sendError } from './faults';
import { asObject, newId, nowSeconds, sendJson } from './http';
import { badRequest, chatPrompt, checkModel, isPromptFailure } from './openaiShared';
import { breakPoint, breakWithoutError, SseWriter, splitDeltas } from './sse';
import { fakeTokenCount, reasoningTokens, sumTokens, type OpenAIPromptCache } from './tokens';
import type { CallResult, Exchange, ScriptReply } from './types';

type Obj = Record<string, unknown>;

export interface ChatPlan {
  completion: Obj;
  text: string;
  finishReason: 'stop' | 'length';
  usage: Obj;
}

export function planChat(raw: unknown, reply: ScriptReply | undefined, cache: OpenAIPromptCache): CallResult<ChatPlan> {
  const body = asObject(raw);
  const modelError = checkModel(body);
  if (modelError) return modelError;
  const model = body.model as string;
  if (isGpt5(model) && body.max_tokens != null) {
    return badRequest(
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      'max_tokens',
      'unsupported_parameter',
    );
  }
  const prompt = chatPrompt(body);
  if (isPromptFailure(prompt)) return prompt;
  const rf = asObject(body.response_format);
  const schema = rf.type === 'json_schema' ? (asObject(rf.json_schema).schema ?? {}) : rf.type === 'json_object' ? {} : undefined;
  let text = answerText(reply, model, prompt.lastUserText, schema);
  let reasoning = reasoningTokens(body.reasoning_effort);
  const max = body.max_completion_tokens ?? body.max_tokens;
  let finishReason: ChatPlan['finishReason'] = 'stop';
  if (typeof max === 'number' && reasoning + fakeTokenCount(text) > max) {
    finishReason = 'length';
    reasoning = Math.min(reasoning, max);
    text = truncateToTokens(text, max - reasoning).text;
  }
  const promptTokens = sumTokens(prompt.pieces);
  const cached = cache.lookupAndRemember(typeof body.prompt_cache_key === 'string' ? body.prompt_cache_key : undefined, prompt.pieces);
  const completionTokens = reasoning + fakeTokenCount(text);
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
  const completion = {
    id: newId('chatcmpl-'),
    object: 'chat.completion',
    created: nowSeconds(),
    model,
    choices: [
      { index: 0, message: { role: 'assistant', content: text, refusal: null, annotations: [] }, logprobs: null, finish_reason: finishReason },
    ],
    usage,
    service_tier: 'default',
    system_fingerprint: null,
  };
  return { ok: true, value: { completion, text, finishReason, usage } };
}

async function streamChat(ex: Exchange, plan: ChatPlan, includeUsage: boolean): Promise<void> {
  const sse = new SseWriter(ex, ex.step?.chunkDelayMs);
  const breakAfter = breakPoint(ex.step?.fault);
  const { id, created, model } = plan.completion;
  const chunk = (choices: unknown[], extra: Obj = {}) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    service_tier: 'default',
    system_fingerprint: null,
    choices,
    ...(includeUsage ? { usage: null } : {}),
    ...extra,
  });
  const choice = (delta: Obj, finish: string | null = null) => ({ index: 0, delta, logprobs: null, finish_reason: finish });
  sse.start();
  if (!(await sse.event(undefined, chunk([choice({ role: 'assistant', content: '', refusal: null })])))) return;
  let sent = 0;
  for (const delta of splitDeltas(plan.text)) {
    if (sent >= breakAfter) break;
    if (!(await sse.event(undefined, chunk([choice({ content: delta })])))) return;
    sent++;
  }
  if (breakAfter !== Infinity) {
    if (breakWithoutError(ex)) return;
    // Chat's mid-stream failure: a data line carrying `error`; the SDK throws on it.
    await sse.event(undefined, { error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } });
    return sse.end();
  }
  if (!(await sse.event(undefined, chunk([choice({}, plan.finishReason)])))) return;
  if (includeUsage && !(await sse.event(undefined, chunk([], { usage: plan.usage })))) return;
  if (!(await sse.event(undefined, '[DONE]'))) return;
  sse.end();
}

export async function handleChat(ex: Exchange, cache: OpenAIPromptCache): Promise<void> {
  const plan = planChat(ex.body, ex.step?.reply, cache);
  if (!plan.ok) return sendError(ex, plan.status, plan.body);
  const body = asObject(ex.body);
  if (body.stream === true) return streamChat(ex, plan.value, asObject(body.stream_options).include_usage === true);
  sendJson(ex, 200, plan.value.completion);
}
