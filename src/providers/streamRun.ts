// The bookkeeping one streamed call shares between adapters: latency, text so far, what usage is known.
import type { ProviderId } from '../core/models/providers';
import { estimateRequestTokens, estimateTokens } from '../core/tokens/estimate';
import { ZERO_USAGE, type Usage } from '../core/usage/usage';
import type { ModelRequest, ModelResult, StreamHandlers } from './types';

export type PartialResult = Pick<ModelResult, 'text' | 'usage' | 'usageEstimated' | 'latencyMs'>;

export class StreamRun {
  private readonly startedAt = performance.now();
  private chunks: string[] = [];
  /** Prompt-side usage the provider reported before the end (Anthropic's message_start). */
  private promptUsage: Usage | undefined;
  /** True once the request may have reached the provider (billing may have started). */
  sent = false;

  constructor(
    private readonly provider: ProviderId,
    private readonly request: ModelRequest,
    private readonly handlers: StreamHandlers | undefined,
  ) {}

  get textStarted(): boolean {
    return this.chunks.length > 0;
  }

  get text(): string {
    return this.chunks.join('');
  }

  latencyMs(): number {
    return Math.round(performance.now() - this.startedAt);
  }

  addText(delta: string): void {
    if (delta === '') return;
    this.chunks.push(delta);
    this.handlers?.onText?.(delta);
  }

  reportPromptUsage(usage: Usage): void {
    this.promptUsage = usage;
  }

  /**
   * What to bill for a call that did not finish. Output is always an estimate here (no provider reports it
   * before the end), so the usage is flagged estimated; reported prompt counts are used when there are any.
   * A request that never left (aborted before sending) costs nothing.
   */
  partial(): PartialResult {
    const text = this.text;
    if (!this.sent) return { text, usage: ZERO_USAGE, usageEstimated: false, latencyMs: this.latencyMs() };
    const output = estimateTokens(text, this.provider);
    const prompt = this.promptUsage ?? { ...ZERO_USAGE, input: estimateRequestTokens(this.request.system, this.request.messages, this.provider) };
    return { text, usage: { ...prompt, output: Math.max(prompt.output, output) }, usageEstimated: true, latencyMs: this.latencyMs() };
  }
}

/** Parses the answer as JSON when a schema was asked for; undefined when it is not valid JSON (e.g. truncated). */
export function jsonOfAnswer(request: ModelRequest, text: string): unknown {
  if (!request.jsonSchema) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
