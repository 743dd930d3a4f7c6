import type { ModelId } from '../models/modelTable';
import type { ProviderId } from '../models/providers';
import type { TaskKind } from '../models/tasks';
import type { Usage } from '../usage/usage';

/** How a call ended. `fallback`: this call failed and the task was sent to the other model. */
export type CallOutcome = 'ok' | 'error' | 'cancelled' | 'fallback';

/** Which side of a routing trial a call was on: the task's own route, or the other model the trial sends a share to. */
export type TrialArm = 'routed' | 'trial';

/** One line of the ledger: one call to a model. Never holds prompt text, answers or keys. */
export interface LedgerRecord {
  readonly v: 1;
  readonly id: string;
  /** ISO-8601 time the call started. */
  readonly time: string;
  readonly session: string;
  readonly task: TaskKind;
  readonly model: ModelId;
  readonly provider: ProviderId;
  readonly usage: Usage;
  readonly costMicroUsd: number;
  readonly latencyMs: number;
  /** Time to the first text of the answer (ms from the start of the call); absent when none came or for batch calls. */
  readonly firstTokenMs?: number;
  readonly outcome: CallOutcome;
  readonly batch: boolean;
  /** True when usage is an estimate (the provider reported none). */
  readonly estimated: boolean;
  readonly requestId?: string;
  /** Why this model was chosen (one line). */
  readonly reason?: string;
  /** Short failure description for error / fallback outcomes (never a key). */
  readonly error?: string;
  /** What a gateway in between said this call cost (LiteLLM's x-litellm-response-cost), beside Tandem's own figure. */
  readonly gatewayCostMicroUsd?: number;
  /**
   * Calls made while a routing trial covered their task: the trial's id, the arm the call was assigned to, and
   * the seed that drew it (the draw can be replayed: core/trial/assignment.ts).
   */
  readonly trial?: { readonly id: string; readonly arm: TrialArm; readonly seed: number };
  /**
   * The repair of a refused answer (SQL that did not parse, JSON off its schema, findings off the document):
   * the id of the call whose answer it repairs. The routing analysis counts it with that call, since getting
   * one usable answer took both.
   */
  readonly repairOf?: string;
}
