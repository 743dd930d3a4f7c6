// The bookkeeping one streamed call shares between adapters: what reached the provider, text so far,
// what usage is known, the gateway's cost, and a watchdog for a stream that stops sending.
import { billCall } from '../core/cost/billing';
import type { ProviderId } from '../core/models/providers';
import { estimateRequestTokens, estimateTokens } from '../core/tokens/estimate';
import type { Usage } from '../core/usage/usage';
import type { ModelRequest, StreamHandlers } from '../core/calls/modelClient';
import type { PartialResult } from '../core/calls/providerError';

/** The header LiteLLM proxy puts on each response: what it says the call cost, in USD. */
const GATEWAY_COST_HEADER = 'x-litellm-response-cost';

export class StreamRun {
  private readonly startedAt = performance.now();
  private chunks: string[] = [];
  private sent = false;
  private accepted = false;
  private reported: Usage | undefined;
  private reportedPrompt: Usage | undefined;
  private gatewayCost: number | undefined;
  private firstTextMs: number | undefined;
  private readonly idle = new AbortController();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param idleTimeoutMs the longest silence allowed once the stream began. The SDKs' own timeout stops at
   * the response headers, so without this a stream that stalls would hang for ever.
   */
  constructor(
    private readonly provider: ProviderId,
    private readonly request: ModelRequest,
    private readonly handlers: StreamHandlers | undefined,
    private readonly idleTimeoutMs?: number,
  ) {}

  /** The request is about to leave: from here on it may reach the provider. Returns the signal to send it with. */
  send(): AbortSignal {
    this.sent = true;
    return this.request.signal ? AbortSignal.any([this.request.signal, this.idle.signal]) : this.idle.signal;
  }

  /** Success headers arrived: the provider took the request, and bills it from here on. */
  accept(headers: { get(name: string): string | null } | undefined): void {
    this.accepted = true;
    this.gatewayCost = gatewayCostMicroUsd(headers?.get(GATEWAY_COST_HEADER));
    this.alive();
  }

  /** An event arrived: the stream is not stalled. */
  alive(): void {
    if (!this.idleTimeoutMs || this.idle.signal.aborted) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.idle.abort(), this.idleTimeoutMs);
  }

  /** True when the watchdog closed the stream because it went silent. */
  get stalled(): boolean {
    return this.idle.signal.aborted;
  }

  /** Stops the watchdog; call when the stream is over, however it ended. */
  end(): void {
    clearTimeout(this.idleTimer);
  }

  get textStarted(): boolean {
    return this.chunks.length > 0;
  }

  get text(): string {
    return this.chunks.join('');
  }

  get gatewayCostMicroUsd(): number | undefined {
    return this.gatewayCost;
  }

  latencyMs(): number {
    return Math.round(performance.now() - this.startedAt);
  }

  addText(delta: string): void {
    if (delta === '') return;
    this.firstTextMs ??= this.latencyMs();
    this.chunks.push(delta);
    this.handlers?.onText?.(delta);
  }

  reportPromptUsage(usage: Usage): void {
    this.reportedPrompt = usage;
  }

  reportUsage(usage: Usage): void {
    this.reported = usage;
  }

  /** What the call is billed for so far, by the one policy in core (see core/cost/billing.ts). */
  partial(): PartialResult {
    const text = this.text;
    const bill = billCall(
      { sent: this.sent, accepted: this.accepted, reported: this.reported, reportedPrompt: this.reportedPrompt },
      {
        promptTokens: () => estimateRequestTokens(this.request.system, this.request.messages, this.provider),
        outputTokens: () => estimateTokens(text, this.provider),
      },
    );
    return {
      text,
      usage: bill.usage,
      usageEstimated: bill.estimated,
      basis: bill.basis,
      latencyMs: this.latencyMs(),
      ...(this.firstTextMs !== undefined ? { firstTokenMs: this.firstTextMs } : {}),
      ...(this.gatewayCost !== undefined ? { gatewayCostMicroUsd: this.gatewayCost } : {}),
    };
  }
}

/** The gateway's cost header in micro-dollars; undefined when absent or not a plain non-negative number. */
export function gatewayCostMicroUsd(value: string | null | undefined): number | undefined {
  if (value == null || !/^\s*\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(value)) return undefined;
  const usd = Number(value);
  return Number.isFinite(usd) ? Math.round(usd * 1e6) : undefined;
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
