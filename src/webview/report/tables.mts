import type { ReportModel } from '../../core/report/reportModel.js';
import { promptTokens } from '../../core/usage/usage.js';
import { h } from './dom.mjs';
import { formatInt, formatPercent, formatUsd, plural, taskLabel } from './labels.mjs';

interface Column {
  readonly label: string;
  /** Spelled out for screen readers and as a tooltip where the label is short. */
  readonly title?: string;
  readonly numeric: boolean;
}

const COLUMNS: readonly Column[] = [
  { label: 'Task', numeric: false },
  { label: 'Calls', numeric: true },
  { label: 'Cost', numeric: true },
  { label: 'Cost / call', title: 'Mean cost per call', numeric: true },
  { label: 'Mean in', title: 'Mean input tokens per call (cached and uncached)', numeric: true },
  { label: 'p95 in', title: '95th percentile of input tokens per call', numeric: true },
  { label: 'Mean out', title: 'Mean output tokens per call (reasoning included)', numeric: true },
  { label: 'p95 out', title: '95th percentile of output tokens per call', numeric: true },
  { label: 'Cache hit', title: 'Share of input tokens read from the prompt cache', numeric: true },
];

/** Per-task token statistics: what a team measures before it commits to a model per task. */
export function taskTable(report: ReportModel): HTMLTableElement {
  const tasks = [...report.byTask].sort((a, b) => b.costMicroUsd - a.costMicroUsd);
  const head = h(
    'tr',
    {},
    ...COLUMNS.map((c) =>
      h('th', { scope: 'col', class: c.numeric ? 'num' : undefined, title: c.title, 'aria-label': c.title }, c.label),
    ),
  );
  const rows = tasks.map((t) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, taskLabel(t.task)),
      num(formatInt(t.calls)),
      num(formatUsd(t.costMicroUsd), 'strong'),
      num(formatUsd(t.costPerCallMicroUsd)),
      num(formatInt(t.meanInputTokens)),
      num(formatInt(t.p95InputTokens)),
      num(formatInt(t.meanOutputTokens)),
      num(formatInt(t.p95OutputTokens)),
      num(formatPercent(t.cacheHitRate)),
    ),
  );

  // Means across all tasks are exact (weighted by calls); percentiles cannot be combined, so none is shown.
  const calls = report.totals.calls;
  const weighted = (pick: (t: ReportModel['byTask'][number]) => number): number =>
    calls === 0 ? 0 : tasks.reduce((sum, t) => sum + pick(t) * t.calls, 0) / calls;
  const prompt = promptTokens(report.totals.usage);
  const total = h(
    'tr',
    {},
    h('th', { scope: 'row' }, 'All tasks'),
    num(formatInt(calls)),
    num(formatUsd(report.totals.costMicroUsd), 'strong'),
    num(formatUsd(calls === 0 ? 0 : Math.round(report.totals.costMicroUsd / calls))),
    num(formatInt(weighted((t) => t.meanInputTokens))),
    num('—', 'dim', 'not combinable across tasks'),
    num(formatInt(weighted((t) => t.meanOutputTokens))),
    num('—', 'dim', 'not combinable across tasks'),
    num(formatPercent(prompt === 0 ? 0 : report.totals.usage.cacheRead / prompt)),
  );

  return h(
    'table',
    { class: 'stats' },
    h('caption', { class: 'visually-hidden' }, `Token statistics for ${plural(tasks.length, 'task')}, most expensive first`),
    h('thead', {}, head),
    h('tbody', {}, ...rows),
    tasks.length > 1 ? h('tfoot', {}, total) : null,
  );
}

function num(text: string, extra?: string, label?: string): HTMLTableCellElement {
  return h('td', { class: extra ? `num ${extra}` : 'num', 'aria-label': label }, text);
}
