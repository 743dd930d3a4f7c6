// Token counts: the quick estimate by default, the exact OpenAI o200k_base count when it matters.
import type { ProviderId } from '../models/providers';
import { estimateTokens } from './estimate';

/** An exact tokenizer, e.g. src/tokenizer/o200k.ts (its own bundle: the ranks are ~2 MB). */
export interface ExactTokenizer {
  count(text: string): number;
}

/** Loads the exact OpenAI tokenizer; injected so the core never imports the bundle or a file path. */
export type ExactTokenizerLoader = () => Promise<ExactTokenizer>;

export interface TokenCount {
  readonly tokens: number;
  /** False when the number is an estimate (always for Claude; for OpenAI when not asked or the load failed). */
  readonly exact: boolean;
}

export class TokenCounter {
  private loading: Promise<ExactTokenizer> | undefined;

  constructor(private readonly loadOpenAITokenizer: ExactTokenizerLoader) {}

  /** OpenAI tokens of `text`: the estimate, or the exact count with `{ exact: true }` (rejects if the tokenizer cannot load). */
  async countOpenAI(text: string, opts: { readonly exact?: boolean } = {}): Promise<number> {
    if (!opts.exact) return estimateTokens(text, 'openai');
    const tokenizer = await this.tokenizer();
    return tokenizer.count(text);
  }

  /** Tokens of `text` for `provider`; falls back to the estimate (exact: false) rather than failing. */
  async count(text: string, provider: ProviderId, opts: { readonly exact?: boolean } = {}): Promise<TokenCount> {
    if (provider !== 'openai' || !opts.exact) return { tokens: estimateTokens(text, provider), exact: false };
    try {
      return { tokens: await this.countOpenAI(text, { exact: true }), exact: true };
    } catch {
      return { tokens: estimateTokens(text, provider), exact: false };
    }
  }

  /** Loads once; concurrent callers share the same load, and a failed load is retried next time. */
  private tokenizer(): Promise<ExactTokenizer> {
    if (!this.loading) {
      this.loading = this.loadOpenAITokenizer().catch((err: unknown) => {
        this.loading = undefined;
        throw err;
      });
    }
    return this.loading;
  }
}
