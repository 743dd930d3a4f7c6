import type { CallRow, RowSink } from '../ledger/callRow';
import { whatIf, type WhatIf } from '../ledger/query';
import type { LedgerRecord } from '../ledger/record';
import type { ModelId, ModelTable } from '../models/modelTable';
import type { TaskKind } from '../models/tasks';
import { promptTokens } from '../usage/usage';
import { CacheSavings } from './cacheSavings';
import { LocalDays } from './localDays';
import { UsageSum } from './usageSum';

/** What the report counts of a call (a LedgerRecord and an index row both are one). */
export type AggregatedCall = Pick<LedgerRecord, 'task' | 'model' | 'usage' | 'costMicroUsd' | 'batch' | 'estimated' | 'outcome' | 'gatewayCostMicroUsd'>;

/** The calls a gateway priced itself: its figure beside Tandem's for the same calls. */
export interface GatewayTally {
  calls: number;
  tandemMicroUsd: number;
  gatewayMicroUsd: number;
}

export interface Group {
  calls: number;
  costMicroUsd: number;
  readonly usage: UsageSum;
}

export interface TaskGroup extends Group {
  /** Prompt tokens per call (input, cached and cache-written alike: the size of what was sent). */
  readonly inputs: number[];
  readonly outputs: number[];
}

/** The figures that depend on current prices, for one price table. */
export interface Priced {
  readonly whatIf: WhatIf;
  readonly savings: CacheSavings;
}

const newGroup = (): Group => ({ calls: 0, costMicroUsd: 0, usage: new UsageSum() });

/**
 * One local day's calls, summed as they come. Sums (calls, cost, usage, counts) are exact by addition.
 * The p95 token figures are not sums, so each task keeps its calls' prompt and output sizes: a period's
 * p95 is the exact nearest rank over the union of its days' values. What-if and cache savings are priced
 * per call (each call rounds, and the what-if's cache rules depend on each call's size) at the current
 * prices, which can change: each day keeps its calls, prices them once per price table and adds each
 * new call to that priced sum, so a period sums its days' priced figures exactly.
 */
export class DayAggregate {
  readonly calls: AggregatedCall[] = [];
  readonly total: Group = newGroup();
  readonly byTask = new Map<TaskKind, TaskGroup>();
  readonly byModel = new Map<ModelId, Group>();
  batchCalls = 0;
  estimatedCalls = 0;
  failedCalls = 0;
  readonly gateway: GatewayTally = { calls: 0, tandemMicroUsd: 0, gatewayMicroUsd: 0 };
  private priced?: { readonly key: string; readonly table: ModelTable; readonly whatIf: { asRouted: number; allOn: Record<string, number> }; readonly savings: CacheSavings };

  constructor(readonly day: string) {}

  add(call: AggregatedCall): void {
    this.calls.push(call);
    addTo(this.total, call);
    let task = this.byTask.get(call.task);
    if (!task) this.byTask.set(call.task, (task = { ...newGroup(), inputs: [], outputs: [] }));
    addTo(task, call);
    task.inputs.push(promptTokens(call.usage));
    task.outputs.push(call.usage.output);
    let model = this.byModel.get(call.model);
    if (!model) this.byModel.set(call.model, (model = newGroup()));
    addTo(model, call);
    if (call.batch) this.batchCalls++;
    if (call.estimated) this.estimatedCalls++;
    // A fallback record is a call that failed before its task went to the other model.
    if (call.outcome === 'error' || call.outcome === 'fallback') this.failedCalls++;
    if (call.gatewayCostMicroUsd !== undefined) {
      this.gateway.calls++;
      this.gateway.tandemMicroUsd += call.costMicroUsd;
      this.gateway.gatewayMicroUsd += call.gatewayCostMicroUsd;
    }
    if (this.priced) price(this.priced, [call]);
  }

  /** The what-if and cache savings at these prices; `key` names the table's content (same key, same prices). */
  pricedWith(table: ModelTable, key: string): Priced {
    if (this.priced?.key !== key) {
      this.priced = { key, table, whatIf: { asRouted: 0, allOn: {} }, savings: new CacheSavings() };
      price(this.priced, this.calls);
    }
    return this.priced;
  }
}

function addTo(g: Group, call: AggregatedCall): void {
  g.calls++;
  g.costMicroUsd += call.costMicroUsd;
  g.usage.add(call.usage);
}

function price(priced: { table: ModelTable; whatIf: { asRouted: number; allOn: Record<string, number> }; savings: CacheSavings }, calls: readonly AggregatedCall[]): void {
  const add = whatIf(calls, priced.table);
  priced.whatIf.asRouted += add.asRouted;
  for (const [id, cost] of Object.entries(add.allOn)) priced.whatIf.allOn[id] = (priced.whatIf.allOn[id] ?? 0) + cost;
  for (const call of calls) {
    const spec = priced.table[call.model];
    if (spec) priced.savings.add(call.usage, spec.prices, call.batch);
  }
}

/** Calls by local day: the report's aggregates, fed by the ledger index (as a RowSink) or by records. */
export class DayAggregates implements RowSink {
  private readonly days = new Map<string, DayAggregate>();
  private readonly localDays = new LocalDays();

  add(row: CallRow): void {
    this.addOn(this.localDays.dayOfMs(row.timeMs), row);
  }

  addRecord(record: LedgerRecord): void {
    this.addOn(this.localDays.dayOf(record.time), record);
  }

  clear(): void {
    this.days.clear();
  }

  /** The days from this local day (YYYY-MM-DD, inclusive; all when undefined), oldest first. */
  from(day?: string): DayAggregate[] {
    const found = [...this.days.values()].filter((d) => day === undefined || d.day >= day);
    return found.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }

  private addOn(day: string, call: AggregatedCall): void {
    let aggregate = this.days.get(day);
    if (!aggregate) this.days.set(day, (aggregate = new DayAggregate(day)));
    aggregate.add(call);
  }
}

/**
 * Each task's prompt and output sizes over a run of days, kept between reports so a live update adds only
 * the new calls' values instead of copying a year's again. The p95 selection reorders these arrays in
 * place, which leaves the values (a multiset) as they were. A day missing, replaced or shrunk since the
 * last report means another period or a re-read ledger: the values are gathered again.
 */
export class TaskValues {
  private readonly byTask = new Map<TaskKind, { readonly taken: Map<DayAggregate, number>; readonly inputs: number[]; readonly outputs: number[] }>();

  /** The task's values over these days (the caller may reorder them). */
  of(task: TaskKind, days: readonly DayAggregate[]): { readonly inputs: number[]; readonly outputs: number[] } {
    let cached = this.byTask.get(task);
    let seen = 0;
    for (const day of days) {
      const taken = cached?.taken.get(day);
      if (taken === undefined) continue;
      if (taken > (day.byTask.get(task)?.inputs.length ?? 0)) cached = undefined;
      seen++;
    }
    if (!cached || seen !== cached.taken.size) {
      cached = { taken: new Map(), inputs: [], outputs: [] };
      this.byTask.set(task, cached);
    }
    for (const day of days) {
      const group = day.byTask.get(task);
      if (!group) continue;
      const taken = cached.taken.get(day) ?? 0;
      for (let i = taken; i < group.inputs.length; i++) {
        cached.inputs.push(group.inputs[i]);
        cached.outputs.push(group.outputs[i]);
      }
      cached.taken.set(day, group.inputs.length);
    }
    return cached;
  }
}
