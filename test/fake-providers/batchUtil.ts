// Pieces both batch APIs share: per-custom_id outcomes and a deterministic result order.
import { createHash } from 'node:crypto';
import type { BatchOutcome, ScriptReply } from './types';

export type BatchOutcomes = Map<string, { outcome: BatchOutcome; reply?: ScriptReply }>;

/**
 * Results in a stable order that is never the input order (for 2+ entries): sorted by a hash of the key,
 * reversed if that happened to keep the input order. Clients must join on custom_id, as with the real APIs.
 */
export function deterministicShuffle<T>(items: T[], key: (t: T) => string): T[] {
  const hash = (t: T) => createHash('sha256').update(key(t)).digest('hex');
  const sorted = [...items].sort((a, b) => (hash(a) < hash(b) ? -1 : hash(a) > hash(b) ? 1 : 0));
  if (items.length > 1 && sorted.every((t, i) => t === items[i])) sorted.reverse();
  return sorted;
}
