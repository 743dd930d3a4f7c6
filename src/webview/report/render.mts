import type { Period } from '../../core/ledger/query.js';
import type { ReportModel } from '../../core/report/reportModel.js';
import { promptTokens } from '../../core/usage/usage.js';
import { dayAxis, modelsInUse, renderDayChart, renderModelChart, renderTaskChart, type UpdateMode } from './charts.mjs';
import { byId, fill, h } from './dom.mjs';
import {
  capitalise,
  formatDayLong,
  formatDayShort,
  formatInt,
  formatPercent,
  formatTime,
  formatTokens,
  formatUsd,
  modelName,
  PERIODS,
  periodPhrase,
  plural,
  taskLabel,
} from './labels.mjs';
import { renderBudget } from './budget.mjs';
import { gatewayLine } from './gatewayNote.mjs';
import { taskTable } from './tables.mjs';
import { modelClass, readTheme } from './theme.mjs';
import { renderWhatIf } from './whatIf.mjs';
import type { ReportView } from './protocol.js';
import { routingPanel } from './routing.mjs';
import { viewTabs } from './views.mjs';

export interface LayoutHandlers {
  onPeriod(period: Period): void;
  onExport(format: 'csv' | 'json'): void;
  onView(view: ReportView): void;
  onApply(task: string, to: string): void;
}

/** Builds the page once; each report then fills it in place, so charts update instead of flickering. */
export function createLayout(root: HTMLElement, handlers: LayoutHandlers): void {
  const tabs = PERIODS.map((p) =>
    h('button', { type: 'button', role: 'tab', class: 'tab', id: `tab-${p.id}`, 'data-period': p.id, 'aria-selected': 'false', 'aria-controls': 'report', tabindex: -1 }, p.label),
  );
  const tablist = h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Period' }, ...tabs);
  tablist.addEventListener('click', (event) => {
    const tab = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-period]');
    if (tab) handlers.onPeriod(tab.dataset.period as Period);
  });
  tablist.addEventListener('keydown', (event) => {
    const index = tabs.findIndex((t) => t === document.activeElement);
    if (index < 0) return;
    const next =
      event.key === 'ArrowRight' ? (index + 1) % tabs.length
      : event.key === 'ArrowLeft' ? (index - 1 + tabs.length) % tabs.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? tabs.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    tabs[next].focus();
    handlers.onPeriod(tabs[next].dataset.period as Period);
  });

  const exportButton = (format: 'csv' | 'json', label: string): HTMLButtonElement => {
    const button = h('button', { type: 'button', class: 'button secondary', id: `export-${format}`, title: `Save the ledger's records for the chosen period as ${label}` }, `Export ${label}`);
    button.addEventListener('click', () => handlers.onExport(format));
    return button;
  };

  fill(
    root,
    viewTabs(handlers.onView),
    h(
      'header',
      { class: 'masthead' },
      h(
        'div',
        { class: 'titles' },
        h('h1', { id: 'title' }, 'Usage and cost'),
        h('p', { class: 'subtitle', id: 'subtitle' }, 'Loading…'),
      ),
      h('div', { class: 'toolbar' }, tablist, h('div', { class: 'exports', role: 'group', 'aria-label': 'Export the ledger' }, exportButton('csv', 'CSV'), exportButton('json', 'JSON'))),
    ),
    h('p', { id: 'live', class: 'visually-hidden', role: 'status', 'aria-live': 'polite' }),
    h(
      'div',
      { id: 'report', role: 'tabpanel', class: 'report' },
      h(
        'section',
        { id: 'empty', class: 'empty', hidden: true, 'aria-labelledby': 'empty-title' },
        h('div', { class: 'empty-mark', 'aria-hidden': 'true' }, h('span', {}), h('span', {}), h('span', {})),
        h('h2', { id: 'empty-title' }, 'No model calls in this period yet'),
        h('p', { id: 'empty-text', class: 'muted' }),
      ),
      h('section', { id: 'cards', class: 'cards', 'aria-label': 'Summary' }),
      h(
        'div',
        { class: 'grid' },
        panel('day', 'Cost per day', 'wide', h('ul', { class: 'legend', id: 'day-legend', 'aria-label': 'Models' }), chartBox('day', 'tall')),
        panel('task', 'Cost by task', '', chartBox('task', 'task-box')),
        panel(
          'model',
          'Cost by model',
          '',
          h(
            'div',
            { class: 'donut-row' },
            h(
              'div',
              { class: 'donut-wrap' },
              chartBox('model', 'donut'),
              h('div', { class: 'donut-center', 'aria-hidden': 'true' }, h('span', { class: 'donut-value', id: 'donut-total' }), h('span', { class: 'donut-label' }, 'total')),
            ),
            h('ul', { class: 'model-legend', id: 'model-legend' }),
          ),
        ),
        panel('whatif', 'Routing against one model', '', h('p', { class: 'headline', id: 'whatif-headline' }), h('div', { id: 'whatif-rows', class: 'bars' })),
        panel('budget', 'Budget', '', h('div', { id: 'budget-rows', class: 'budget' }), h('p', { class: 'muted small', id: 'budget-mode' })),
        panel('tasks', 'Per-task token statistics', 'wide', h('div', { class: 'table-wrap', id: 'task-table', tabindex: 0, role: 'region', 'aria-label': 'Per-task token statistics table' })),
      ),
      h('footer', { id: 'footnotes', class: 'footnotes muted small' }),
    ),
    routingPanel(handlers.onApply),
  );
}

