import type * as vscode from 'vscode';
import { parseRoutingHistory, withHistoryEntry, type RoutingHistoryEntry } from '../../core/quality/routingHistory';

const KEY = 'tandem.routingHistory';

/** The routing changes applied from the report, kept in global state (per user, across workspaces). */
export interface RoutingHistoryStore {
  read(): RoutingHistoryEntry[];
  add(entry: RoutingHistoryEntry): Promise<void>;
}

export function routingHistoryStore(state: vscode.Memento): RoutingHistoryStore {
  const read = (): RoutingHistoryEntry[] => parseRoutingHistory(state.get<unknown>(KEY));
  return {
    read,
    add: (entry) => Promise.resolve(state.update(KEY, withHistoryEntry(read(), entry))),
  };
}
