import type { Period } from '../ledger/query';
import type { LedgerRecord } from '../ledger/record';
import type { ModelId, ModelTable, RoutingTable } from '../models/modelTable';
import type { TaskKind } from '../models/tasks';
import { analyzeRouting } from '../quality/analyzeRouting';
import { decidingMetric, metricLabel, observationNoun } from '../quality/metrics';
import type { QualityParameters } from '../quality/qualityParameters';
import type { MetricCell, RoutingAnalysis, RoutingCell, TaskAdvice } from '../quality/routingAnalysis';
import type { RoutingHistoryEntry } from '../quality/routingHistory';
import type { QualitySignal } from '../quality/signal';

// The webview sees core/report only: the analysis types it draws come through here.
export type { Interval, TaskAdvice } from '../quality/routingAnalysis';

/** A routing trial in progress (from the trial store, when there is one). */
export interface TrialSummary {
  readonly tasks: readonly TaskKind[];
  /** The share of each task's calls sent to the other model, 0–1. */
  readonly share: number;
  /** ISO-8601 time the trial ends. */
  readonly endsAt: string;
}

/** One quality measure of a row, with its name and what it still lacks. */
export interface RoutingMetricView extends MetricCell {
  readonly label: string;
  /** The measure the advice compares. */
  readonly deciding: boolean;
  /** More observations it needs before the advice uses it (0 when it has enough); only the deciding one counts. */
  readonly needed: number;
  /** What those observations are: "ratings", "settled completions"… */
  readonly neededNoun: string;
}

/** One model's row in a task's table. */
export interface RoutingRow extends Omit<RoutingCell, 'metrics'> {
  readonly displayName: string;
  /** The model the task is routed to now. */
  readonly current: boolean;
  /** More calls it needs before the advice compares it (0 when it has enough). */
  readonly callsNeeded: number;
  readonly metrics: readonly RoutingMetricView[];
}

/** One task in the Routing view: its table per model and its advice. */
export interface RoutingTaskView {
  readonly task: TaskKind;
  readonly current: ModelId;
  /** The workspace's settings route this task: a change in user settings would not take effect here. */
  readonly setByWorkspace: boolean;
  readonly rows: readonly RoutingRow[];
  readonly advice: TaskAdvice;
}

/** What the report's Routing view draws, sent as its own message beside the usage report. */
export interface RoutingReportModel {
  readonly period: Period;
  /** ISO time it was built. */
  readonly generatedAt: string;
  /** Tasks with calls in the period, in TASK_KINDS order. */
  readonly tasks: readonly RoutingTaskView[];
  readonly randomised: boolean;
  readonly rule: RoutingAnalysis['rule'];
  /** Routing changes applied from the advice, newest first. */
  readonly history: readonly (RoutingHistoryEntry & { readonly fromName: string; readonly toName: string })[];
  readonly trial?: TrialSummary;
}

export interface RoutingReportInput {
  readonly period: Period;
  /** The period's records (as the usage report counts them) and the quality signals about them. */
  readonly records: readonly LedgerRecord[];
  readonly signals: readonly QualitySignal[];
  readonly routes: RoutingTable;
  readonly models: ModelTable;
  readonly now: Date;
  readonly history: readonly RoutingHistoryEntry[];
  readonly trial?: TrialSummary;
  readonly parameters?: Partial<QualityParameters>;
}

/** The Routing view's data: the analysis of the period's calls, laid out per task with what each cell still needs. */
export function buildRoutingReport(input: RoutingReportInput): RoutingReportModel {
  const { models, routes } = input;
  const analysis = analyzeRouting(input.records, input.signals, {
    routes,
    models,
    now: input.now,
    ...(input.parameters ? { parameters: input.parameters } : {}),
  });
  const name = (model: ModelId): string => models[model]?.displayName ?? model;
  const { minimumCalls, minimumObservations } = analysis.rule;
  const tasks = analysis.advice.map((advice): RoutingTaskView => {
    const task = advice.task;
    const deciding = decidingMetric(task).id;
    const rows = analysis.cells
      .filter((cell) => cell.task === task)
      .map((cell): RoutingRow => ({
        ...cell,
        displayName: name(cell.model),
        current: cell.model === routes[task].model,
        callsNeeded: Math.max(0, minimumCalls - cell.calls),
        metrics: cell.metrics.map((metric) => {
          const needed = metric.metric === deciding ? Math.max(0, minimumObservations - metric.n) : 0;
          return { ...metric, label: metricLabel(metric.metric), deciding: metric.metric === deciding, needed, neededNoun: observationNoun(metric.metric, needed) };
        }),
      }));
    return { task, current: routes[task].model, setByWorkspace: routes[task].setByWorkspace === true, rows, advice };
  });
  return {
    period: input.period,
    generatedAt: input.now.toISOString(),
    tasks,
    randomised: analysis.randomised,
    rule: analysis.rule,
    history: input.history.map((entry) => ({ ...entry, fromName: name(entry.from), toName: name(entry.to) })),
    ...(input.trial ? { trial: input.trial } : {}),
  };
}
