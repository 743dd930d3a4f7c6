import type { LedgerRecord } from '../ledger/record';
import type { ModelId, ModelTable, RoutingTable } from '../models/modelTable';
import { TASK_KINDS, type TaskKind } from '../models/tasks';
import { seededRandom } from '../random/seeded';
import { percentileNearestRank } from '../report/percentile';
import { promptTokens } from '../usage/usage';
import { signalsByCall } from './callSignals';
import { TASK_METRICS, observeCall, type Observations } from './metrics';
import { DEFAULT_QUALITY_PARAMETERS, type QualityParameters } from './qualityParameters';
import type { MetricCell, MetricId, RoutingAnalysis, RoutingCell, TaskAdvice } from './routingAnalysis';
import { adviseTask, type ObservedCell } from './routingAdvice';
import type { QualitySignal } from './signal';
import { bootstrapMeanInterval, mean, wilsonInterval } from './stats';

export interface RoutingAnalysisOptions {
  /** The routing in force: each task's current model. */
  readonly routes: RoutingTable;
  readonly models: ModelTable;
  /** The end of the volume window the monthly saving is worked out over. */
  readonly now: Date;
  /** Overrides of DEFAULT_QUALITY_PARAMETERS. */
  readonly parameters?: Partial<QualityParameters>;
}

const DAY_MS = 86_400_000;
const DAYS_PER_MONTH = 30;

/**
 * Per task × model: what a call costs, how verbose and quick it is, and how its answers fared; per task: the
 * advice. From ledger records and quality signals alone, so an exported ledger works as well as the live one.
 *
 * Batch calls are left out (half price, and no one watches their answers). A cell's cost and tokens per call are
 * over all its interactive calls, failed and cancelled ones included: an error costs nothing but is part of what
 * a route delivers per call, and leaving it out would flatter the model that fails more. Quality and latency are
 * over the calls that answered ('ok'). Where a task has calls a routing trial assigned, only those are compared
 * (randomised, so the two sides saw the same kind of work); elsewhere all calls, and the advice says so.
 * A repair (LedgerRecord.repairOf) is not a call of its own here: its cost, tokens and wait are added to the call
 * it repairs, so a model whose answers need repairing costs what getting one usable answer from it costs.
 */
export function analyzeRouting(
  records: readonly LedgerRecord[],
  signals: readonly QualitySignal[],
  options: RoutingAnalysisOptions,
): RoutingAnalysis {
  const parameters: QualityParameters = { ...DEFAULT_QUALITY_PARAMETERS, ...options.parameters };
  const signalsOfCall = signalsByCall(signals);
  // Each repaired call's repairs, by the repaired call's id.
  const repairs = groupedBy(records, (r) => r.repairOf);
  const volume = monthlyVolume(records, options.now, parameters.volumeWindowDays);
  const cells: RoutingCell[] = [];
  const advice: TaskAdvice[] = [];
  let everyTaskRandomised = true;
  for (const task of TASK_KINDS) {
    const interactive = records.filter((r) => r.task === task && !r.batch && r.repairOf === undefined);
    const trial = interactive.filter((r) => r.trial !== undefined);
    const compared = trial.length > 0 ? trial : interactive;
    if (compared.length === 0) continue;
    everyTaskRandomised &&= trial.length > 0;
    const current = options.routes[task].model;
    const observed = [...groupedBy(compared, (r) => r.model)]
      .map(([model, ofModel]) => observeCell(task, model, ofModel, signalsOfCall, repairs, parameters))
      .sort((a, b) => rank(a.cell, current) - rank(b.cell, current) || b.cell.calls - a.cell.calls || a.cell.model.localeCompare(b.cell.model));
    cells.push(...observed.map((o) => o.cell));
    advice.push(
      adviseTask({
        task,
        current,
        cells: observed,
        randomised: trial.length > 0,
        monthlyCalls: volume(task),
        models: options.models,
        parameters,
      }),
    );
  }
  return {
    cells,
    advice,
    randomised: cells.length > 0 && everyTaskRandomised,
    rule: { minimumCalls: parameters.minimumCalls, minimumObservations: parameters.minimumObservations, margin: parameters.margin },
  };
}

