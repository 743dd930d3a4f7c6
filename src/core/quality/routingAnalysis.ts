import type { ModelId } from '../models/modelTable';
import type { TaskKind } from '../models/tasks';

// The shape of the routing advice: what the report's Routing view draws and what "apply" acts on. Worked out
// from ledger records and quality signals alone (core/quality/analyzeRouting.ts), so it runs over an exported
// ledger as well as the live one. Money in integer micro-dollars, shares 0–1, times in ms.

/** A two-sided 95% confidence interval. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** The quality measures, per task (core/quality/metrics.ts says which task has which, and which one decides). */
export type MetricId =
  | 'accepted' // completion: taken whole or in part, of those shown and settled
  | 'survival30s' // completion: share of a taken completion still there after 30 s
  | 'survival5m' // completion, generateCode: share of the inserted text still there after 5 min
  | 'kept' // generateCode: neither undone nor mostly edited away within 5 min
  | 'diffAccepted' // editSelection: proposed diffs accepted (Bulk Edit: files applied)
  | 'validFirst' // generateSql, generateJson: valid on the first answer
  | 'validAtAll' // generateSql, generateJson: valid first or after the repair
  | 'findingsActedOn' // review: findings quick-fixed or whose lines the user edited, of those settled
  | 'findingsDismissed' // review: findings dismissed, of those settled (lower is better)
  | 'thumbsUp'; // explain: rated 👍, of those rated

/** One quality measure of one task × model cell. */
export interface MetricCell {
  readonly metric: MetricId;
  /** 'rate': a share of observations (Wilson interval); 'mean': a mean of shares (bootstrap interval). */
  readonly kind: 'rate' | 'mean';
  /** False for measures where less is better (findingsDismissed). */
  readonly higherIsBetter: boolean;
  /** Observations behind it (calls, findings or ratings); 0 → estimate 0 and the interval [0, 1]. */
  readonly n: number;
  readonly estimate: number;
  readonly ci: Interval;
}

/** One task on one model over the analysed calls. */
export interface RoutingCell {
  readonly task: TaskKind;
  readonly model: ModelId;
  /**
   * Interactive calls counted (batch calls are priced at half and left out of the comparison); a repair is not
   * one: its cost, tokens and wait are added to the call it repairs.
   */
  readonly calls: number;
  /** Of them, calls a routing trial sent here (arm 'trial') and calls on the task's own route during a trial (arm 'routed'). */
  readonly trialCalls: number;
  readonly routedCalls: number;
  readonly costPerCallMicroUsd: number;
  readonly inputTokensPerCall: number;
  readonly outputTokensPerCall: number;
  readonly latencyP50Ms: number;
  readonly latencyP95Ms: number;
  /** Over the calls that recorded it; undefined when none did. */
  readonly firstTokenP50Ms?: number;
  readonly metrics: readonly MetricCell[];
}

/** The difference other − current of the deciding measure, with its interval (Newcombe for rates, bootstrap for means). */
export interface Difference {
  readonly metric: MetricId;
  readonly current: number;
  readonly other: number;
  readonly estimate: number;
  readonly ci: Interval;
}

export type TaskAdvice =
  | {
      /** Move the task: the other model is cheaper and not worse beyond the margin. */
      readonly kind: 'switch';
      readonly task: TaskKind;
      readonly from: ModelId;
      readonly to: ModelId;
      readonly difference: Difference;
      /** How much cheaper per call the other model is, as a share of the current cost per call. */
      readonly cheaperShare: number;
      /** At the user's volume of this task (its calls over the last 30 days, or scaled up from fewer days). */
      readonly monthlySavingMicroUsd: number;
      /** One line, e.g. "explain → GPT-5.4 Mini: acceptance 0.81 vs 0.83 (difference within ±0.05), 22% cheaper per call; about $4.10 a month less at your volume". */
      readonly text: string;
    }
  | {
      /** Stay: the other model is not cheaper, or may be worse beyond the margin. */
      readonly kind: 'keep';
      readonly task: TaskKind;
      readonly model: ModelId;
      readonly difference?: Difference;
      readonly text: string;
    }
  | {
      /** Too few observations on a side to say anything. */
      readonly kind: 'not-enough';
      readonly task: TaskKind;
      /** What each short side still needs. */
      readonly needs: readonly { readonly model: ModelId; readonly calls: number; readonly observations: number }[];
      readonly text: string;
    };

export interface RoutingAnalysis {
  /** One per task × model with calls, tasks in TASK_KINDS order, the task's current model first. */
  readonly cells: readonly RoutingCell[];
  /** One per task with calls on at least one model. */
  readonly advice: readonly TaskAdvice[];
  /** True when the cells hold only calls a routing trial assigned (randomised, so the comparison is fair). */
  readonly randomised: boolean;
  /** The rule's parameters, shown under the view. */
  readonly rule: { readonly minimumCalls: number; readonly minimumObservations: number; readonly margin: number };
}