function panel(id: string, title: string, extra: string, ...children: (Node | null)[]): HTMLElement {
  return h(
    'section',
    { class: `panel ${extra}`.trim(), id: `panel-${id}`, 'aria-labelledby': `h-${id}` },
    h('h2', { id: `h-${id}` }, title),
    ...children,
  );
}

function chartBox(id: string, extra: string): HTMLElement {
  return h('div', { class: `chart-box ${extra}` }, h('canvas', { id: `chart-${id}`, role: 'img' }, h('p', { id: `chart-${id}-text` })));
}

/** Marks the chosen tab and, while its report is on the way, dims the page. */
export function selectPeriod(period: Period, loading: boolean): void {
  for (const p of PERIODS) {
    const tab = byId<HTMLButtonElement>(`tab-${p.id}`);
    const selected = p.id === period;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  for (const id of ['report', 'routing']) {
    const panel = byId(id);
    panel.classList.toggle('loading', loading);
    panel.setAttribute('aria-busy', String(loading));
  }
  byId('report').setAttribute('aria-labelledby', `tab-${period}`);
}

export function renderReport(report: ReportModel, mode: UpdateMode): void {
  const empty = report.totals.calls === 0;
  const generated = formatTime(report.generatedAt);
  fill(
    byId('subtitle'),
    `${capitalise(periodPhrase(report.period))} · ${plural(report.totals.calls, 'call')}`,
    generated ? h('span', { class: 'live', title: 'Updates as calls are made' }, `updated ${generated}`) : null,
  );
  byId('live').textContent = empty
    ? `No model calls in ${periodPhrase(report.period)}.`
    : `${formatUsd(report.totals.costMicroUsd)} in ${plural(report.totals.calls, 'call')} in ${periodPhrase(report.period)}.`;
  for (const format of ['csv', 'json']) {
    const button = byId<HTMLButtonElement>(`export-${format}`);
    button.disabled = empty;
    button.title = empty ? 'Nothing to export in this period' : `Save the ledger's records for ${periodPhrase(report.period)} as ${format.toUpperCase()}`;
  }

  byId('empty').hidden = !empty;
  byId('empty-text').textContent =
    report.period === 'all'
      ? 'Tandem records every model call here, with its tokens and cost. Run a Tandem command or accept an inline completion and it shows up at once.'
      : `Nothing was spent in ${periodPhrase(report.period)}. Pick a longer period above, or use Tandem: this report updates as calls are made.`;
  byId('cards').hidden = empty;
  for (const id of ['day', 'task', 'model', 'whatif', 'tasks']) byId(`panel-${id}`).hidden = empty;
  byId('panel-budget').hidden = empty && report.budget.caps.length === 0;
  // Damaged ledger lines and notes (an unreadable ledger) are worth a word even when the period shows no calls.
  byId('footnotes').hidden = empty && report.skippedLines === 0 && report.notes.length === 0;

  renderBudget(report.budget);
  renderFootnotes(report);
  if (empty) return;

  renderCards(report);
  renderWhatIf(report);
  fill(byId('task-table'), taskTable(report));
  renderModelLegend(report);
  renderDayLegend(report);
  renderCharts(report, mode);
}

/** Draws (or redraws, after a theme change) the three charts with the theme's current colours. */
export function renderCharts(report: ReportModel, mode: UpdateMode): void {
  if (report.totals.calls === 0) return;
  const theme = readTheme();
  const day = byId<HTMLCanvasElement>('chart-day');
  const task = byId<HTMLCanvasElement>('chart-task');
  const model = byId<HTMLCanvasElement>('chart-model');
  // The task chart grows with the number of tasks so bars keep a readable thickness.
  byId('chart-task').parentElement?.style.setProperty('height', `${Math.max(140, report.byTask.length * 34 + 40)}px`);
  renderDayChart(day, report, theme, mode);
  renderTaskChart(task, report, theme, mode);
  renderModelChart(model, report, theme, mode);
  describeCharts(report);
}

function describeCharts(report: ReportModel): void {
  const total = report.totals.costMicroUsd;
  const share = (cost: number): string => (total > 0 ? ` (${formatPercent(cost / total)})` : '');
  const days = report.costByDay;
  const peak = days.reduce<(typeof days)[number] | undefined>((best, d) => (!best || d.costMicroUsd > best.costMicroUsd ? d : best), undefined);
  const dayText = peak
    ? `Cost per day, stacked by model: ${plural(days.length, 'day')} with calls, ${formatUsd(total)} in total; the most was ${formatUsd(peak.costMicroUsd)} on ${formatDayLong(peak.day)}.`
    : 'Cost per day: no calls.';
  const taskText = `Cost by task: ${[...report.byTask]
    .sort((a, b) => b.costMicroUsd - a.costMicroUsd)
    .map((t) => `${taskLabel(t.task)} ${formatUsd(t.costMicroUsd)}${share(t.costMicroUsd)}`)
    .join('; ')}.`;
  const modelText = `Cost by model: ${report.byModel
    .filter((m) => m.calls > 0)
    .map((m) => `${m.displayName} ${formatUsd(m.costMicroUsd)}${share(m.costMicroUsd)}`)
    .join('; ')}.`;
  for (const [id, text] of [['day', dayText], ['task', taskText], ['model', modelText]] as const) {
    byId(`chart-${id}`).setAttribute('aria-label', text);
    byId(`chart-${id}-text`).textContent = text;
  }
}

function renderCards(report: ReportModel): void {
  const { totals } = report;
  const prompt = promptTokens(totals.usage);
  const hitRate = prompt === 0 ? 0 : totals.usage.cacheRead / prompt;
  const perCall = totals.calls === 0 ? 0 : Math.round(totals.costMicroUsd / totals.calls);
  const notes: string[] = [];
  if (report.failedCalls > 0) notes.push(`${formatInt(report.failedCalls)} failed`);
  if (report.batchCalls > 0) notes.push(`${formatInt(report.batchCalls)} batch`);
  if (report.estimatedCalls > 0) notes.push(`${formatInt(report.estimatedCalls)} estimated`);
  fill(
    byId('cards'),
    card('Total cost', formatUsd(totals.costMicroUsd), `${formatUsd(perCall)} per call on average`, 'cost'),
    card('Tokens', formatTokens(totals.tokens), `${formatTokens(prompt)} in · ${formatTokens(totals.usage.output)} out`, 'tokens', `${formatInt(totals.tokens)} tokens`),
    card('Calls', formatInt(totals.calls), notes.length > 0 ? notes.join(' · ') : 'all completed', 'calls'),
    card(
      'Cache savings',
      formatUsd(report.cacheSavingsMicroUsd),
      prompt === 0 ? 'no input tokens' : `${formatPercent(hitRate)} of input read from cache`,
      'cache',
    ),
  );
}

function card(label: string, value: string, sub: string, kind: string, valueTitle?: string): HTMLElement {
  return h(
    'div',
    { class: `card card-${kind}` },
    h('h3', { class: 'card-label' }, label),
    h('p', { class: 'card-value', title: valueTitle }, value),
    h('p', { class: 'card-sub' }, sub),
  );
}

function renderModelLegend(report: ReportModel): void {
  const total = report.totals.costMicroUsd;
  byId('donut-total').textContent = formatUsd(total);
  fill(
    byId('model-legend'),
    ...report.byModel
      .filter((m) => m.calls > 0)
      .map((m) =>
        h(
          'li',
          {},
          h('span', { class: `swatch ${modelClass(report, m.model)}`, 'aria-hidden': 'true' }),
          h(
            'span',
            { class: 'legend-body' },
            h('span', { class: 'legend-title' }, h('span', { class: 'legend-name' }, m.displayName), h('span', { class: 'legend-cost num' }, formatUsd(m.costMicroUsd))),
            h(
              'span',
              { class: 'legend-sub' },
              `${total > 0 ? `${formatPercent(m.costMicroUsd / total)} of cost · ` : ''}${plural(m.calls, 'call')} · ${formatTokens(m.tokens)} tokens · ${formatPercent(m.cacheHitRate)} cached`,
            ),
          ),
        ),
      ),
  );
}

function renderDayLegend(report: ReportModel): void {
  const days = dayAxis(report);
  fill(
    byId('day-legend'),
    ...modelsInUse(report).map((id) => h('li', {}, h('span', { class: `swatch ${modelClass(report, id)}`, 'aria-hidden': 'true' }), modelName(report, id))),
    h('li', { class: 'muted' }, days.length === 0 ? '' : days.length === 1 ? formatDayLong(days[0].day) : `${formatDayShort(days[0].day)} – ${formatDayShort(days[days.length - 1].day)}`),
  );
}

function renderFootnotes(report: ReportModel): void {
  const notes: string[] = [...report.notes];
  if (report.estimatedCalls > 0) {
    notes.push(`${plural(report.estimatedCalls, 'call')} ended before the provider reported usage; ${report.estimatedCalls === 1 ? 'its tokens are' : 'their tokens are'} estimated.`);
  }
  if (report.failedCalls > 0) notes.push(`${plural(report.failedCalls, 'call')} failed or fell back to the other model; ${report.failedCalls === 1 ? 'its' : 'their'} recorded cost is included.`);
  if (report.batchCalls > 0) notes.push(`${plural(report.batchCalls, 'call')} ran through a batch API at the batch price.`);
  if (report.gateway.calls > 0) notes.push(gatewayLine(report.gateway));
  if (report.skippedLines > 0) {
    notes.push(`${plural(report.skippedLines, 'damaged line')} in the ledger files ${report.skippedLines === 1 ? 'was' : 'were'} skipped (torn by a crash or edited by hand): ${report.skippedLines === 1 ? 'it is' : 'they are'} not counted.`);
  }
  if (report.totals.calls > 0) notes.push('What-if costs price the same tokens on each model; cache savings compare cache reads with paying the full input price, less any cache-write surcharge.');
  fill(byId('footnotes'), ...notes.map((n) => h('p', {}, n)));
}
