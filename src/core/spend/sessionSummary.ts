import { formatTokens, formatUsd } from '../format/spend';
import { cacheHitRate, groupBy, whatIf, type Group } from '../ledger/query';
import type { LedgerRecord } from '../ledger/record';
import type { ModelTable, RoutingTable } from '../models/modelTable';
import { TASK_KINDS } from '../models/tasks';

const HEADER = '| | calls | input | cached | cache write | output | cost | cache hit |\n|:--|--:|--:|--:|--:|--:|--:|--:|';

function row(label: string, g: Group): string {
  const u = g.usage;
  const writes = u.cacheWrite5m + u.cacheWrite1h;
  const hit = `${Math.round(cacheHitRate(u) * 100)}%`;
  return `| ${label} | ${g.calls} | ${formatTokens(u.input)} | ${formatTokens(u.cacheRead)} | ${formatTokens(writes)} | ${formatTokens(u.output)} | ${formatUsd(g.costMicroUsd)} | ${hit} |`;
}

/** "Routing: explain → GPT-5.4 Mini set by this workspace", or nothing when the workspace routes nothing. */
function workspaceRouting(routes: RoutingTable | undefined, models: ModelTable): string[] {
  const tasks = TASK_KINDS.filter((task) => routes?.[task].setByWorkspace);
  if (!routes || tasks.length === 0) return [];
  const moved = tasks.map((task) => `${task} → ${models[routes[task].model]?.displayName ?? routes[task].model}`);
  return [`Routing: ${moved.join(', ')} set by this workspace`, ''];
}

/**
 * The status bar tooltip, as Markdown: this session per model and per task, what the same calls would have
 * cost on each model of the catalog alone, any route the workspace's settings chose, and `endpoints`: lines
 * about where the keys go (core/endpoints/endpointStatus.ts), each followed by an empty line.
 */
export function sessionSummaryMarkdown(records: readonly LedgerRecord[], models: ModelTable, routes?: RoutingTable, endpoints: readonly string[] = []): string {
  const total = records.reduce((n, r) => n + r.costMicroUsd, 0);
  const routing = [...workspaceRouting(routes, models), ...endpoints];
  if (records.length === 0) {
    return [`**Tandem** — this session: ${formatUsd(0)}, no model calls yet.`, '', ...routing, 'Click for the usage report.'].join('\n');
  }
  const byModel = groupBy(records, 'model').map((g) => row(models[g.key]?.displayName ?? g.key, g));
  const byTask = groupBy(records, 'task').map((g) => row(g.key, g));
  const alt = whatIf(records, models);
  const alone = Object.values(models).map((spec) => `all on ${spec.displayName} **${formatUsd(alt.allOn[spec.id])}**`).join(' · ');
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
    ...routing,
    'Click for the usage report.',
  ].join('\n');
}
