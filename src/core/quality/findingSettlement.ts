import type { SignalName } from './signal';
import { SettleOnce } from './answerOutcomes';

/** Which answer a review finding came from: the call's ledger record, and the finding's index in its answer. */
export interface FindingOrigin {
  readonly call: string;
  readonly item: number;
}

/** How a finding stopped being open. */
export type FindingEnd = 'fixed' | 'dismissed' | 'edited' | 'left';

const SIGNAL: Readonly<Record<FindingEnd, SignalName>> = {
  fixed: 'findingFixed',
  dismissed: 'findingDismissed',
  edited: 'findingEdited',
  left: 'findingLeft',
};

/** A finding signal to record: on the call `call`, about its finding `item`. */
export interface FindingSignal {
  readonly call: string;
  readonly name: SignalName;
  readonly item: number;
}

/**
 * Each finding's one settlement. A finding ends once: its quick fix ran, the user dismissed it, edited its
 * lines, or it was still open when its review was replaced or its diagnostics cleared ("left"). Whatever
 * happens to it after that (its fix's own edit touching its lines, a re-review of the range) is not counted.
 */
export class FindingSettlements {
  private readonly once = new SettleOnce<string>();

  /** The signal to record for a finding ending this way, or undefined when it has already ended. */
  settle(origin: FindingOrigin, end: FindingEnd): FindingSignal | undefined {
    if (!this.once.settle(`${origin.call}#${origin.item}`)) return undefined;
    return { call: origin.call, name: SIGNAL[end], item: origin.item };
  }
}

/** One change to a document, in 0-based lines and characters, as the editor reports it. */
export interface LineChange {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
  readonly text: string;
}

/**
 * True when a change touching a finding is its quick fix: exactly the finding's replacement written over its
 * whole lines (and, for an empty replacement, the lines removed with their line break), which is the edit the
 * fix makes. Any other change to its lines is the user editing them.
 */
export function isFindingFix(change: LineChange, finding: { readonly startLine: number; readonly endLine: number; readonly replacement?: string }): boolean {
  if (finding.replacement === undefined || change.text !== finding.replacement) return false;
  if (change.startLine !== finding.startLine || change.startCharacter !== 0) return false;
  const removesLines = finding.replacement === '' && change.endLine === finding.endLine + 1 && change.endCharacter === 0;
  return removesLines || change.endLine === finding.endLine;
}
