import type { ChatMessage } from '../calls/modelClient';
import { costMicroUsd } from '../cost/cost';
import type { ModelSpec } from '../models/modelTable';
import { estimateRequestTokens } from '../tokens/estimate';
import { ZERO_USAGE } from '../usage/usage';

export interface BatchRequestShape {
  readonly system: readonly string[];
  readonly messages: readonly ChatMessage[];
  readonly maxOutputTokens: number;
}

export interface BatchCostEstimate {
  readonly batchMicroUsd: number;
  readonly interactiveMicroUsd: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/**
 * What a review answers per file: a findings array, usually empty or a few entries of a sentence each.
 * Callers of a folder review pass `() => REVIEW_EXPECTED_OUTPUT_TOKENS`.
 */
export const REVIEW_EXPECTED_OUTPUT_TOKENS = 400;

/**
 * Share of maxOutputTokens expected when the caller has no better guess. Answers rarely use their whole
 * budget, so charging all of it would inflate the estimate several times over; a quarter is still cautious
 * for short answers. A bulk edit knows better (the whole new file, about the size of the old one) and a
 * review too (REVIEW_EXPECTED_OUTPUT_TOKENS): they pass expectedOutputTokens.
 */
export const DEFAULT_OUTPUT_SHARE = 0.25;

/**
 * The cost of a batch before it is sent, at the batch rate and at the interactive rate (what the user
 * saves). Prompt tokens come from the provider's quick estimate (an overestimate for Claude); prompt
 * caching is left out (Batch APIs cache only best-effort), so the estimate errs high. Token counts are
 * summed first and priced once, so rounding happens once for the whole batch.
 */
export function estimateBatchCost(
  requests: readonly BatchRequestShape[],
  spec: ModelSpec,
  options: { readonly expectedOutputTokens?: (index: number) => number } = {},
): BatchCostEstimate {
  let inputTokens = 0;
  let outputTokens = 0;
  requests.forEach((request, index) => {
    inputTokens += estimateRequestTokens(request.system, request.messages, spec.provider);
    const expected = options.expectedOutputTokens?.(index) ?? Math.ceil(request.maxOutputTokens * DEFAULT_OUTPUT_SHARE);
    // An answer cannot be longer than its budget, nor shorter than nothing.
    outputTokens += Math.min(request.maxOutputTokens, Math.max(0, Math.ceil(expected)));
  });
  const usage = { ...ZERO_USAGE, input: inputTokens, output: outputTokens };
  return {
    batchMicroUsd: costMicroUsd(usage, spec.prices, { batch: true }),
    interactiveMicroUsd: costMicroUsd(usage, spec.prices),
    inputTokens,
    outputTokens,
  };
}
