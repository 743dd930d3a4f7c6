import type { BudgetCaps, BudgetMode, SpentSoFar } from '../cost/budget';
import { cacheHitRate, whatIf, type Period } from '../ledger/query';
import type { LedgerRecord } from '../ledger/record';
import type { ModelId, ModelTable } from '../models/modelTable';
import type { TaskKind } from '../models/tasks';
import { promptTokens, totalTokens } from '../usage/usage';
import { budgetView } from './budgetView';
import { CacheSavings } from './cacheSavings';
import { LocalDays } from './localDays';
import { p95NearestRank } from './percentile';
import { recordsInPeriod } from './periodRecords';
import type { ModelStats, ReportModel, TaskStats } from './reportModel';
import { UsageSum } from './usageSum';

export interface ReportOptions {
  readonly period: Period;
  readonly now: Date;
  /** The current session, for the 'session' period. */
  readonly sessionId: string;
  /** Prices for cache savings and the what-if (settings overrides applied). */
  readonly models: ModelTable;
  readonly budget: { readonly caps: BudgetCaps; readonly mode: BudgetMode; readonly spent: SpentSoFar };
  readonly notes?: readonly string[];
}

interface Group {
  calls: number;
  costMicroUsd: number;
  readonly usage: UsageSum;
}

interface TaskGroup extends Group {
  /** Prompt tokens per call (input, cached and cache-written alike: the size of what was sent). */
  readonly inputs: number[];
  readonly outputs: number[];
}

interface DayGroup {
  costMicroUsd: number;
  readonly byModel: Record<ModelId, number>;
}

/** Most expensive first (what a reader looks for), ties by name so the order is stable. */
const byCostThenName = <T extends { costMicroUsd: number }>(name: (row: T) => string) => (a: T, b: T): number =>
  b.costMicroUsd - a.costMicroUsd || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);

/**
 * Everything the usage report draws, from the ledger, in one pass over the period's records plus the
 * what-if's pass: a year of ledger (~100,000 records) is aggregated here so the webview receives only
 * these few hundred numbers.
 */
export function buildReport(records: readonly LedgerRecord[], options: ReportOptions): ReportModel {
  const { period, now, sessionId, models } = options;
  const inPeriod = recordsInPeriod(records, period, now, sessionId);

  const total: Group = { calls: 0, costMicroUsd: 0, usage: new UsageSum() };
  const tasks = new Map<TaskKind, TaskGroup>();
  const modelGroups = new Map<ModelId, Group>();
  const days = new Map<string, DayGroup>();
  const localDays = new LocalDays();
  const savings = new CacheSavings();
  let lastDay = '';
  let dayGroup: DayGroup | undefined;
  let batchCalls = 0;
  let estimatedCalls = 0;
  let failedCalls = 0;

  for (const r of inPeriod) {
    const cost = r.costMicroUsd;
    addTo(total, r);

    let task = tasks.get(r.task);
    if (!task) tasks.set(r.task, (task = { calls: 0, costMicroUsd: 0, usage: new UsageSum(), inputs: [], outputs: [] }));
    addTo(task, r);
    task.inputs.push(promptTokens(r.usage));
    task.outputs.push(r.usage.output);

    let model = modelGroups.get(r.model);
    if (!model) modelGroups.set(r.model, (model = { calls: 0, costMicroUsd: 0, usage: new UsageSum() }));
    addTo(model, r);

    const day = localDays.dayOf(r.time);
    if (day !== lastDay || !dayGroup) {
      dayGroup = days.get(day);
      if (!dayGroup) days.set(day, (dayGroup = { costMicroUsd: 0, byModel: {} }));
      lastDay = day;
    }
    dayGroup.costMicroUsd += cost;
    dayGroup.byModel[r.model] = (dayGroup.byModel[r.model] ?? 0) + cost;

    const spec = models[r.model];
    if (spec) savings.add(r.usage, spec.prices, r.batch);
    if (r.batch) batchCalls++;
    if (r.estimated) estimatedCalls++;
    // A fallback record is a call that failed before its task went to the other model.
    if (r.outcome === 'error' || r.outcome === 'fallback') failedCalls++;
  }

  const totalUsage = total.usage.toUsage();
  return {
    period,
    generatedAt: now.toISOString(),
    totals: { calls: total.calls, tokens: totalTokens(totalUsage), costMicroUsd: total.costMicroUsd, usage: totalUsage },
    costByDay: [...days.keys()].sort().map((day) => ({ day, ...(days.get(day) as DayGroup) })),
    byTask: [...tasks].map(([name, g]) => taskStats(name, g)).sort(byCostThenName((t) => t.task)),
    byModel: [...modelGroups].map(([id, g]) => modelStats(id, g, models)).sort(byCostThenName((m) => m.model)),
    cacheSavingsMicroUsd: savings.microUsd(),
    notes: options.notes ?? [],
    whatIf: whatIf(inPeriod, models),
    models: modelNames(models, modelGroups.keys()),
    budget: budgetView(options.budget.caps, options.budget.mode, options.budget.spent),
    batchCalls,
    estimatedCalls,
    failedCalls,
  };
}

/** The catalog's models, then any the period's records name that the catalog no longer holds (by their id). */
function modelNames(table: ModelTable, recorded: Iterable<ModelId>): ReportModel['models'] {
  const names = Object.values(table).map((spec) => ({ id: spec.id, displayName: spec.displayName }));
  for (const id of recorded) if (!Object.hasOwn(table, id)) names.push({ id, displayName: id });
  return names;
}

function addTo(g: Group, r: LedgerRecord): void {
  g.calls++;
  g.costMicroUsd += r.costMicroUsd;
  g.usage.add(r.usage);
}

function taskStats(task: TaskKind, g: TaskGroup): TaskStats {
  const usage = g.usage.toUsage();
  return {
    task,
    calls: g.calls,
    costMicroUsd: g.costMicroUsd,
    tokens: totalTokens(usage),
    meanInputTokens: promptTokens(usage) / g.calls,
    p95InputTokens: p95NearestRank(g.inputs),
    meanOutputTokens: usage.output / g.calls,
    p95OutputTokens: p95NearestRank(g.outputs),
    // Money stays in whole micro-dollars, like every other figure in the report.
    costPerCallMicroUsd: Math.round(g.costMicroUsd / g.calls),
    cacheHitRate: cacheHitRate(usage),
  };
}

function modelStats(model: ModelId, g: Group, table: ModelTable): ModelStats {
  const usage = g.usage.toUsage();
  return {
    model,
    displayName: table[model]?.displayName ?? model,
    calls: g.calls,
    costMicroUsd: g.costMicroUsd,
    tokens: totalTokens(usage),
    usage,
    cacheHitRate: cacheHitRate(usage),
  };
}
