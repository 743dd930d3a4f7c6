import type { RoutingReportModel, RoutingRow, RoutingTaskView, TaskAdvice } from '../../core/report/routingReport.js';
import { byId, fill, h } from './dom.mjs';
import { capitalise, formatInt, formatUsd, periodPhrase, plural, taskLabel } from './labels.mjs';
import { callsNeededText, formatMs, historyText, measureText, neededText, ruleText, tokensText, trialText } from './routingText.mjs';

/** The Routing view's panel, filled by renderRouting; `onApply` asks the extension to apply a task's switch. */
export function routingPanel(onApply: (task: string, to: string) => void): HTMLElement {
  const section = h(
    'div',
    { id: 'routing', role: 'tabpanel', class: 'report routing', 'aria-labelledby': 'view-routing', hidden: true },
    h('p', { id: 'routing-status', class: 'muted' }, 'Working out the advice…'),
    h('p', { id: 'routing-trial', class: 'notice', hidden: true }),
    h('div', { id: 'routing-tasks', class: 'routing-tasks' }),
    h('section', { class: 'panel', id: 'panel-history', 'aria-labelledby': 'h-history' }, h('h2', { id: 'h-history' }, 'Routing changes'), h('div', { id: 'routing-history' })),
    h('footer', { id: 'routing-rule', class: 'footnotes muted small' }),
  );
  section.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-apply-task]');
    if (button && !button.disabled) onApply(button.dataset.applyTask ?? '', button.dataset.applyTo ?? '');
  });
  return section;
}

export function renderRouting(model: RoutingReportModel): void {
  const tasks = model.tasks;
  byId('routing-status').textContent =
    tasks.length === 0
      ? `No interactive calls in ${periodPhrase(model.period)} to compare. Pick a longer period above, or start a routing trial so each task runs on both models.`
      : `${plural(tasks.length, 'task')} in ${periodPhrase(model.period)}: how each model did on your own calls, with 95% intervals.`;
  const trial = byId('routing-trial');
  trial.hidden = model.trial === undefined;
  trial.textContent = model.trial ? trialText(model.trial) : '';
  fill(byId('routing-tasks'), ...tasks.map(taskPanel));
  fill(
    byId('routing-history'),
    model.history.length === 0
      ? h('p', { class: 'muted' }, 'No routing changes yet. Apply an advice above and it is listed here, with why.')
      : h(
          'ol',
          { class: 'history' },
          ...model.history.map((entry) => {
            const { change, when } = historyText(entry);
            return h('li', {}, h('span', { class: 'history-change' }, change), h('span', { class: 'history-when muted' }, when), h('span', { class: 'history-why muted small' }, entry.why));
          }),
        ),
  );
  fill(byId('routing-rule'), h('p', {}, ruleText(model.rule)), h('p', {}, 'Costs per call include failed and cancelled calls, and a repair (SQL, JSON or findings asked again) counts with the call it repairs, cost and wait; latency and quality count the calls that answered. Batch calls are left out.'));
}

function taskPanel(view: RoutingTaskView): HTMLElement {
  const id = `routing-${view.task}`;
  const current = view.rows.find((r) => r.current)?.displayName ?? view.current;
  return h(
    'section',
    { class: 'panel routing-task', id, 'aria-labelledby': `${id}-title` },
    h('div', { class: 'routing-head' }, h('h2', { id: `${id}-title` }, taskLabel(view.task)), h('span', { class: 'route-tag' }, `routed to ${current}`)),
    advicePanel(view),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': `${taskLabel(view.task)} per model` }, taskTable(view)),
  );
}

function advicePanel(view: RoutingTaskView): HTMLElement {
  const advice: TaskAdvice = view.advice;
  const mark = advice.kind === 'switch' ? '→' : advice.kind === 'keep' ? '✓' : '…';
  const label = advice.kind === 'switch' ? 'Switch' : advice.kind === 'keep' ? 'Keep' : 'Not enough data';
  const apply =
    advice.kind === 'switch'
      ? h(
          'button',
          {
            type: 'button',
            class: 'button',
            'data-apply-task': advice.task,
            'data-apply-to': advice.to,
            disabled: view.setByWorkspace,
            title: view.setByWorkspace
              ? `This workspace's settings route ${taskLabel(advice.task)}: change tandem.routing there, or remove it to use your user settings`
              : 'Shows the change to your user settings as a diff, then asks before writing it',
          },
          'Apply…',
        )
      : null;
  return h(
    'div',
    { class: `advice advice-${advice.kind}`, role: 'note' },
    h('span', { class: 'advice-mark', 'aria-hidden': 'true' }, mark),
    h('p', { class: 'advice-text' }, h('span', { class: 'visually-hidden' }, `${label}: `), advice.text),
    apply,
  );
}

function taskTable(view: RoutingTaskView): HTMLTableElement {
  const measures = view.rows[0]?.metrics ?? [];
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, 'Model'),
    th('Calls', 'Interactive calls in the period'),
    th('Cost / call', 'Mean cost per call, failed and cancelled calls included'),
    th('Tokens / call', 'Mean input (cached and uncached) and output tokens per call'),
    th('Latency p50 / p95', 'Total time of the calls that answered: median and 95th percentile'),
    th('First token', 'Median time to the first token, where the call recorded it'),
    ...measures.map((m) => th(m.deciding ? `${capitalise(m.label)} ★` : capitalise(m.label), m.deciding ? `${m.label}: the measure the advice compares, with its 95% interval` : `${m.label}, with its 95% interval`)),
  );
  return h(
    'table',
    { class: 'stats routing-table' },
    h('caption', { class: 'visually-hidden' }, `${taskLabel(view.task)}: each model's calls, cost, tokens, latency and quality`),
    h('thead', {}, head),
    h('tbody', {}, ...view.rows.map(row)),
  );
}

function row(r: RoutingRow): HTMLTableRowElement {
  return h(
    'tr',
    { class: r.current ? 'current' : undefined },
    h('th', { scope: 'row' }, r.displayName, r.current ? h('span', { class: 'tag' }, 'current') : null),
    h('td', { class: 'num' }, formatInt(r.calls), r.callsNeeded > 0 ? h('span', { class: 'needs' }, callsNeededText(r.callsNeeded)) : null),
    h('td', { class: 'num' }, formatUsd(r.costPerCallMicroUsd)),
    h('td', { class: 'num' }, tokensText(r.inputTokensPerCall, r.outputTokensPerCall)),
    h('td', { class: 'num' }, `${formatMs(r.latencyP50Ms)} / ${formatMs(r.latencyP95Ms)}`),
    h('td', { class: r.firstTokenP50Ms === undefined ? 'num dim' : 'num' }, r.firstTokenP50Ms === undefined ? '—' : formatMs(r.firstTokenP50Ms)),
    ...r.metrics.map((m) =>
      h(
        'td',
        { class: m.n === 0 ? 'num dim' : 'num' },
        measureText(m.estimate, m.ci, m.n),
        m.needed > 0 ? h('span', { class: 'needs' }, neededText(m.needed, m.neededNoun)) : null,
      ),
    ),
  );
}

function th(label: string, title: string): HTMLTableCellElement {
  return h('th', { scope: 'col', class: 'num', title }, label);
}
