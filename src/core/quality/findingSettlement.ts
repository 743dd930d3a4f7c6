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

/**
 * True when a change to a finding's lines left exactly its quick fix there: the replacement's lines where the
 * finding's were (an empty replacement: the lines gone, or emptied at the end of the file). The editor may
 * report the fix's edit trimmed to what differs, so the text after the change decides, not the edit's shape.
 * `lineDelta`: lines added minus lines removed by the change; `lineAfter(n)`: line n (0-based) after it.
 */
export function isFindingFix(
  finding: { readonly startLine: number; readonly endLine: number; readonly replacement?: string },
  lineDelta: number,
  lineAfter: (line: number) => string | undefined,
): boolean {
  if (finding.replacement === undefined) return false;
  const replaced = finding.endLine - finding.startLine + 1;
  if (finding.replacement === '' && lineDelta === -replaced) return true;
  const lines = finding.replacement.split(/\r?\n/);
  return lineDelta === lines.length - replaced && lines.every((text, k) => lineAfter(finding.startLine + k) === text);
}
