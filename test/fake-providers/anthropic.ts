// POST /v1/messages (JSON and SSE) and /v1/messages/count_tokens, faithful to the Messages API.
import { answerText, truncateToTokens } from './answer';
import { isPromptError, readAnthropicPrompt, type PromptError } from './anthropicPrompt';
import { anthropicError, requestIdOf, sendError } from './faults';
import { asObject, newId, sendJson } from './http';
import { sampleFromSchema } from './schemaSample';
import { breakPoint, breakWithoutError, SseWriter, splitDeltas } from './sse';
import { fakeTokenCount, pieceTokens, type AnthropicPromptCache } from './tokens';
import type { CallResult, Exchange, ScriptReply } from './types';

type Obj = Record<string, unknown>;
type Block = { type: 'text'; text: string; citations: null } | { type: 'tool_use'; id: string; name: string; input: unknown; caller: Obj };

export interface MessagePlan {
  /** The complete Message (the JSON answer; the stream's end state). */
  message: Obj & { content: Block[]; usage: Obj };
}

function failure(e: PromptError, requestId: string): { ok: false; status: number; body: unknown } {
  return { ok: false, status: e.status, body: anthropicError(e.type, e.message, requestId) };
}

/** Runs one Messages call without transport. `version` is the anthropic-version the request came with. */
export function planMessage(
  raw: unknown,
  reply: ScriptReply | undefined,
  cache: AnthropicPromptCache,
  version: string,
  requestId: string,
  serviceTier = 'standard',
): CallResult<MessagePlan> {
  const body = asObject(raw);
  const prompt = readAnthropicPrompt(body, version, { needMaxTokens: true });
  if (isPromptError(prompt)) return failure(prompt, requestId);
  const maxTokens = body.max_tokens as number;
  const tools = Array.isArray(body.tools) ? body.tools.map(asObject) : [];
  const choice = asObject(body.tool_choice);
  const forcedName = choice.type === 'tool' ? choice.name : choice.type === 'any' ? tools[0]?.name : undefined;
  const forced = forcedName === undefined ? undefined : tools.find((t) => t.name === forcedName);
  if (choice.type === 'tool' && !forced) {
    return failure({ status: 400, type: 'invalid_request_error', message: `tool_choice.name: Tool '${String(choice.name)}' not found in tools` }, requestId);
  }
  const format = asObject(asObject(body.output_config).format);
  if (format.type !== undefined && (format.type !== 'json_schema' || typeof format.schema !== 'object')) {
    return failure({ status: 400, type: 'invalid_request_error', message: 'output_config.format: expected {type: "json_schema", schema}' }, requestId);
  }

  let stopReason = 'end_turn';
  let stopSequence: string | null = null;
  let content: Block[];
  let outputTokens: number;
  if (forced) {
    const input = reply?.toolInput ?? reply?.json ?? sampleFromSchema(forced.input_schema ?? {});
    content = [{ type: 'tool_use', id: newId('toolu_'), name: String(forced.name), input, caller: { type: 'direct' } }];
    outputTokens = fakeTokenCount(JSON.stringify(input));
    stopReason = outputTokens > maxTokens ? 'max_tokens' : 'tool_use';
    outputTokens = Math.min(outputTokens, maxTokens);
  } else {
    let text = answerText(reply, prompt.model, prompt.lastUserText, format.type === 'json_schema' ? format.schema : undefined);
    const stops = Array.isArray(body.stop_sequences) ? body.stop_sequences.filter((s): s is string => typeof s === 'string' && s !== '') : [];
    const hits = stops.map((s) => ({ s, at: text.indexOf(s) })).filter((h) => h.at >= 0).sort((a, b) => a.at - b.at);
    if (hits.length) {
      text = text.slice(0, hits[0].at);
      stopReason = 'stop_sequence';
      stopSequence = hits[0].s;
    }
    const cut = truncateToTokens(text, maxTokens);
    if (cut.truncated) {
      text = cut.text;
      stopReason = 'max_tokens';
      stopSequence = null;
    }
    content = [{ type: 'text', text, citations: null }];
    outputTokens = fakeTokenCount(text);
  }
  const c = cache.account(prompt.model, prompt.blocks);
  const usage = {
    input_tokens: c.inputTokens,
    cache_creation_input_tokens: c.cacheCreation,
    cache_read_input_tokens: c.cacheRead,
    cache_creation: {
      ephemeral_5m_input_tokens: c.ttl === '5m' ? c.cacheCreation : 0,
      ephemeral_1h_input_tokens: c.ttl === '1h' ? c.cacheCreation : 0,
    },
    output_tokens: outputTokens,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: serviceTier,
    inference_geo: null,
  };
  const message = {
    id: newId('msg_'),
    type: 'message',
    role: 'assistant',
    model: prompt.model,
    content,
    stop_reason: stopReason,
    stop_sequence: stopSequence,
    // Always present (null here) according to the SDK's types.
    stop_details: null,
    container: null,
    diagnostics: null,
    usage,
  };
  return { ok: true, value: { message } };
}

