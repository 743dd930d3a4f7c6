import type { ChatMessage } from './modelClient';

// Ask → check → repair once: the one flow behind every command whose answer must pass a check before the
// user sees it (SQL that parses, JSON that fits a schema, review findings that fit the document). The model
// gets one chance to repair a refused answer, told why it was refused; a second refusal is the caller's to
// report. Never more than two asks: each one costs, and the user is waiting.

/** What a check says of one answer: the value the caller goes on with, or why the answer is refused. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export interface CheckedGenerationInput<A, T> {
  /** The conversation of the first ask. */
  readonly messages: readonly ChatMessage[];
  /**
   * One model call. A is the answer as the caller reads it (the code in it, its JSON, the whole result).
   * For the repair, `refused` is the first answer: the caller asks the model that gave it, so a routing
   * trial draw cannot move the task to another model halfway.
   */
  readonly ask: (messages: readonly ChatMessage[], refused?: A) => Promise<A>;
  /** The problem of a refused answer goes to the model in the repair, so it should say what to fix. */
  readonly check: (answer: A) => Checked<T> | Promise<Checked<T>>;
  /** The repair's conversation: as a rule the first one, the refused answer, and the problem. */
  readonly repairMessages: (messages: readonly ChatMessage[], answer: A, problem: string) => ChatMessage[];
  /** Called just before the repair ask, for the caller's log line and progress report. */
  readonly onRepair?: (problem: string) => void;
  /** Once aborted, a refused answer is not sent for repair: the caller reports the cancellation instead. */
  readonly signal?: AbortSignal;
}

/**
 * The last answer and what its check said; `repaired` when it is the repair's answer. `first` is the first
 * answer (the same as `answer` when there was no repair): quality signals are about it.
 */
export type CheckedGeneration<A, T> =
  | { readonly ok: true; readonly value: T; readonly answer: A; readonly first: A; readonly repaired: boolean }
  | { readonly ok: false; readonly problem: string; readonly answer: A; readonly first: A; readonly repaired: boolean };

/** Asks, checks, and repairs a refused answer once. A failing ask or check rejects, as it would unwrapped. */
export async function checkedGeneration<A, T>(input: CheckedGenerationInput<A, T>): Promise<CheckedGeneration<A, T>> {
  const first = await input.ask(input.messages);
  const checked = await input.check(first);
  if (checked.ok || input.signal?.aborted) return outcome(first, first, checked, false);
  input.onRepair?.(checked.problem);
  const second = await input.ask(input.repairMessages(input.messages, first, checked.problem), first);
  return outcome(second, first, await input.check(second), true);
}

function outcome<A, T>(answer: A, first: A, checked: Checked<T>, repaired: boolean): CheckedGeneration<A, T> {
  return checked.ok ? { ok: true, value: checked.value, answer, first, repaired } : { ok: false, problem: checked.problem, answer, first, repaired };
}
