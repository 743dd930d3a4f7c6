import { formatTokens, formatUsd } from '../format/spend';
import { cacheHitRate, groupBy, whatIf, type Group } from '../ledger/query';
import type { LedgerRecord } from '../ledger/record';
import { MODEL_IDS, type ModelTable } from '../models/modelTable';

const HEADER = '| | calls | input | cached | cache write | output | cost | cache hit |\n|:--|--:|--:|--:|--:|--:|--:|--:|';

function row(label: string, g: Group): string {
  const u = g.usage;
  const writes = u.cacheWrite5m + u.cacheWrite1h;
  const hit = `${Math.round(cacheHitRate(u) * 100)}%`;
  return `| ${label} | ${g.calls} | ${formatTokens(u.input)} | ${formatTokens(u.cacheRead)} | ${formatTokens(writes)} | ${formatTokens(u.output)} | ${formatUsd(g.costMicroUsd)} | ${hit} |`;
}

/**
 * The status bar tooltip, as Markdown: this session per model and per task, and what the same calls
 * would have cost on each model alone.
 */
export function sessionSummaryMarkdown(records: readonly LedgerRecord[], models: ModelTable): string {
  const total = records.reduce((n, r) => n + r.costMicroUsd, 0);
  if (records.length === 0) return `**Tandem** — this session: ${formatUsd(0)}, no model calls yet.\n\nClick for the usage report.`;
  const byModel = groupBy(records, 'model').map((g) => row(models[g.key as keyof ModelTable]?.displayName ?? g.key, g));
  const byTask = groupBy(records, 'task').map((g) => row(g.key, g));
  const alt = whatIf(records, models);
  const alone = MODEL_IDS.map((id) => `all on ${models[id].displayName} **${formatUsd(alt.allOn[id])}**`).join(' · ');
  return [
    `**Tandem** — this session: **${formatUsd(total)}** in ${records.length} ${records.length === 1 ? 'call' : 'calls'}`,
    '',
    '**By model**',
    '',
    HEADER,
    ...byModel,
    '',
    '**By task**',
    '',
    HEADER,
    ...byTask,
    '',
    `Same calls on one model: ${alone} (as routed ${formatUsd(alt.asRouted)})`,
    '',
    'Click for the usage report.',
  ].join('\n');
}
