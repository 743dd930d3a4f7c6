/**
 * What happened to an answer after the model gave it, one event per line of the quality log, linked to the
 * call's ledger record by its id. Never any code or prompt text: names, shares and indexes only.
 *
 * - completion: `shown`, then `accepted` (the item's command ran), `partial` (a prefix of it was taken; value =
 *   the share of its characters) or `dismissed` (the next edit did not take it); for taken ones `survival30s` and
 *   `survival5m` (value = share of the inserted text still there).
 * - generateCode (also from an image): `survival5m`, and `undone` when an undo took the insertion back.
 * - editSelection: `diffAccepted` / `diffRejected` (a Bulk Edit batch record: its file applied or not).
 * - generateSql / generateJson: `validFirst`, `validRepaired` or `invalid`.
 * - review: per finding (`item` = its index in the answer) `findingFixed` (its quick fix ran), `findingDismissed`,
 *   `findingEdited` (the user changed its lines) or `findingLeft` (still there when the review was replaced or closed).
 * - explain: `thumbsUp` / `thumbsDown`, only when the user rates it.
 */
export const SIGNAL_NAMES = [
  'shown',
  'accepted',
  'partial',
  'dismissed',
  'survival30s',
  'survival5m',
  'undone',
  'diffAccepted',
  'diffRejected',
  'validFirst',
  'validRepaired',
  'invalid',
  'findingFixed',
  'findingDismissed',
  'findingEdited',
  'findingLeft',
  'thumbsUp',
  'thumbsDown',
] as const;

export type SignalName = (typeof SIGNAL_NAMES)[number];

/** Signals whose value is a share (0–1); the others carry none. */
export const SHARE_SIGNALS: ReadonlySet<SignalName> = new Set<SignalName>(['partial', 'survival30s', 'survival5m']);

/** Signals about one finding of a review: they carry its index. */
export const FINDING_SIGNALS: ReadonlySet<SignalName> = new Set<SignalName>(['findingFixed', 'findingDismissed', 'findingEdited', 'findingLeft']);

/** One line of the quality log. */
export interface QualitySignal {
  readonly v: 1;
  readonly id: string;
  /** ISO-8601 time the signal was seen. */
  readonly time: string;
  /** The ledger record (LedgerRecord.id) of the call whose answer this is about. */
  readonly call: string;
  readonly name: SignalName;
  /** For share signals: 0–1. */
  readonly value?: number;
  /** For finding signals: the finding's index in the review's answer. */
  readonly item?: number;
}

export function isSignalName(value: unknown): value is SignalName {
  return (SIGNAL_NAMES as readonly unknown[]).includes(value);
}

/** True when a parsed line can be used as a QualitySignal (the file may be damaged or from a newer version). */
export function isQualitySignal(value: unknown): value is QualitySignal {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const s = value as Record<string, unknown>;
  if (s.v !== 1 || typeof s.id !== 'string' || typeof s.call !== 'string' || s.call === '') return false;
  if (typeof s.time !== 'string' || Number.isNaN(Date.parse(s.time)) || !isSignalName(s.name)) return false;
  const share = typeof s.value === 'number' && Number.isFinite(s.value) && s.value >= 0 && s.value <= 1;
  if (SHARE_SIGNALS.has(s.name) ? !share : s.value !== undefined) return false;
  const index = Number.isSafeInteger(s.item) && (s.item as number) >= 0;
  return FINDING_SIGNALS.has(s.name) ? index : s.item === undefined;
}

/** Every valid signal in some whole lines of a quality log file; damaged lines are counted, never fatal. */
export function parseSignalLines(text: string): { signals: QualitySignal[]; skipped: number } {
  const signals: QualitySignal[] = [];
  let skipped = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isQualitySignal(value)) signals.push(value);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { signals, skipped };
}
