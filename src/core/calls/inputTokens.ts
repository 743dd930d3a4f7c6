import type { TaskRequest } from './modelService';
import type { SettingsSnapshot } from './settingsSnapshot';
import { routeCandidates } from '../routing/router';
import { estimateRequestTokens, estimateTokens } from '../tokens/estimate';
import type { TokenCounter } from '../tokens/tokenCounter';

/** Estimates within this factor of a model's input limit are replaced by an exact count. */
const EXACT_COUNT_BAND = 0.25;

/** OpenAI input tokens: estimated, or counted exactly when near the input limit of an OpenAI model the task may run on. */
export async function openAIInputTokens(request: TaskRequest, { models, routes }: SettingsSnapshot, tokens: TokenCounter | undefined): Promise<number> {
  const estimate = estimateRequestTokens(request.system, request.messages, 'openai');
  const nearLimit = routeCandidates(request.task, models, routes, request.forceModel)
    .some((id) => models[id].provider === 'openai' && Math.abs(estimate - models[id].maxInput) <= models[id].maxInput * EXACT_COUNT_BAND);
  if (!tokens || !nearLimit) return estimate;
  const text = [...request.system, ...request.messages.flatMap((m) =>
    typeof m.content === 'string' ? [m.content] : m.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])))].join('\n');
  const counted = await tokens.count(text, 'openai', { exact: true });
  // Keep the estimate's share for images and message overhead, which the tokenizer does not see.
  return counted.exact ? estimate - estimateTokens(text, 'openai') + counted.tokens : estimate;
}
