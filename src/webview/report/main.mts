import type { Period } from '../../core/ledger/query.js';
import type { ReportModel } from '../../core/report/reportModel.js';
import { byId } from './dom.mjs';
import { isPeriod } from './labels.mjs';
import type { FromWebview, ToWebview } from './protocol.js';
import { createLayout, renderCharts, renderReport, selectPeriod } from './render.mjs';
import { vscodeApi } from '../vscodeApi.mjs';

/** What survives the panel being hidden and shown again (the page itself is rebuilt each time). */
interface SavedState {
  readonly period: Period;
  readonly report?: ReportModel;
}

const vscode = vscodeApi<SavedState, FromWebview>();
const saved = vscode.getState();
let period: Period | undefined = saved && isPeriod(saved.period) ? saved.period : undefined;
let report: ReportModel | undefined = saved?.report;

function save(): void {
  if (period) vscode.setState({ period, report });
}

function choosePeriod(next: Period): void {
  if (next === period && report?.period === next) return;
  period = next;
  selectPeriod(next, report?.period !== next);
  save();
  vscode.postMessage({ type: 'period', period: next });
}

function show(next: ReportModel, animate: boolean): void {
  report = next;
  selectPeriod(next.period, false);
  renderReport(next, animate ? 'data' : 'theme');
}

function isReportMessage(data: unknown): data is ToWebview {
  const m = data as Partial<ToWebview> | null;
  return typeof m === 'object' && m !== null && m.type === 'report' && typeof m.report === 'object' && m.report !== null && isPeriod(m.report.period);
}

const app = byId('app');
app.removeAttribute('aria-busy');
createLayout(app, {
  onPeriod: choosePeriod,
  onExport: (format) => {
    const chosen = report?.period ?? period;
    if (chosen) vscode.postMessage({ type: 'export', format, period: chosen });
  },
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isReportMessage(event.data)) return;
  const next = event.data.report;
  if (period && next.period !== period) {
    // A report for the previous period (a live update that crossed the tab change): ask again for the chosen one.
    vscode.postMessage({ type: 'period', period });
    return;
  }
  period = next.period;
  show(next, true);
  save();
});

// The theme's colours are CSS variables: when VS Code switches theme (body class, theme id, or the variables
// on <html>), the charts are redrawn with the new ones. Coalesced to one redraw per frame.
let themeFrame = 0;
const onTheme = (): void => {
  cancelAnimationFrame(themeFrame);
  themeFrame = requestAnimationFrame(() => {
    if (report) renderCharts(report, 'theme');
  });
};
new MutationObserver(onTheme).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id', 'data-vscode-theme-kind'] });
new MutationObserver(onTheme).observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });

// Paint what was on screen before the panel was hidden at once; the extension then sends a fresh report.
if (report && isPeriod(report.period)) show(report, false);
else if (period) selectPeriod(period, true);
vscode.postMessage({ type: 'ready' });
