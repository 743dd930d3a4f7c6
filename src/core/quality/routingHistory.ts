import type { ModelId } from '../models/modelTable';
import { isTaskKind, type TaskKind } from '../models/tasks';

/** One routing change applied from the report's advice. */
export interface RoutingHistoryEntry {
  /** ISO-8601 time it was written to user settings. */
  readonly time: string;
  readonly task: TaskKind;
  readonly from: ModelId;
  readonly to: ModelId;
  /** The advice's words at the time, so the history says why even after the data has moved on. */
  readonly why: string;
}

/** Enough for years of monthly adjustments on every task; older entries fall off. */
export const ROUTING_HISTORY_LIMIT = 100;

/** The history with `entry` added, newest first, capped at ROUTING_HISTORY_LIMIT. */
export function withHistoryEntry(history: readonly RoutingHistoryEntry[], entry: RoutingHistoryEntry): RoutingHistoryEntry[] {
  return [entry, ...history].slice(0, ROUTING_HISTORY_LIMIT);
}

/** The stored history, with any entry that is not one (written by a newer version, or damaged) left out. */
export function parseRoutingHistory(value: unknown): RoutingHistoryEntry[] {
  return Array.isArray(value) ? value.filter(isRoutingHistoryEntry) : [];
}

function isRoutingHistoryEntry(value: unknown): value is RoutingHistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.time === 'string' &&
    !Number.isNaN(Date.parse(e.time)) &&
    isTaskKind(e.task) &&
    typeof e.from === 'string' &&
    typeof e.to === 'string' &&
    typeof e.why === 'string'
  );
}
