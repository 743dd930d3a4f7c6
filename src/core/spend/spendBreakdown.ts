import { escapeMarkdown } from '../format/markdown';
import { formatTokens, formatUsd } from '../format/spend';
import { cacheHitRate, groupBy, totals, type GroupKey } from '../ledger/query';
import type { LedgerRecord } from '../ledger/record';
import type { ModelTable } from '../models/modelTable';
import { taskLabel } from '../models/tasks';
import { promptTokens, type Usage } from '../usage/usage';

/** One line of the Tandem view's spend section: a task, a model, or the whole session. */
export interface SpendRow {
  /** The task or model id; 'session' for the total. */
  readonly key: string;
  readonly label: string;
  /** The figures, e.g. "$0.0123 · 3 calls · 14.2k in · 450 out". */
  readonly description: string;
  /** Markdown: the figures in full, and how the row splits the other way (a task by model, a model by task). */
  readonly tooltip: string;
  readonly costMicroUsd: number;
  readonly calls: number;
}

type SplitKey = Extract<GroupKey, 'task' | 'model'>;

export interface SpendBreakdown {
  readonly total: SpendRow;
  /** Most expensive first, as the status bar's tooltip and the report order them. */
  readonly byTask: readonly SpendRow[];
  readonly byModel: readonly SpendRow[];
}

/** This session's calls by task and by model, in the status bar's formats. Nothing recorded: a $0.00 total and no rows. */
export function spendBreakdown(records: readonly LedgerRecord[], models: ModelTable): SpendBreakdown {
  const modelName = (id: string): string => models[id]?.displayName ?? id;
  const rows = (key: SplitKey, name: (id: string) => string, other: SplitKey, otherName: (id: string) => string): SpendRow[] =>
    groupBy(records, key).map((g) => {
      const mine = records.filter((r) => r[key] === g.key);
      return row(g.key, name(g.key), mine, splitLines(mine, other, otherName));
    });
  return {
    total: row('session', 'This session', records, []),
    byTask: rows('task', taskLabel, 'model', modelName),
    byModel: rows('model', modelName, 'task', taskLabel),
  };
}

function row(key: string, label: string, records: readonly LedgerRecord[], split: readonly string[]): SpendRow {
  const t = totals(records);
  return {
    key,
    label,
    description: figures(t.costMicroUsd, t.calls, t.usage),
    tooltip: tooltip(label, records, t.costMicroUsd, t.usage, split),
    costMicroUsd: t.costMicroUsd,
    calls: t.calls,
  };
}

/** "$0.0123 · 3 calls · 14.2k in · 450 out"; tokens in count everything sent, cached or not. */
function figures(costMicroUsd: number, calls: number, usage: Usage): string {
  const parts = [formatUsd(costMicroUsd), calls === 1 ? '1 call' : `${calls} calls`];
  if (calls > 0) parts.push(`${formatTokens(promptTokens(usage))} in`, `${formatTokens(usage.output)} out`);
  return parts.join(' · ');
}

function tooltip(label: string, records: readonly LedgerRecord[], costMicroUsd: number, usage: Usage, split: readonly string[]): string {
  if (records.length === 0) return `**${escapeMarkdown(label)}**: ${formatUsd(0)}, no model calls yet.`;
  const batch = records.filter((r) => r.batch).length;
  const estimated = records.filter((r) => r.estimated).length;
  const writes = usage.cacheWrite5m + usage.cacheWrite1h;
  return [
    `**${escapeMarkdown(label)}** — this session: **${formatUsd(costMicroUsd)}** in ${records.length === 1 ? '1 call' : `${records.length} calls`}`,
    '',
    `- Tokens in: ${formatTokens(promptTokens(usage))} (${formatTokens(usage.input)} uncached, ${formatTokens(usage.cacheRead)} from the cache, ${formatTokens(writes)} written to it; cache hit ${Math.round(cacheHitRate(usage) * 100)}%)`,
    `- Tokens out: ${formatTokens(usage.output)}${usage.reasoning > 0 ? ` (${formatTokens(usage.reasoning)} of them reasoning)` : ''}`,
    ...(batch > 0 ? [`- Through the Batch API: ${batch} of them, at the batch rate`] : []),
    ...(estimated > 0 ? [`- Estimated usage: ${estimated} of them (the provider reported none)`] : []),
    ...(split.length > 0 ? ['', ...split] : []),
    '',
    'Click for the usage report.',
  ].join('\n');
}

/** "- GPT-5.4 Mini: $0.0100 in 2 calls", one line per model of a task (or per task of a model). */
function splitLines(records: readonly LedgerRecord[], key: SplitKey, name: (id: string) => string): string[] {
  return groupBy(records, key).map((g) => `- ${escapeMarkdown(name(g.key))}: ${formatUsd(g.costMicroUsd)} in ${g.calls === 1 ? '1 call' : `${g.calls} calls`}`);
}
