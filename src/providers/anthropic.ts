// Claude models through the official `@anthropic-ai/sdk`: the Messages API, streamed.
import type { MessageParam, Usage as AnthropicUsage } from '@anthropic-ai/sdk/resources/messages/messages';
import type { Usage } from '../core/usage/usage';
import { systemBlocks } from './anthropicCache';
import { toProviderError } from './errors';
import { clientSecrets, lazySdk, sdkClientOptions } from './lazySdk';
import { jsonOfAnswer, StreamRun } from './streamRun';
import type { ChatMessage, ClientConfig, ModelClient, ModelRequest, ModelResult, StreamHandlers } from '../core/calls/modelClient';

/** Also used by the batch client: esbuild maps only this exact specifier to dist/sdk/anthropic.js. */
export const importAnthropicSdk = () => import('./sdk/anthropic.js');

/** The model checkKey() retrieves: the one Tandem uses. */
const CHECK_MODEL = 'claude-haiku-4-5';

export class AnthropicClient implements ModelClient {
  readonly provider = 'anthropic' as const;
  /** The SDK is imported on first use, so activating the extension never loads it. */
  private readonly load = lazySdk('anthropic', importAnthropicSdk, (module) => new module.Anthropic(sdkClientOptions(this.config)));

  constructor(private readonly config: ClientConfig) {}

  async stream(request: ModelRequest, handlers?: StreamHandlers): Promise<ModelResult> {
    const run = new StreamRun('anthropic', request, handlers, this.config.timeoutMs);
    const { module, client } = await this.load();
    let requestId: string | undefined;
    const fail = (err: unknown) =>
      toProviderError(err, module, {
        provider: 'anthropic',
        secrets: clientSecrets(this.config),
        signal: request.signal,
        stalled: run.stalled,
        textStarted: run.textStarted,
        timeoutMs: this.config.timeoutMs,
        requestId,
        partial: run.partial(),
      });
    if (request.signal?.aborted) throw fail(new module.APIUserAbortError());

    try {
      // The signal goes to the SDK, which passes it to fetch: aborting closes the HTTP request.
      const stream = client.messages.stream(anthropicRequestBody(request), { signal: run.send() });
      // 'connect' fires when the success headers of the final attempt arrive (after the SDK's retries).
      stream.on('connect', () => {
        requestId = stream.request_id ?? undefined;
        run.accept(stream.response?.headers);
      });
      for await (const event of stream) {
        run.alive();
        if (event.type === 'message_start') run.reportPromptUsage(normaliseAnthropicUsage(event.message.usage));
        else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') run.addText(event.delta.text);
      }
      if (request.signal?.aborted || run.stalled) throw new module.APIUserAbortError();
      const message = await stream.finalMessage();
      run.reportUsage(normaliseAnthropicUsage(message.usage));
      const text = run.text || message.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      const billed = run.partial();
      return {
        text,
        json: jsonOfAnswer(request, text),
        usage: billed.usage,
        usageEstimated: billed.usageEstimated,
        model: message.model,
        requestId: stream.request_id ?? requestId,
        latencyMs: billed.latencyMs,
      ...(billed.firstTokenMs !== undefined ? { firstTokenMs: billed.firstTokenMs } : {}),
        stop: message.stop_reason === 'max_tokens' ? 'max-tokens' : 'complete',
        ...(billed.gatewayCostMicroUsd !== undefined ? { gatewayCostMicroUsd: billed.gatewayCostMicroUsd } : {}),
      };
    } catch (err) {
      throw fail(err);
    } finally {
      run.end();
    }
  }

  async checkKey(): Promise<void> {
    const { module, client } = await this.load();
    try {
      await client.models.retrieve(CHECK_MODEL);
    } catch (err) {
      throw toProviderError(err, module, { provider: 'anthropic', secrets: clientSecrets(this.config), textStarted: false, timeoutMs: this.config.timeoutMs });
    }
  }
}

/**
 * The request body, without `stream` (batch requests use it as is). No temperature/top_p/top_k: API version
 * 2026-10-21 refuses them. Structured output uses `output_config.format` (the installed SDK types and the API
 * accept it), so the answer streams as text.
 */
export function anthropicRequestBody(request: ModelRequest) {
  const system = systemBlocks(request.system, request.minCacheablePrefix, request.cacheTtl);
  return {
    model: request.model,
    max_tokens: request.maxOutputTokens,
    ...(system.length ? { system } : {}),
    messages: request.messages.map(toMessageParam),
    ...(request.jsonSchema ? { output_config: { format: { type: 'json_schema' as const, schema: request.jsonSchema.schema } } } : {}),
  };
}

function toMessageParam(message: ChatMessage): MessageParam {
  if (typeof message.content === 'string') return { role: message.role, content: message.content };
  return {
    role: message.role,
    content: message.content.map((p) =>
      p.type === 'text'
        ? { type: 'text' as const, text: p.text }
        : { type: 'image' as const, source: { type: 'base64' as const, media_type: p.mediaType, data: p.base64 } },
    ),
  };
}

/** Anthropic's input_tokens already excludes cache reads and writes; writes split by lifetime when reported. Batch results share this shape. */
export function normaliseAnthropicUsage(usage: AnthropicUsage): Usage {
  const split = usage.cache_creation;
  const write5m = split ? (split.ephemeral_5m_input_tokens ?? 0) : (usage.cache_creation_input_tokens ?? 0);
  const write1h = split ? (split.ephemeral_1h_input_tokens ?? 0) : 0;
  return {
    input: usage.input_tokens ?? 0,
    cacheRead: usage.cache_read_input_tokens ?? 0,
    cacheWrite5m: write5m,
    cacheWrite1h: write1h,
    output: usage.output_tokens ?? 0,
    reasoning: usage.output_tokens_details?.thinking_tokens ?? 0,
  };
}
