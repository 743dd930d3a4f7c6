import type { ModelId } from '../../core/models/modelTable.js';
import type { ReportModel } from '../../core/report/reportModel.js';
import { byId, fill, h } from './dom.mjs';
import { formatPercent, formatUsd, modelName } from './labels.mjs';
import { modelClass } from './theme.mjs';

/** As routed against every call on each single model: a headline sentence and one bar per option. */
export function renderWhatIf(report: ReportModel): void {
  const { asRouted, allOn } = report.whatIf;
  const options = (Object.entries(allOn) as [ModelId, number][]).sort((a, b) => a[1] - b[1]);
  const max = Math.max(asRouted, ...options.map(([, cost]) => cost), 1);
  const cheapest = options[0];

  const headline = byId('whatif-headline');
  if (!cheapest) {
    headline.textContent = '';
  } else if (cheapest[1] >= asRouted) {
    const priciest = options[options.length - 1];
    const saved = priciest[1] - asRouted;
    fill(
      headline,
      'Routing saved ',
      h('strong', { class: 'good' }, formatUsd(saved)),
      ` (${formatPercent(priciest[1] === 0 ? 0 : saved / priciest[1])}) against everything on ${modelName(report, priciest[0])}`,
      cheapest[0] !== priciest[0] && cheapest[1] > asRouted ? `, ${formatUsd(cheapest[1] - asRouted)} against ${modelName(report, cheapest[0])}.` : '.',
    );
  } else {
    const extra = asRouted - cheapest[1];
    fill(
      headline,
      `Everything on ${modelName(report, cheapest[0])} would have cost `,
      h('strong', {}, formatUsd(extra)),
      ` (${formatPercent(asRouted === 0 ? 0 : extra / asRouted)}) less; routing pays for each task running on the model that does it best.`,
    );
  }

  const row = (label: string, cost: number, cls: string, delta?: HTMLElement): HTMLElement => {
    const fillBar = h('span', { class: `bar-fill ${cls}` });
    fillBar.style.width = `${Math.max(0.5, (cost / max) * 100)}%`;
    return h(
      'div',
      { class: 'bar-row' },
      h('span', { class: 'bar-label' }, label),
      h('span', { class: 'bar-track', 'aria-hidden': 'true' }, fillBar),
      h('span', { class: 'bar-value num' }, formatUsd(cost)),
      h('span', { class: 'bar-delta num' }, delta ?? ''),
    );
  };
  const delta = (cost: number): HTMLElement => {
    const diff = cost - asRouted;
    if (diff === 0 || cost === 0) return h('span', { class: 'delta same' }, 'same cost');
    return diff > 0
      ? h('span', { class: 'delta good', title: 'What routing saved against running every call on this model' }, `routing saves ${formatUsd(diff)} · ${formatPercent(diff / cost)}`)
      : h('span', { class: 'delta bad', title: 'What running every call on this model would have saved' }, `${formatUsd(-diff)} · ${formatPercent(-diff / asRouted)} cheaper`);
  };
  fill(
    byId('whatif-rows'),
    row('As routed', asRouted, 'routed', h('span', { class: 'delta same' }, 'actual')),
    ...options.map(([id, cost]) => row(`All on ${modelName(report, id)}`, cost, modelClass(report, id), delta(cost))),
  );
}
