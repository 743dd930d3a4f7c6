// GPT models through the official `openai` SDK: the Responses API, streamed.
import type { ResponseInputItem, Response as OpenAIResponse } from 'openai/resources/responses/responses';
import type { Usage } from '../core/usage/usage';
import { toProviderError } from './errors';
import { clientSecrets, lazySdk, sdkClientOptions } from './lazySdk';
import { jsonOfAnswer, StreamRun } from './streamRun';
import type { ChatMessage, ClientConfig, ModelClient, ModelRequest, ModelResult, StreamHandlers } from '../core/calls/modelClient';

/** Also used by the batch client: esbuild maps only this exact specifier to dist/sdk/openai.js. */
export const importOpenAISdk = () => import('./sdk/openai.js');

/** The model checkKey() retrieves: the one Tandem uses, so a key without access to it fails early. */
const CHECK_MODEL = 'gpt-5.4-mini';

export class OpenAIClient implements ModelClient {
  readonly provider = 'openai' as const;
  /** The SDK is imported on first use, so activating the extension never loads it. */
  private readonly load = lazySdk('openai', importOpenAISdk, (module) => new module.OpenAI(sdkClientOptions(this.config)));

  constructor(private readonly config: ClientConfig) {}

  async stream(request: ModelRequest, handlers?: StreamHandlers): Promise<ModelResult> {
    const run = new StreamRun('openai', request, handlers, this.config.timeoutMs);
    const { module, client } = await this.load();
    let requestId: string | undefined;
    const fail = (err: unknown) =>
      toProviderError(err, module, {
        provider: 'openai',
        secrets: clientSecrets(this.config),
        signal: request.signal,
        stalled: run.stalled,
        textStarted: run.textStarted,
        timeoutMs: this.config.timeoutMs,
        requestId,
        partial: run.partial(),
      });
    if (request.signal?.aborted) throw fail(new module.APIUserAbortError());

    let final: OpenAIResponse | undefined;
    try {
      // The raw event stream (rather than responses.stream()) because it also gives the response headers.
      // The signal goes to the SDK, which passes it to fetch: aborting closes the HTTP request.
      const { data: stream, request_id, response } = await client.responses
        .create({ ...openaiRequestBody(request), stream: true }, { signal: run.send() })
        .withResponse();
      requestId = request_id ?? undefined;
      run.accept(response.headers);
      for await (const event of stream) {
        run.alive();
        if (event.type === 'response.output_text.delta') run.addText(event.delta);
        else if (event.type === 'response.completed' || event.type === 'response.incomplete' || event.type === 'response.failed') {
          final = event.response;
          if (final.usage) run.reportUsage(normaliseOpenAIUsage(final.usage));
        }
      }
    } catch (err) {
      throw fail(err);
    } finally {
      run.end();
    }
    // An abort can end the iteration quietly instead of throwing.
    if (request.signal?.aborted || run.stalled) throw fail(new module.APIUserAbortError());
    if (!final) throw fail(new Error('the stream ended without a final response'));
    if (final.status === 'failed') {
      throw fail(new module.APIError(undefined, final.error ?? { message: 'The response failed.' }, undefined, undefined));
    }

    const text = run.text || final.output_text || '';
    const billed = run.partial();
    return {
      text,
      json: jsonOfAnswer(request, text),
      usage: billed.usage,
      usageEstimated: billed.usageEstimated,
      model: final.model,
      requestId,
      latencyMs: billed.latencyMs,
      ...(billed.firstTokenMs !== undefined ? { firstTokenMs: billed.firstTokenMs } : {}),
      stop: final.status === 'incomplete' && final.incomplete_details?.reason === 'max_output_tokens' ? 'max-tokens' : 'complete',
      ...(billed.gatewayCostMicroUsd !== undefined ? { gatewayCostMicroUsd: billed.gatewayCostMicroUsd } : {}),
    };
  }

  async checkKey(): Promise<void> {
    const { module, client } = await this.load();
    try {
      await client.models.retrieve(CHECK_MODEL);
    } catch (err) {
      throw toProviderError(err, module, { provider: 'openai', secrets: clientSecrets(this.config), textStarted: false, timeoutMs: this.config.timeoutMs });
    }
  }
}

/** The request body, without `stream` (batch lines use it as is). Never temperature/top_p: GPT-5 models refuse them. */
export function openaiRequestBody(request: ModelRequest) {
  return {
    model: request.model,
    store: false,
    ...(request.system.length ? { instructions: request.system.join('\n\n') } : {}),
    input: request.messages.map(toInputItem),
    max_output_tokens: request.maxOutputTokens,
    ...(request.reasoningEffort ? { reasoning: { effort: request.reasoningEffort } } : {}),
    ...(request.promptCacheKey ? { prompt_cache_key: request.promptCacheKey } : {}),
    ...(request.jsonSchema
      ? { text: { format: { type: 'json_schema' as const, name: request.jsonSchema.name, strict: request.jsonSchema.strict ?? true, schema: request.jsonSchema.schema } } }
      : {}),
  };
}

function toInputItem(message: ChatMessage): ResponseInputItem {
  if (message.role === 'assistant') {
    // Earlier answers go back as plain text (input parts are user-side; images only come from the user).
    const text = typeof message.content === 'string' ? message.content : message.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
    return { role: 'assistant', content: text };
  }
  const parts = typeof message.content === 'string' ? [{ type: 'text' as const, text: message.content }] : message.content;
  return {
    role: 'user',
    content: parts.map((p) =>
      p.type === 'text'
        ? { type: 'input_text' as const, text: p.text }
        : { type: 'input_image' as const, image_url: `data:${p.mediaType};base64,${p.base64}`, detail: 'auto' as const },
    ),
  };
}

/**
 * input_tokens includes the cached and the cache-written ones, and output_tokens the reasoning ones; Usage
 * wants input without either. Writes go in cacheWrite5m, priced at the model's cache-write rate (its input
 * rate when it bills no write premium). Batch results share this shape.
 */
export function normaliseOpenAIUsage(usage: NonNullable<OpenAIResponse['usage']>): Usage {
  const cached = usage.input_tokens_details?.cached_tokens ?? 0;
  const written = usage.input_tokens_details?.cache_write_tokens ?? 0;
  return {
    input: Math.max(0, (usage.input_tokens ?? 0) - cached - written),
    cacheRead: cached,
    cacheWrite5m: written,
    cacheWrite1h: 0,
    output: usage.output_tokens ?? 0,
    reasoning: usage.output_tokens_details?.reasoning_tokens ?? 0,
  };
}
