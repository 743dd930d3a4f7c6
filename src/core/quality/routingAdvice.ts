import { formatMonthlyUsd } from '../format/spend';
import type { ModelId, ModelTable } from '../models/modelTable';
import { taskLabel, type TaskKind } from '../models/tasks';
import { seededRandom } from '../random/seeded';
import { decidingMetric, metricLabel, observationNoun, type MetricSpec, type Observations } from './metrics';
import type { QualityParameters } from './qualityParameters';
import type { Difference, Interval, RoutingCell, TaskAdvice } from './routingAnalysis';
import { bootstrapMeanDifference, mean, newcombeDifference } from './stats';

/** A cell with the observations behind its measures, which the difference between two cells is worked out from. */
export interface ObservedCell {
  readonly cell: RoutingCell;
  readonly observations: Observations;
}

/** Everything the rule looks at for one task. */
export interface TaskComparison {
  readonly task: TaskKind;
  /** The model the task is routed to now. */
  readonly current: ModelId;
  /** The task's cells, the current model's first when it has calls, then by calls (most first). */
  readonly cells: readonly ObservedCell[];
  /** The cells hold only calls a routing trial assigned. */
  readonly randomised: boolean;
  /** Calls of the task per month at the user's volume. */
  readonly monthlyCalls: number;
  readonly models: ModelTable;
  readonly parameters: QualityParameters;
}

/**
 * The rule: compare the current model with the other model that has the most calls; say nothing below the
 * minimum on either side; advise a switch only when the other is cheaper per call and its deciding measure is
 * not worse beyond the margin at the interval's worse end; otherwise keep, saying why.
 */
export function adviseTask(comparison: TaskComparison): TaskAdvice {
  const { task, current, cells, models, parameters } = comparison;
  const spec = decidingMetric(task);
  const currentSide = cells.find((c) => c.cell.model === current);
  const otherSide = cells.find((c) => c.cell.model !== current);
  const other = otherSide?.cell.model ?? Object.keys(models).find((id) => id !== current);
  const name = (model: ModelId): string => models[model]?.displayName ?? model;
  const note = comparison.randomised ? '' : ' (not randomised: start a routing trial for a fair comparison)';
  if (other === undefined) return { kind: 'keep', task, model: current, text: `${taskLabel(task)}: keep ${name(current)}, no other model to compare with` };

  const needs = [needsOf(current, currentSide, spec, parameters), needsOf(other, otherSide, spec, parameters)].filter(
    (need) => need.calls > 0 || need.observations > 0,
  );
  // A side with no cell always needs calls; the last two checks only tell the compiler so.
  if (needs.length > 0 || currentSide === undefined || otherSide === undefined) {
    const sides = needs.map((need) => `${moreText(need, spec)} on ${name(need.model)}`).join('; ');
    return { kind: 'not-enough', task, needs, text: `${taskLabel(task)}: not enough to compare yet, needs ${sides}${note}` };
  }

  const difference = differenceOf(spec, currentSide, otherSide, parameters);
  const currentCost = currentSide.cell.costPerCallMicroUsd;
  const otherCost = otherSide.cell.costPerCallMicroUsd;
  const quality = `${metricLabel(spec.id)} ${share(difference.other)} vs ${share(difference.current)}`;
  if (!(otherCost < currentCost)) {
    const cost = otherCost === currentCost ? 'costs the same' : currentCost === 0 ? 'costs more' : `costs ${percent((otherCost - currentCost) / currentCost)} more`;
    const text = `${taskLabel(task)}: keep ${name(current)}, ${name(other)} ${cost} per call (${quality})${note}`;
    return { kind: 'keep', task, model: current, difference, text };
  }
  const cheaperShare = (currentCost - otherCost) / currentCost;
  const worse = worseBy(difference.ci, spec.higherIsBetter);
  if (worse > parameters.margin) {
    const text =
      `${taskLabel(task)}: keep ${name(current)}, ${name(other)} is ${percent(cheaperShare)} cheaper per call but its ` +
      `${metricLabel(spec.id)} may be worse by up to ${share(worse)} (${share(difference.other)} vs ${share(difference.current)}; margin ${share(parameters.margin)})${note}`;
    return { kind: 'keep', task, model: current, difference, text };
  }
  const monthlySavingMicroUsd = Math.round(comparison.monthlyCalls * (currentCost - otherCost));
  const text =
    `${taskLabel(task)} → ${name(other)}: ${quality} (${closeness(difference.ci, spec.higherIsBetter, parameters.margin)}), ` +
    `${percent(cheaperShare)} cheaper per call; about ${formatMonthlyUsd(monthlySavingMicroUsd)} a month less at your volume${note}`;
  return { kind: 'switch', task, from: current, to: other, difference, cheaperShare, monthlySavingMicroUsd, text };
}

/**
 * How much worse the other model may be, at the interval's worse end (0 when even that end is no worse):
 * the low end of other − current when more is better, the high end mirrored when less is better.
 */
export function worseBy(ci: Interval, higherIsBetter: boolean): number {
  return Math.max(0, higherIsBetter ? -ci.low : ci.high);
}

type Need = { readonly model: ModelId; readonly calls: number; readonly observations: number };

function needsOf(model: ModelId, side: ObservedCell | undefined, spec: MetricSpec, parameters: QualityParameters): Need {
  const calls = side?.cell.calls ?? 0;
  const observations = side?.observations[spec.id]?.length ?? 0;
  return {
    model,
    // A side with no calls needs one at least, whatever the minimum is set to.
    calls: Math.max(side === undefined ? 1 : 0, parameters.minimumCalls - calls),
    observations: Math.max(0, parameters.minimumObservations - observations),
  };
}

/** "12 more calls and 20 more ratings". */
function moreText(need: Need, spec: MetricSpec): string {
  const parts: string[] = [];
  if (need.calls > 0) parts.push(`${need.calls} more ${need.calls === 1 ? 'call' : 'calls'}`);
  if (need.observations > 0) parts.push(`${need.observations} more ${observationNoun(spec.id, need.observations)}`);
  return parts.join(' and ');
}

/** other − current of the deciding measure: Newcombe's interval for rates, a seeded bootstrap for means. */
function differenceOf(spec: MetricSpec, current: ObservedCell, other: ObservedCell, parameters: QualityParameters): Difference {
  const a = current.observations[spec.id] ?? [];
  const b = other.observations[spec.id] ?? [];
  const { estimate, ci } =
    spec.kind === 'rate'
      ? newcombeDifference(count(a), a.length, count(b), b.length, parameters.z)
      : bootstrapMeanDifference(a, b, seededRandom(parameters.bootstrapSeed), parameters.bootstrapResamples, parameters.z);
  return { metric: spec.id, current: mean(a), other: mean(b), estimate, ci };
}

function count(observations: readonly number[]): number {
  return observations.reduce((sum, value) => sum + value, 0);
}

/** How close the other model is, for a switch (its worse end is within the margin). */
function closeness(ci: Interval, higherIsBetter: boolean, margin: number): string {
  if (Math.max(Math.abs(ci.low), Math.abs(ci.high)) <= margin) return `difference within ±${share(margin)}`;
  const worse = worseBy(ci, higherIsBetter);
  return worse === 0 ? 'at least as good' : `at worst ${share(worse)} ${higherIsBetter ? 'lower' : 'higher'}`;
}

function share(value: number): string {
  return value.toFixed(2);
}

function percent(value: number): string {
  return value < 0.005 ? 'under 1%' : `${Math.round(value * 100)}%`;
}
