import type { Period } from '../../core/ledger/query';
import type { ReportModel } from '../../core/report/reportModel';

/** Messages from the extension to the report webview. */
export type ToWebview = { readonly type: 'report'; readonly report: ReportModel };

/** Messages from the report webview to the extension. */
export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'period'; readonly period: Period }
  | { readonly type: 'export'; readonly format: 'csv' | 'json'; readonly period: Period };