/** The current model's cell sorts first. */
function rank(cell: RoutingCell, current: ModelId): number {
  return cell.model === current ? 0 : 1;
}

function observeCell(
  task: TaskKind,
  model: ModelId,
  records: readonly LedgerRecord[],
  signalsOfCall: ReadonlyMap<string, readonly QualitySignal[]>,
  repairs: ReadonlyMap<string, readonly LedgerRecord[]>,
  parameters: QualityParameters,
): ObservedCell {
  // A call with its repairs: what one answer took.
  const total = (r: LedgerRecord, of: (x: LedgerRecord) => number): number => [r, ...(repairs.get(r.id) ?? [])].reduce((sum, x) => sum + of(x), 0);
  const answered = records.filter((r) => r.outcome === 'ok');
  const observations: Partial<Record<MetricId, number[]>> = {};
  for (const record of answered) {
    const ofCall: Observations = observeCall(task, signalsOfCall.get(record.id) ?? [], parameters.keptSurvival);
    for (const spec of TASK_METRICS[task]) (observations[spec.id] ??= []).push(...(ofCall[spec.id] ?? []));
  }
  const metrics = TASK_METRICS[task].map((spec): MetricCell => {
    const values = observations[spec.id] ?? [];
    const { estimate, ci } =
      spec.kind === 'rate'
        ? wilsonInterval(values.filter((v) => v === 1).length, values.length, parameters.z)
        : bootstrapMeanInterval(values, seededRandom(parameters.bootstrapSeed), parameters.bootstrapResamples, parameters.z);
    return { metric: spec.id, kind: spec.kind, higherIsBetter: spec.higherIsBetter, n: values.length, estimate, ci };
  });
  const firstTokens = records.flatMap((r) => (r.firstTokenMs === undefined ? [] : [r.firstTokenMs]));
  const latencies = answered.map((r) => total(r, (x) => x.latencyMs));
  const cell: RoutingCell = {
    task,
    model,
    calls: records.length,
    trialCalls: records.filter((r) => r.trial?.arm === 'trial').length,
    routedCalls: records.filter((r) => r.trial?.arm === 'routed').length,
    costPerCallMicroUsd: mean(records.map((r) => total(r, (x) => x.costMicroUsd))),
    inputTokensPerCall: mean(records.map((r) => total(r, (x) => promptTokens(x.usage)))),
    outputTokensPerCall: mean(records.map((r) => total(r, (x) => x.usage.output))),
    latencyP50Ms: percentileNearestRank([...latencies], 50),
    latencyP95Ms: percentileNearestRank(latencies, 95),
    ...(firstTokens.length > 0 ? { firstTokenP50Ms: percentileNearestRank(firstTokens, 50) } : {}),
    metrics,
  };
  return { cell, observations };
}

/** Records grouped by a key of theirs, in order; records without one (undefined) are left out. */
function groupedBy<K>(records: readonly LedgerRecord[], key: (r: LedgerRecord) => K | undefined): Map<K, LedgerRecord[]> {
  const groups = new Map<K, LedgerRecord[]>();
  for (const record of records) {
    const k = key(record);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [record]);
    else group.push(record);
  }
  return groups;
}

/**
 * Calls of a task per month: its interactive calls (trial or not; not repairs, which ride on the call they
 * repair; not batch calls, which would not save the interactive difference) in the window before `now`, scaled up to a month when the records cover fewer days (from the
 * first record of any task in the window, at least one day), since a new user's first week is their volume.
 */
function monthlyVolume(records: readonly LedgerRecord[], now: Date, windowDays: number): (task: TaskKind) => number {
  const end = now.getTime();
  const start = end - windowDays * DAY_MS;
  const inWindow = records.filter((r) => {
    const time = Date.parse(r.time);
    return time > start && time <= end;
  });
  const first = inWindow.reduce((earliest, r) => Math.min(earliest, Date.parse(r.time)), end);
  const coveredDays = Math.min(windowDays, Math.max(1, (end - first) / DAY_MS));
  return (task) => (inWindow.filter((r) => r.task === task && !r.batch && r.repairOf === undefined).length * DAYS_PER_MONTH) / coveredDays;
}
