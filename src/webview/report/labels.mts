import type { ReportModel } from '../../core/report/reportModel.js';

export { formatTokens, formatUsd } from '../../core/format/spend.js';
export { isPeriod, PERIODS, periodPhrase } from '../../core/report/periods.js';
export { taskLabel } from '../../core/models/tasks.js';

/** The name the report model gives a model (the user's catalog may hold models the webview never heard of). */
export function modelName(report: ReportModel, id: string): string {
  return report.models.find((m) => m.id === id)?.displayName ?? id;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Exact counts for tables: `12,345`. */
export function formatInt(value: number): string {
  return integer.format(Math.round(value));
}

/** A share 0..1 as `42%`, with one decimal below 10% so small shares do not all read `0%`. */
export function formatPercent(share: number): string {
  const pct = share * 100;
  if (pct === 0) return '0%';
  if (Math.abs(pct) < 0.1) return '<0.1%';
  return Math.abs(pct) < 10 ? `${pct.toFixed(1)}%` : `${Math.round(pct)}%`;
}

/** `2026-11-24` as a local date. */
export function parseDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

const shortDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const longDay = new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function formatDayShort(day: string): string {
  return shortDay.format(parseDay(day));
}

export function formatDayLong(day: string): string {
  return longDay.format(parseDay(day));
}

export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : time.format(d);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatInt(n)} ${n === 1 ? one : many}`;
}

/** "the last 7 days" → "The last 7 days": a phrase at the start of a line. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
