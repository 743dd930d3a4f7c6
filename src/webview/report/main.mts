import type { Period } from '../../core/ledger/query.js';
import type { ReportModel } from '../../core/report/reportModel.js';
import { byId } from './dom.mjs';
import { isPeriod } from './labels.mjs';
import type { RoutingReportModel } from '../../core/report/routingReport.js';
import { isReportView, type FromWebview, type ReportView, type ToWebview } from './protocol.js';
import { createLayout, renderCharts, renderReport, selectPeriod } from './render.mjs';
import { renderRouting } from './routing.mjs';
import { selectView } from './views.mjs';
import { vscodeApi } from '../vscodeApi.mjs';

/** What survives the panel being hidden and shown again (the page itself is rebuilt each time). */
interface SavedState {
  readonly period: Period;
  readonly report?: ReportModel;
  readonly view?: ReportView;
  readonly routing?: RoutingReportModel;
}

const vscode = vscodeApi<SavedState, FromWebview>();
const saved = vscode.getState();
let period: Period | undefined = saved && isPeriod(saved.period) ? saved.period : undefined;
let report: ReportModel | undefined = saved?.report;
let view: ReportView = saved && isReportView(saved.view) ? saved.view : 'usage';
let routing: RoutingReportModel | undefined = saved?.routing;

function save(): void {
  if (period) vscode.setState({ period, report, view, routing });
}

function chooseView(next: ReportView): void {
  view = next;
  selectView(next);
  // A theme change while the charts were hidden left them unsized: redraw them as they come back.
  if (next === 'usage' && report) renderCharts(report, 'theme');
  save();
  vscode.postMessage({ type: 'view', view: next });
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

type ReportMessage = Extract<ToWebview, { type: 'report' }>;
type RoutingMessage = Extract<ToWebview, { type: 'routing' }>;

function isReportMessage(data: unknown): data is ReportMessage {
  const m = data as Partial<ReportMessage> | null;
  return typeof m === 'object' && m !== null && m.type === 'report' && typeof m.report === 'object' && m.report !== null && isPeriod(m.report.period);
}

function isRoutingMessage(data: unknown): data is RoutingMessage {
  const m = data as Partial<RoutingMessage> | null;
  return typeof m === 'object' && m !== null && m.type === 'routing' && typeof m.routing === 'object' && m.routing !== null && Array.isArray(m.routing.tasks);
}

const app = byId('app');
app.removeAttribute('aria-busy');
createLayout(app, {
  onPeriod: choosePeriod,
  onExport: (format) => {
    const chosen = report?.period ?? period;
    if (chosen) vscode.postMessage({ type: 'export', format, period: chosen });
  },
  onView: chooseView,
  onApply: (task, to) => vscode.postMessage({ type: 'applyRouting', task, to }),
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data as Partial<ToWebview> | null;
  if (data?.type === 'view' && isReportView(data.view)) {
    chooseView(data.view);
    return;
  }
  if (isRoutingMessage(data)) {
    // Only the chosen period's advice: one for the previous period is followed by the right one.
    if (period && data.routing.period !== period) return;
    routing = data.routing;
    renderRouting(routing);
    save();
    return;
  }
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
selectView(view);
if (report && isPeriod(report.period)) show(report, false);
else if (period) selectPeriod(period, true);
if (routing) renderRouting(routing);
// The view first, so the extension builds the Routing view's data with the first report if it is on screen.
vscode.postMessage({ type: 'view', view });
vscode.postMessage({ type: 'ready' });
