import { costOnModel } from '../cost/cost';
import type { ModelId, ModelTable } from '../models/modelTable';
import { addUsage, promptTokens, totalTokens, ZERO_USAGE, type Usage } from '../usage/usage';
import type { LedgerRecord } from './record';

/** The periods the report offers. */
export type Period = 'session' | 'today' | '7d' | '30d' | 'all';

export interface RecordFilter {
  /** Inclusive. */
  readonly from?: Date;
  /** Exclusive. */
  readonly to?: Date;
  readonly session?: string;
}

export interface Totals {
  readonly calls: number;
  readonly usage: Usage;
  readonly costMicroUsd: number;
  readonly tokens: number;
}

export type GroupKey = 'task' | 'model' | 'day';

export interface Group {
  readonly key: string;
  readonly calls: number;
  readonly usage: Usage;
  readonly costMicroUsd: number;
}

export interface WhatIf {
  /** What the calls cost as they were routed (the recorded costs). */
  readonly asRouted: number;
  /** What the same calls would have cost with every one on this model, for each model of the catalog. */
  readonly allOn: Record<ModelId, number>;
}

/**
 * The time bounds of a report period, in the user's local time: "today" starts at local midnight, and
 * "7d" / "30d" are that many calendar days including today, so a per-day chart has no partial first day.
 * 'session' has no time bound (the caller filters by session id); 'all' has none either.
 */
export function periodRange(period: Period, now: Date): { from?: Date; to?: Date } {
  const daysBack = period === 'today' ? 0 : period === '7d' ? 6 : period === '30d' ? 29 : undefined;
  if (daysBack === undefined) return {};
  // The Date constructor handles month ends and DST days, which subtracting 24 h would not.
  return { from: new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysBack) };
}

export function filterRecords(records: readonly LedgerRecord[], filter: RecordFilter): LedgerRecord[] {
  const from = filter.from?.getTime() ?? -Infinity;
  const to = filter.to?.getTime() ?? Infinity;
  return records.filter((r) => {
    if (filter.session !== undefined && r.session !== filter.session) return false;
    const at = Date.parse(r.time);
    return at >= from && at < to;
  });
}

export function totals(records: readonly LedgerRecord[]): Totals {
  let usage = ZERO_USAGE;
  let costMicroUsd = 0;
  for (const r of records) {
    usage = addUsage(usage, r.usage);
    costMicroUsd += r.costMicroUsd;
  }
  return { calls: records.length, usage, costMicroUsd, tokens: totalTokens(usage) };
}

/** The local calendar day of an ISO time, as YYYY-MM-DD (what the user's own calendar says). */
export function localDay(time: string | Date): string {
  const d = typeof time === 'string' ? new Date(time) : time;
  const month = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${month}-${day}`;
}

/**
 * Calls, tokens and cost per task, model or local day. Days come oldest first (a time axis); tasks and
 * models come most expensive first (what a reader looks for), ties by name.
 */
export function groupBy(records: readonly LedgerRecord[], key: GroupKey): Group[] {
  const groups = new Map<string, { calls: number; usage: Usage; costMicroUsd: number }>();
  for (const r of records) {
    const k = key === 'day' ? localDay(r.time) : r[key];
    const g = groups.get(k) ?? { calls: 0, usage: ZERO_USAGE, costMicroUsd: 0 };
    groups.set(k, { calls: g.calls + 1, usage: addUsage(g.usage, r.usage), costMicroUsd: g.costMicroUsd + r.costMicroUsd });
  }
  const rows = [...groups].map(([k, g]) => ({ key: k, ...g }));
  const byKey = (a: Group, b: Group): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  if (key === 'day') return rows.sort(byKey);
  return rows.sort((a, b) => b.costMicroUsd - a.costMicroUsd || byKey(a, b));
}

/**
 * The routed cost against putting every call on one model. Each record keeps its own token counts and
 * batch flag; only the prices change, so the comparison is of routing, not of prompt size.
 */
export function whatIf(records: readonly Pick<LedgerRecord, 'usage' | 'batch' | 'costMicroUsd'>[], table: ModelTable): WhatIf {
  const specs = Object.values(table);
  const allOn: Record<ModelId, number> = Object.fromEntries(specs.map((spec) => [spec.id, 0]));
  let asRouted = 0;
  for (const r of records) {
    asRouted += r.costMicroUsd;
    for (const spec of specs) allOn[spec.id] += costOnModel(r.usage, spec, { batch: r.batch });
  }
  return { asRouted, allOn };
}

/** Share of prompt tokens served from the cache, 0..1 (0 when there were no prompt tokens). */
export function cacheHitRate(usage: Usage): number {
  const prompt = promptTokens(usage);
  return prompt === 0 ? 0 : usage.cacheRead / prompt;
}
