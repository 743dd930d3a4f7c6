/** When the editor measures what became of an answer: the delays behind the survival signals, in one place. */
export interface SignalParameters {
  /** After an accepted completion, when `survival30s` is measured. */
  readonly completionShortMs: number;
  /** After an accepted completion, when `survival5m` is measured. */
  readonly completionLongMs: number;
  /** After Generate Code (or from Image) inserted its block, when `survival5m` is measured; an undo before then is `undone`. */
  readonly generatedMs: number;
}

export const DEFAULT_SIGNAL_PARAMETERS: SignalParameters = {
  // The two points Copilot reports retention at: 30 s catches an immediate rewrite, 5 min the code the user built on.
  completionShortMs: 30_000,
  completionLongMs: 5 * 60_000,
  // The same 5 min as completions, so "kept" means the same for both kinds of generated code.
  generatedMs: 5 * 60_000,
};
