import type { BudgetView } from '../../core/report/reportModel.js';
import { byId, fill, h } from './dom.mjs';
import { formatPercent, formatUsd } from './labels.mjs';

const CAP_LABELS: Readonly<Record<BudgetView['caps'][number]['cap'], string>> = { session: 'This session', daily: 'Today', monthly: 'This month' };
const STATE_LABELS: Readonly<Record<BudgetView['caps'][number]['state'], string>> = { ok: 'Within budget', near: 'Near the cap', over: 'Over the cap' };

/** One meter per cap (spent against the cap, coloured by state), and what the budget mode does. */
export function renderBudget(budget: BudgetView): void {
  const rows = byId('budget-rows');
  if (budget.caps.length === 0) {
    fill(
      rows,
      h(
        'p',
        { class: 'muted' },
        'No caps set. Add a session, daily or monthly cap in Settings (',
        h('code', {}, 'tandem.budget.*'),
        ') and this shows how close you are.',
      ),
    );
  } else {
    fill(
      rows,
      ...budget.caps.map((c) => {
        const share = c.capMicroUsd > 0 ? c.spentMicroUsd / c.capMicroUsd : 0;
        const bar = h('span', { class: `meter-fill state-${c.state}` });
        bar.style.width = `${Math.min(100, share * 100)}%`;
        const text = `${formatUsd(c.spentMicroUsd)} of ${formatUsd(c.capMicroUsd)}`;
        return h(
          'div',
          { class: `budget-row state-${c.state}` },
          h('span', { class: 'budget-label' }, CAP_LABELS[c.cap]),
          h('span', { class: 'budget-amount num' }, text),
          h(
            'span',
            {
              class: 'meter',
              role: 'meter',
              'aria-label': `${CAP_LABELS[c.cap]} budget`,
              'aria-valuemin': 0,
              'aria-valuemax': c.capMicroUsd,
              'aria-valuenow': Math.min(c.spentMicroUsd, c.capMicroUsd),
              'aria-valuetext': `${text}, ${formatPercent(share)}, ${STATE_LABELS[c.state].toLowerCase()}`,
            },
            bar,
          ),
          h('span', { class: `budget-state state-${c.state}` }, h('span', { class: 'dot', 'aria-hidden': 'true' }), `${STATE_LABELS[c.state]} · ${formatPercent(share)}`),
        );
      }),
    );
  }
  byId('budget-mode').textContent =
    budget.mode === 'block'
      ? 'Mode: block — Tandem asks before sending a call that would cross a cap.'
      : 'Mode: warn — Tandem warns when a call would cross a cap, and sends it.';
}
