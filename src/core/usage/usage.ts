/**
 * One call's token use, normalised across providers so cost has one input. Semantics are OpenAI-neutral:
 * `input` counts only uncached, unwritten input tokens (Anthropic's `input_tokens`; OpenAI's
 * `input_tokens - cached_tokens`), so the total prompt is input + cacheRead + cacheWrite5m + cacheWrite1h.
 * `output` includes `reasoning` (both providers bill reasoning as output).
 */
export interface Usage {
  readonly input: number;
  readonly cacheRead: number;
  readonly cacheWrite5m: number;
  readonly cacheWrite1h: number;
  readonly output: number;
  readonly reasoning: number;
}

export const ZERO_USAGE: Usage = Object.freeze({ input: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0, reasoning: 0 });

export function promptTokens(u: Usage): number {
  return u.input + u.cacheRead + u.cacheWrite5m + u.cacheWrite1h;
}

export function totalTokens(u: Usage): number {
  return promptTokens(u) + u.output;
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    input: a.input + b.input,
    cacheRead: a.cacheRead + b.cacheRead,
    cacheWrite5m: a.cacheWrite5m + b.cacheWrite5m,
    cacheWrite1h: a.cacheWrite1h + b.cacheWrite1h,
    output: a.output + b.output,
    reasoning: a.reasoning + b.reasoning,
  };
}
