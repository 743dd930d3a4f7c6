/**
 * Every default of the inline-completion pipeline, in one place. The stages read them from here (or from
 * the settings that override a few of them); nothing else in the pipeline hard-codes a number.
 */
export interface CompletionParameters {
  /**
   * Quiet time after the last keystroke before a request is sent. 300 ms: a typist at 40–60 words a minute
   * leaves 150–250 ms between keys, so a request waits for a pause rather than firing mid-word (Twinny
   * uses 300, Continue 350). The cache and in-flight reuse make typing on into a shown completion free, so
   * a longer wait costs little latency where it matters. Setting: `tandem.completions.debounceMs`.
   */
  readonly debounceMs: number;
  /**
   * Whether the automatic trigger asks in the middle of a line at a slot — the cursor after a space,
   * bracket or separator and before a space, separator or closer (`getUser(█, options)`,
   * `WHERE █ ORDER BY`) — and not only at the end of a line. The evidence: of the golden cases with code
   * after the cursor on its line, every one at such a slot (14 of 14) has a useful one-line answer, and
   * none where the cursor is glued to a following word (0 of 4). Tabby, Cody and Continue ask mid-line
   * too and complete one line. A slot request is single-line, so it costs about what an end-of-line one
   * does; before a word (`foo(█bar)`) or inside one the insertion would collide with it, so no request.
   */
  readonly midLineSlots: boolean;
  /** Characters read from the document on each side of the cursor: enough for the prompt and the cache key. */
  readonly documentWindowChars: number;
  /** Cached answers kept (least recently used go first) and how long one stays valid. */
  readonly cacheEntries: number;
  readonly cacheTtlMs: number;
  /** Characters of the prefix's tail and the suffix's head a cached answer must match. */
  readonly cacheKeyPrefixChars: number;
  readonly cacheKeySuffixChars: number;
  /** Token budgets (estimates) for the code before and after the cursor, and for context snippets. */
  readonly prefixTokens: number;
  readonly suffixTokens: number;
  readonly snippetTokens: number;
  /** Lines per window when looking for similar code in open editors, and how many editors are read. */
  readonly snippetWindowLines: number;
  readonly snippetEditors: number;
  /** Lines of signatures taken from each imported file, and how many imported files. */
  readonly signatureLines: number;
  readonly importedFiles: number;
  /** The answer's output budget: a completion is a few lines, not a file. */
  readonly maxOutputTokens: number;
  /** Longest multi-line completion shown. */
  readonly maxLines: number;
  /** A request still running after this long shows a working state in the status bar. */
  readonly slowAfterMs: number;
  /** Overall time limit for one completion, from the request being sent to its last token. */
  readonly timeLimitMs: number;
  /**
   * After the editor gives up on a completion (the cursor moved, a key was pressed), the request stays
   * open this long for the next call to adopt it, if the user is typing the text it streams.
   */
  readonly adoptGraceMs: number;
  /**
   * A routing trial draws one arm per burst of typing in a file, not per request: completions this close
   * together share the model, so the cache and the provider's prompt cache (keyed per file) keep working.
   * 5 s: longer than a pause to think mid-line (1–2 s), shorter than moving on to other work.
   */
  readonly trialBurstPauseMs: number;
}

export const COMPLETION_DEFAULTS: CompletionParameters = {
  debounceMs: 300,
  midLineSlots: true,
  documentWindowChars: 12_000,
  // Tabby keeps 100 answers for 5 minutes; Continue 1,000. A document's answers go stale as it changes,
  // so a few hundred recent ones cover backspacing and re-typing without holding much memory.
  cacheEntries: 300,
  cacheTtlMs: 5 * 60_000,
  cacheKeyPrefixChars: 2_000,
  cacheKeySuffixChars: 400,
  // Continue's prompt budget is 1,024 tokens, Cody's 2,048: 2,048 here in all, the prefix the largest share.
  prefixTokens: 1_100,
  suffixTokens: 350,
  snippetTokens: 600,
  snippetWindowLines: 12,
  snippetEditors: 6,
  signatureLines: 40,
  importedFiles: 4,
  maxOutputTokens: 256,
  maxLines: 12,
  slowAfterMs: 1_000,
  timeLimitMs: 6_000,
  adoptGraceMs: 200,
  trialBurstPauseMs: 5_000,
};
