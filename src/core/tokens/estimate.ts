// Fast, pure token estimates: no tokenizer, no I/O, linear in the text length.
import type { ProviderId } from '../models/providers';

/**
 * Claude: there is no offline tokenizer for Claude 3+ models, so this is a deliberate OVERestimate.
 * English prose runs about 3.5–4 characters per Claude token and code about 3–3.5; dividing ASCII text by
 * 3.2 and rounding up overshoots both by roughly 10–25%. Non-ASCII characters (accents, CJK, emoji) can
 * cost a token each or more, so each counts as one full token. Over, not under: the estimate decides
 * whether a request fits the context window, and running out mid-answer is worse than a cautious "too big".
 */
export const CLAUDE_CHARS_PER_TOKEN = 3.2;

/** OpenAI: the usual quick o200k_base rule of thumb (~4 characters per token). Exact counts: TokenCounter. */
export const OPENAI_CHARS_PER_TOKEN = 4;

/**
 * Every image counts as this many tokens for both providers. Claude bills about width×height/750 and
 * resizes anything above ~1.15 megapixels, which caps an image near 1,600 tokens; OpenAI's `auto` detail
 * for a typical screenshot lands in the same range. The fixed upper-end figure keeps estimates cautious.
 */
export const IMAGE_TOKEN_ESTIMATE = 1600;

/** Role markers and separators each message adds around its content. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

export function estimateTokens(text: string, provider: ProviderId): number {
  if (text.length === 0) return 0;
  if (provider === 'openai') return Math.ceil(text.length / OPENAI_CHARS_PER_TOKEN);
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) ascii++;
    else if (code < 0xdc00 || code > 0xdfff) other++; // a surrogate pair is one character: count its first half only
  }
  return Math.ceil(ascii / CLAUDE_CHARS_PER_TOKEN) + other;
}

/** The parts of a message the estimate looks at (structurally the same as ChatMessage in providers/types). */
export type EstimatePart = { readonly type: 'text'; readonly text: string } | { readonly type: 'image' };

export interface EstimateMessage {
  readonly content: string | readonly EstimatePart[];
}

/** Estimated prompt tokens of a whole request: system parts, then each message's text and images. */
export function estimateRequestTokens(system: readonly string[], messages: readonly EstimateMessage[], provider: ProviderId): number {
  let total = 0;
  for (const part of system) total += estimateTokens(part, provider);
  for (const message of messages) {
    total += MESSAGE_OVERHEAD_TOKENS;
    if (typeof message.content === 'string') {
      total += estimateTokens(message.content, provider);
      continue;
    }
    for (const part of message.content) total += part.type === 'text' ? estimateTokens(part.text, provider) : IMAGE_TOKEN_ESTIMATE;
  }
  return total;
}
