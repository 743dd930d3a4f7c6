import type { Period } from '../../core/ledger/query';
import type { ReportModel } from '../../core/report/reportModel';
import type { RoutingReportModel } from '../../core/report/routingReport';

/** The report's views, as its tabs name them. */
export const REPORT_VIEWS = [
  { id: 'usage', label: 'Usage and cost' },
  { id: 'routing', label: 'Routing' },
] as const;

export type ReportView = (typeof REPORT_VIEWS)[number]['id'];

export function isReportView(value: unknown): value is ReportView {
  return REPORT_VIEWS.some((v) => v.id === value);
}

/** Messages from the extension to the report webview. */
export type ToWebview =
  | { readonly type: 'report'; readonly report: ReportModel }
  | { readonly type: 'routing'; readonly routing: RoutingReportModel }
  /** Show a view (Show Routing Advice opens the report on its Routing tab). */
  | { readonly type: 'view'; readonly view: ReportView };

/** Messages from the report webview to the extension. */
export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'period'; readonly period: Period }
  | { readonly type: 'export'; readonly format: 'csv' | 'json'; readonly period: Period }
  /** The view on screen (the extension builds the Routing view's data only while it is). */
  | { readonly type: 'view'; readonly view: ReportView }
  /** Apply the switch the Routing view shows for a task. */
  | { readonly type: 'applyRouting'; readonly task: string; readonly to: string };
