// Deterministic token accounting, so a test can compute the exact usage (and cost) it should see.
//
// What counts as input, per request, is a list of pieces; input tokens = the SUM of each piece's count:
//  - text piece: fakeTokenCount(text); image piece: FAKE_IMAGE_TOKENS.
//  - OpenAI Responses: `instructions`, then every input item in order: a string input, a message's string
//    content or each of its input_text / output_text parts, input_image (image), function_call arguments,
//    function_call_output output. Chat Completions: each message's string content or text parts, image_url parts.
//  - Anthropic: tools (each JSON.stringify({name, description, input_schema})), then system (string or each
//    text block), then messages: string content or each block (text, image, tool_use → JSON of input,
//    tool_result → its text). count_tokens returns the same total.
// Roles, separators and tool_choice are free.

/** The fake tokenizer: one token per 4 characters, rounded up. */
export function fakeTokenCount(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Every image counts this many input tokens, whatever its size. */
export const FAKE_IMAGE_TOKENS = 85;

/** OpenAI `reasoning.effort` (or Chat `reasoning_effort`) → reasoning tokens, included in output_tokens. Absent → 0. */
export const REASONING_TOKENS: Readonly<Record<string, number>> = {
  none: 0,
  minimal: 0,
  low: 16,
  medium: 64,
  high: 256,
  xhigh: 512,
};

export function reasoningTokens(effort: unknown): number {
  return typeof effort === 'string' ? (REASONING_TOKENS[effort] ?? 0) : 0;
}

export type Piece = { kind: 'text'; text: string } | { kind: 'image'; ref: string };

export function pieceTokens(p: Piece): number {
  return p.kind === 'text' ? fakeTokenCount(p.text) : FAKE_IMAGE_TOKENS;
}

export function sumTokens(pieces: Piece[]): number {
  return pieces.reduce((n, p) => n + pieceTokens(p), 0);
}

/** The string OpenAI prompt caching compares: pieces in order, joined by NUL (images as their URL). */
export function serializePieces(pieces: Piece[]): string {
  return pieces.map((p) => (p.kind === 'text' ? p.text : `\u0001image:${p.ref}`)).join('\u0000');
}

export const OPENAI_CACHE_MIN_TOKENS = 1024;
export const OPENAI_CACHE_GRANULARITY = 128;

/** OpenAI cached_tokens for a common prefix of `chars` characters: floor(chars/4), 0 below 1024, else down to ×128. */
export function openaiCachedTokensForPrefix(chars: number): number {
  const tokens = Math.floor(chars / 4);
  if (tokens < OPENAI_CACHE_MIN_TOKENS) return 0;
  return Math.floor(tokens / OPENAI_CACHE_GRANULARITY) * OPENAI_CACHE_GRANULARITY;
}

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Remembers earlier OpenAI prompts per prompt_cache_key (absent key → one global bucket). */
export class OpenAIPromptCache {
  private readonly buckets = new Map<string, string[]>();

  /** cached_tokens for this prompt (capped at its input tokens), then remember it. */
  lookupAndRemember(cacheKey: string | undefined, pieces: Piece[]): number {
    const serialized = serializePieces(pieces);
    const bucket = this.buckets.get(cacheKey ?? '') ?? [];
    let best = 0;
    for (const earlier of bucket) best = Math.max(best, commonPrefixLength(earlier, serialized));
    bucket.push(serialized);
    if (bucket.length > 500) bucket.shift(); // bounded: a long-running server must not grow forever
    this.buckets.set(cacheKey ?? '', bucket);
    return Math.min(openaiCachedTokensForPrefix(best), sumTokens(pieces));
  }

  clear(): void {
    this.buckets.clear();
  }
}

/** Anthropic's minimum cacheable prefix: 4096 tokens for Haiku 4.5, 1024 for the others. */
export function anthropicCacheMinimum(model: string): number {
  return model.startsWith('claude-haiku-4-5') ? 4096 : 1024;
}

/** One Anthropic prompt block, in cache order (tools → system → messages). */
export interface CacheBlock {
  piece: Piece;
  /** JSON of the block without cache_control: identity of the prefix. */
  identity: string;
  cacheControl?: { type: string; ttl?: string };
}

export interface AnthropicCacheUsage {
  inputTokens: number;
  cacheCreation: number;
  cacheRead: number;
  ttl: '5m' | '1h';
}

/** Remembers which Anthropic prefixes (per model) have been written to the cache. No expiry: reset() clears. */
export class AnthropicPromptCache {
  private readonly written = new Set<string>();

  /** Usage for this prompt; a new cacheable prefix is remembered (written). */
  account(model: string, blocks: CacheBlock[]): AnthropicCacheUsage {
    const total = blocks.reduce((n, b) => n + pieceTokens(b.piece), 0);
    let last = -1;
    blocks.forEach((b, i) => {
      if (b.cacheControl) last = i;
    });
    const ttl = last >= 0 && blocks[last].cacheControl?.ttl === '1h' ? '1h' : '5m';
    const none = { inputTokens: total, cacheCreation: 0, cacheRead: 0, ttl } as const;
    if (last < 0) return none;
    const prefix = blocks.slice(0, last + 1);
    const prefixTokens = prefix.reduce((n, b) => n + pieceTokens(b.piece), 0);
    if (prefixTokens < anthropicCacheMinimum(model)) return none;
    const key = `${model}\u0000${prefix.map((b) => b.identity).join('\u0000')}`;
    const rest = total - prefixTokens;
    if (this.written.has(key)) return { inputTokens: rest, cacheCreation: 0, cacheRead: prefixTokens, ttl };
    this.written.add(key);
    return { inputTokens: rest, cacheCreation: prefixTokens, cacheRead: 0, ttl };
  }

  clear(): void {
    this.written.clear();
  }
}
