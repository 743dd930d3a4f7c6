// Where the Anthropic prompt-cache breakpoint goes: on the last system block, when the system text can be cached.
import { estimateTokens } from '../core/tokens/estimate';

export interface SystemBlock {
  type: 'text';
  text: string;
  cache_control?: { type: 'ephemeral'; ttl?: '1h' };
}

/**
 * One text block per system part; `cache_control` on the last one only when the whole system text is
 * estimated at or above the model's minimum cacheable prefix (4,096 tokens for Haiku 4.5).
 *
 * The margin errs toward MARKING: the Claude estimate deliberately overcounts, so a borderline prefix gets
 * the breakpoint. If it turns out shorter than the minimum, Anthropic silently ignores the mark (nothing is
 * written, nothing extra billed); the opposite mistake, not marking a prefix that could be cached, would
 * forfeit the 90% discount on every later call. Short prompts (a few hundred tokens) are never marked.
 */
export function systemBlocks(system: readonly string[], minCacheablePrefix: number | undefined, ttl: '5m' | '1h' | undefined): SystemBlock[] {
  const blocks: SystemBlock[] = system.filter((text) => text !== '').map((text) => ({ type: 'text', text }));
  if (blocks.length === 0 || !isCacheable(system, minCacheablePrefix)) return blocks;
  const last = blocks[blocks.length - 1];
  last.cache_control = ttl === '1h' ? { type: 'ephemeral', ttl: '1h' } : { type: 'ephemeral' };
  return blocks;
}

/** `minCacheablePrefix` unknown (a request built without the catalog): Anthropic's usual minimum, 1,024 tokens. */
export function isCacheable(system: readonly string[], minCacheablePrefix = 1024): boolean {
  return system.reduce((n, text) => n + estimateTokens(text, 'anthropic'), 0) >= minCacheablePrefix;
}
