import type { SignalName } from './signal';

// What the user did with an answer, as the signal it records: the decisions behind Edit Selection, Bulk Edit,
// Generate SQL / JSON and Explain, kept out of the editor glue so they can be tested on their own.

/**
 * A checked answer (SQL that parses, JSON that fits): valid first time, after the one repair, or not at all.
 * Undefined for a refused first answer that was never sent for repair (the user cancelled): not known.
 */
export function checkedAnswerSignal(generation: { readonly ok: boolean; readonly repaired: boolean }): SignalName | undefined {
  if (generation.ok) return generation.repaired ? 'validRepaired' : 'validFirst';
  return generation.repaired ? 'invalid' : undefined;
}

/** A proposed diff's fate. Closing it without accepting, or a newer proposal replacing it, is a rejection. */
export function diffSignal(accepted: boolean): SignalName {
  return accepted ? 'diffAccepted' : 'diffRejected';
}

/** One file of a Bulk Edit: the text it was proposed to get, and its text once the refactor preview ended. */
export interface BulkEditFile<K> {
  readonly key: K;
  readonly proposed: string;
  /** Undefined when the file can no longer be read: then it was not applied. */
  readonly current: string | undefined;
}

/**
 * Which files of a Bulk Edit the user applied. VS Code's refactor preview says only whether the edit as a whole
 * was applied, and the user may untick files in it: a file counts as applied when it now holds exactly what was
 * proposed. `previous` is what was recorded for each file when its preview last ended (the preview can be
 * opened again from the jobs list): a file is recorded again only when its fate changed.
 */
export function bulkEditSignals<K>(files: readonly BulkEditFile<K>[], previous: ReadonlyMap<K, SignalName>): { key: K; name: SignalName }[] {
  return files.flatMap(({ key, proposed, current }) => {
    const name = diffSignal(current === proposed);
    return previous.get(key) === name ? [] : [{ key, name }];
  });
}

/** The explanation's rating buttons. */
export type Rating = 'up' | 'down';

export function ratingSignal(rating: Rating): SignalName {
  return rating === 'up' ? 'thumbsUp' : 'thumbsDown';
}

/**
 * Settles each thing once: the first `settle` of a key is true, later ones false. A finding dismissed and then
 * its review replaced must record one signal, not two.
 */
export class SettleOnce<K> {
  private readonly settled = new Set<K>();

  settle(key: K): boolean {
    if (this.settled.has(key)) return false;
    this.settled.add(key);
    return true;
  }
}
