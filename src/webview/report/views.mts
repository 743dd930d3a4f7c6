import { byId, h } from './dom.mjs';
import { REPORT_VIEWS, type ReportView } from './protocol.js';

/** The report's view tabs, "Usage and cost | Routing": an ARIA tablist, arrows/Home/End move and choose. */
export function viewTabs(onView: (view: ReportView) => void): HTMLElement {
  const tabs = REPORT_VIEWS.map((v) =>
    h('button', { type: 'button', role: 'tab', class: 'view-tab', id: `view-${v.id}`, 'data-view': v.id, 'aria-selected': 'false', 'aria-controls': v.id === 'usage' ? 'report' : 'routing', tabindex: -1 }, v.label),
  );
  const list = h('div', { role: 'tablist', class: 'view-tabs', 'aria-label': 'Report' }, ...tabs);
  list.addEventListener('click', (event) => {
    const tab = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-view]');
    if (tab) onView(tab.dataset.view as ReportView);
  });
  list.addEventListener('keydown', (event) => {
    const index = tabs.findIndex((t) => t === document.activeElement);
    if (index < 0) return;
    const last = tabs.length - 1;
    const next = event.key === 'ArrowRight' ? (index + 1) % tabs.length : event.key === 'ArrowLeft' ? (index + last) % tabs.length : event.key === 'Home' ? 0 : event.key === 'End' ? last : -1;
    if (next < 0) return;
    event.preventDefault();
    tabs[next].focus();
    onView(tabs[next].dataset.view as ReportView);
  });
  return list;
}

/** Shows a view: its tab selected, its panel shown, the heading named after it. */
export function selectView(view: ReportView): void {
  for (const v of REPORT_VIEWS) {
    const tab = byId<HTMLButtonElement>(`view-${v.id}`);
    tab.setAttribute('aria-selected', String(v.id === view));
    tab.tabIndex = v.id === view ? 0 : -1;
  }
  byId('report').hidden = view !== 'usage';
  byId('routing').hidden = view !== 'routing';
  byId('title').textContent = REPORT_VIEWS.find((v) => v.id === view)?.label ?? '';
}
