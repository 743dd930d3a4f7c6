import { estimateRequestTokens } from '../tokens/estimate';
import { reviewSystem } from './reviewPrompt';
import type { RuleSet } from './rules';

export interface RulesCacheNote {
  /** Estimated tokens of the cached prefix (instructions and rules). */
  readonly tokens: number;
  readonly cacheable: boolean;
  /** One line for the report, when the prefix is too short to be cached. */
  readonly note?: string;
}

/**
 * Whether the review's system prefix is long enough for Anthropic to cache (below the minimum it is
 * silently sent uncached). The estimate leans high, so a prefix estimated just over the minimum may still
 * miss it: the ledger's cache-write and cache-read counts are the real answer.
 */
export function rulesCacheNote(rules: RuleSet, minimumTokens: number, modelName = 'Claude Haiku 4.5'): RulesCacheNote {
  const tokens = estimateRequestTokens(reviewSystem(rules), [], 'anthropic');
  if (tokens >= minimumTokens) return { tokens, cacheable: true };
  const paths = [...new Set(rules.rules.map((r) => r.path))];
  const what = [...paths, `~${count(tokens)} tokens`].join(', ');
  const note =
    `The review rules (${what}) are under ${modelName}'s ${count(minimumTokens)}-token minimum for prompt caching, ` +
    'so each review pays full price for them. Longer rules files are cached: later reviews pay 10% for them.';
  return { tokens, cacheable: false, note };
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