async function streamMessage(ex: Exchange, plan: MessagePlan): Promise<void> {
  const sse = new SseWriter(ex, ex.step?.chunkDelayMs);
  const breakAfter = breakPoint(ex.step?.fault);
  const send = (type: string, fields: Obj = {}) => sse.event(type, { type, ...fields });
  const { message } = plan;
  const usage = message.usage;
  sse.start();
  const startUsage = { ...usage, output_tokens: Math.min(1, Number(usage.output_tokens)) };
  if (!(await send('message_start', { message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: startUsage } }))) return;
  let sent = 0;
  for (const [index, block] of message.content.entries()) {
    const start = block.type === 'text' ? { ...block, text: '' } : { ...block, input: {} };
    if (!(await send('content_block_start', { index, content_block: start }))) return;
    if (index === 0 && !(await send('ping'))) return;
    const deltas = block.type === 'text'
      ? splitDeltas(block.text).map((text) => ({ type: 'text_delta', text }))
      : ['', ...splitDeltas(JSON.stringify(block.input))].map((partial_json) => ({ type: 'input_json_delta', partial_json }));
    for (const delta of deltas) {
      if (sent >= breakAfter) break;
      if (!(await send('content_block_delta', { index, delta }))) return;
      sent++;
    }
    if (sent >= breakAfter) {
      if (breakWithoutError(ex)) return;
      // The real API's mid-stream failure: an `error` event, then the connection ends (the SDK does not retry it).
      await send('error', { error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: requestIdOf(ex) });
      return sse.end();
    }
    if (!(await send('content_block_stop', { index }))) return;
  }
  const deltaUsage = {
    input_tokens: usage.input_tokens,
    cache_creation_input_tokens: usage.cache_creation_input_tokens,
    cache_read_input_tokens: usage.cache_read_input_tokens,
    output_tokens: usage.output_tokens,
    server_tool_use: null,
  };
  const delta = { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence, stop_details: null, container: null };
  if (!(await send('message_delta', { delta, usage: deltaUsage }))) return;
  if (!(await send('message_stop'))) return;
  sse.end();
}

function versionOf(ex: Exchange): string | undefined {
  const v = ex.req.headers['anthropic-version'];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function missingVersion(ex: Exchange): void {
  sendError(ex, 400, anthropicError('invalid_request_error', 'anthropic-version: header is required', requestIdOf(ex)));
}

export async function handleMessages(ex: Exchange, cache: AnthropicPromptCache): Promise<void> {
  const version = versionOf(ex);
  if (!version) return missingVersion(ex);
  const plan = planMessage(ex.body, ex.step?.reply, cache, version, requestIdOf(ex));
  if (!plan.ok) return sendError(ex, plan.status, plan.body);
  if (asObject(ex.body).stream === true) return streamMessage(ex, plan.value);
  sendJson(ex, 200, plan.value.message);
}

/** count_tokens: the total input tokens of the prompt (cache does not matter here). */
export function handleCountTokens(ex: Exchange): void {
  const version = versionOf(ex);
  if (!version) return missingVersion(ex);
  const prompt = readAnthropicPrompt(asObject(ex.body), version, { needMaxTokens: false });
  if (isPromptError(prompt)) return sendError(ex, prompt.status, anthropicError(prompt.type, prompt.message, requestIdOf(ex)));
  sendJson(ex, 200, { input_tokens: prompt.blocks.reduce((n, b) => n + pieceTokens(b.piece), 0) });
}
