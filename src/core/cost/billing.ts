import { ZERO_USAGE, type Usage } from '../usage/usage';

/**
 * What Tandem bills a call for, from what the client saw of it, however it ended. One policy for every
 * provider, feature and failure (the table is in docs/costs.md):
 *
 * - never sent (cancelled or refused before the request left): nothing, and no ledger line;
 * - sent but not accepted (an HTTP error status, connection refused, DNS or TLS failure, a timeout before
 *   the response headers, a cancel before them): usage 0, cost 0 — the provider produced and billed nothing;
 * - accepted (a success status arrived, the stream began): the usage the provider reported for the call;
 *   when it ended before reporting it (cancelled, an error event mid-stream, a stall, a cut connection), the
 *   prompt usage it reported on the way (Anthropic's message_start) or an estimate of the prompt, plus an
 *   estimate of the output received, flagged as estimated.
 *
 * The SDKs' own retries happen inside one call: only the final attempt's evidence reaches this policy, so a
 * retried request is one record with its final outcome.
 */

export interface CallEvidence {
  /** The request may have left this machine. */
  readonly sent: boolean;
  /** The provider accepted it: response headers with a success status arrived. */
  readonly accepted: boolean;
  /** Usage the provider reported for the whole call (completed, incomplete or failed response). */
  readonly reported?: Usage;
  /** Prompt-side usage reported before the end (Anthropic's message_start; its output count is a start value). */
  readonly reportedPrompt?: Usage;
}

/** Token estimates for an accepted call that ended before its usage was reported; asked only when needed. */
export interface UsageEstimates {
  /** Prompt tokens of the request as sent. */
  promptTokens(): number;
  /** Output tokens of the text received so far. */
  outputTokens(): number;
}

export type BillBasis = 'not-sent' | 'refused' | 'reported' | 'estimated';

export interface Bill {
  readonly usage: Usage;
  /** True when any part of `usage` is an estimate (the ledger's `estimated` flag). */
  readonly estimated: boolean;
  readonly basis: BillBasis;
}

export function billCall(evidence: CallEvidence, estimates: UsageEstimates): Bill {
  if (!evidence.sent) return { usage: ZERO_USAGE, estimated: false, basis: 'not-sent' };
  if (!evidence.accepted) return { usage: ZERO_USAGE, estimated: false, basis: 'refused' };
  if (evidence.reported) return { usage: evidence.reported, estimated: false, basis: 'reported' };
  const prompt = evidence.reportedPrompt ?? { ...ZERO_USAGE, input: estimates.promptTokens() };
  return { usage: { ...prompt, output: Math.max(prompt.output, estimates.outputTokens()) }, estimated: true, basis: 'estimated' };
}
