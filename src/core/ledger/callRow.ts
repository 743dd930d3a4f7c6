import type { Disposable } from '../events/emitter';
import type { ModelId } from '../models/modelTable';
import type { TaskKind } from '../models/tasks';
import type { Usage } from '../usage/usage';
import type { CallOutcome, LedgerRecord } from './record';

/**
 * What the ledger's index keeps of a record: what the report and the budgets count, without the text
 * fields (request id, reason, error, session), which only an export needs and reads from the file.
 */
export interface CallRow {
  readonly id: string;
  /** Epoch ms the call started. */
  readonly timeMs: number;
  readonly task: TaskKind;
  readonly model: ModelId;
  readonly usage: Usage;
  readonly costMicroUsd: number;
  readonly batch: boolean;
  readonly estimated: boolean;
  readonly outcome: CallOutcome;
  readonly gatewayCostMicroUsd?: number;
}

export function callRow(record: LedgerRecord): CallRow {
  const { id, task, model, usage, costMicroUsd, batch, estimated, outcome, gatewayCostMicroUsd } = record;
  const row: CallRow = { id, timeMs: Date.parse(record.time), task, model, usage, costMicroUsd, batch, estimated, outcome };
  return gatewayCostMicroUsd === undefined ? row : { ...row, gatewayCostMicroUsd };
}

/** Something kept up to date from the index's rows (the report's per-day aggregates). */
export interface RowSink {
  add(row: CallRow): void;
  /** Every row is about to be offered again (a file was replaced or shrank and is read anew). */
  clear(): void;
}

export type { Disposable };
