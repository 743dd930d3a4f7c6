import type { BudgetCaps, BudgetMode, SpentSoFar } from '../cost/budget';
import { cacheHitRate, whatIf, type Period } from '../ledger/query';
import type { LedgerRecord } from '../ledger/record';
import type { ModelId, ModelTable } from '../models/modelTable';
import type { TaskKind } from '../models/tasks';
import { promptTokens, totalTokens } from '../usage/usage';
import { budgetView } from './budgetView';
import { CacheSavings } from './cacheSavings';
import { DayAggregates, TaskValues, type DayAggregate, type Group } from './dayAggregates';
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
  /** Damaged lines skipped in the ledger files read for this report. */
  readonly skippedLines?: number;
}

/** Most expensive first (what a reader looks for), ties by name so the order is stable. */
const byCostThenName = <T extends { costMicroUsd: number }>(name: (row: T) => string) => (a: T, b: T): number =>
  b.costMicroUsd - a.costMicroUsd || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);

/** Everything the usage report draws, from ledger records: they are summed by day, then the days are summed. */
export function buildReport(records: readonly LedgerRecord[], options: ReportOptions): ReportModel {
  const days = new DayAggregates();
  for (const r of recordsInPeriod(records, options.period, options.now, options.sessionId)) days.addRecord(r);
  return reportFromDays(days.from(), options);
}

/**
 * Everything the usage report draws, from the days of the period: the webview receives only these few
 * hundred numbers. Sums are added day by day; a task's p95 is taken over its days' values together (kept
 * in `values` from one report to the next by a caller that reports again and again); the priced figures are each day's at the current prices (kept per day until the prices change), so a year
 * of ledger costs a pass over its days, not its calls.
 */
export function reportFromDays(days: readonly DayAggregate[], options: ReportOptions, values = new TaskValues()): ReportModel {
  const { period, now, models } = options;
  const priceKey = JSON.stringify(models);
  const total = { calls: 0, costMicroUsd: 0, usage: new UsageSum() };
  const tasks = new Map<TaskKind, Group>();
  const modelGroups = new Map<ModelId, Group>();
  const savings = new CacheSavings();
  const routing = whatIf([], models);
  const allOn: Record<string, number> = { ...routing.allOn };
  let asRouted = 0;
  let batchCalls = 0;
  let estimatedCalls = 0;
  let failedCalls = 0;
  const gateway = { calls: 0, tandemMicroUsd: 0, gatewayMicroUsd: 0 };
  const costByDay: ReportModel['costByDay'][number][] = [];

  for (const day of days) {
    if (day.total.calls === 0) continue;
    merge(total, day.total);
    for (const [name, g] of day.byTask) {
      let task = tasks.get(name);
      if (!task) tasks.set(name, (task = { calls: 0, costMicroUsd: 0, usage: new UsageSum() }));
      merge(task, g);
    }
    const byModel: Record<ModelId, number> = {};
    for (const [id, g] of day.byModel) {
      let model = modelGroups.get(id);
      if (!model) modelGroups.set(id, (model = { calls: 0, costMicroUsd: 0, usage: new UsageSum() }));
      merge(model, g);
      byModel[id] = (byModel[id] ?? 0) + g.costMicroUsd;
    }
    costByDay.push({ day: day.day, costMicroUsd: day.total.costMicroUsd, byModel });
    const priced = day.pricedWith(models, priceKey);
    asRouted += priced.whatIf.asRouted;
    for (const [id, cost] of Object.entries(priced.whatIf.allOn)) allOn[id] = (allOn[id] ?? 0) + cost;
    savings.addSavings(priced.savings);
    batchCalls += day.batchCalls;
    estimatedCalls += day.estimatedCalls;
    failedCalls += day.failedCalls;
    gateway.calls += day.gateway.calls;
    gateway.tandemMicroUsd += day.gateway.tandemMicroUsd;
    gateway.gatewayMicroUsd += day.gateway.gatewayMicroUsd;
  }

  const totalUsage = total.usage.toUsage();
  return {
    period,
    generatedAt: now.toISOString(),
    totals: { calls: total.calls, tokens: totalTokens(totalUsage), costMicroUsd: total.costMicroUsd, usage: totalUsage },
    costByDay,
    byTask: [...tasks].map(([name, g]) => taskStats(name, g, values.of(name, days))).sort(byCostThenName((t) => t.task)),
    byModel: [...modelGroups].map(([id, g]) => modelStats(id, g, models)).sort(byCostThenName((m) => m.model)),
    cacheSavingsMicroUsd: savings.microUsd(),
    notes: options.notes ?? [],
    whatIf: { asRouted, allOn: allOn as Record<ModelId, number> },
    models: modelNames(models, modelGroups.keys()),
    budget: budgetView(options.budget.caps, options.budget.mode, options.budget.spent),
    batchCalls,
    estimatedCalls,
    failedCalls,
    gateway,
    skippedLines: options.skippedLines ?? 0,
  };
}

/** The catalog's models, then any the period's records name that the catalog no longer holds (by their id). */
function modelNames(table: ModelTable, recorded: Iterable<ModelId>): ReportModel['models'] {
  const names = Object.values(table).map((spec) => ({ id: spec.id, displayName: spec.displayName }));
  for (const id of recorded) if (!Object.hasOwn(table, id)) names.push({ id, displayName: id });
  return names;
}

function merge(into: Group, g: Group): void {
  into.calls += g.calls;
  into.costMicroUsd += g.costMicroUsd;
  into.usage.add(g.usage);
}

function taskStats(task: TaskKind, g: Group, values: { readonly inputs: number[]; readonly outputs: number[] }): TaskStats {
  const usage = g.usage.toUsage();
  return {
    task,
    calls: g.calls,
    costMicroUsd: g.costMicroUsd,
    tokens: totalTokens(usage),
    meanInputTokens: promptTokens(usage) / g.calls,
    p95InputTokens: p95NearestRank(values.inputs),
    meanOutputTokens: usage.output / g.calls,
    p95OutputTokens: p95NearestRank(values.outputs),
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
