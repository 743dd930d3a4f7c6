import type { LedgerRecord } from '../ledger/record';
import { csvRows, microUsdToDollars } from './csv';

/** The CSV columns, in order: the header and how each record fills it. */
const COLUMNS: readonly (readonly [string, (r: LedgerRecord) => string])[] = [
  ['time', (r) => r.time],
  ['session', (r) => r.session],
  ['task', (r) => r.task],
  ['model', (r) => r.model],
  ['provider', (r) => r.provider],
  ['input', (r) => String(r.usage.input)],
  ['cache_read', (r) => String(r.usage.cacheRead)],
  ['cache_write_5m', (r) => String(r.usage.cacheWrite5m)],
  ['cache_write_1h', (r) => String(r.usage.cacheWrite1h)],
  ['output', (r) => String(r.usage.output)],
  ['reasoning', (r) => String(r.usage.reasoning)],
  ['cost_usd', (r) => microUsdToDollars(r.costMicroUsd)],
  ['gateway_cost_usd', (r) => (r.gatewayCostMicroUsd === undefined ? '' : microUsdToDollars(r.gatewayCostMicroUsd))],
  ['latency_ms', (r) => String(r.latencyMs)],
  ['outcome', (r) => r.outcome],
  ['batch', (r) => String(r.batch)],
  ['estimated', (r) => String(r.estimated)],
  ['request_id', (r) => r.requestId ?? ''],
  ['reason', (r) => r.reason ?? ''],
  ['error', (r) => r.error ?? ''],
];

/**
 * The records as CSV for a spreadsheet or a team's own aggregation: a header row, then one row per call;
 * tokens as counts, cost in dollars to the micro-dollar (so the column sums to the report's total exactly),
 * booleans as true/false, absent optional fields empty. RFC 4180: quoted where needed, CRLF line ends.
 */
export function ledgerToCsv(records: readonly LedgerRecord[]): string {
  return csvRows([COLUMNS.map(([name]) => name), ...records.map((r) => COLUMNS.map(([, cell]) => cell(r)))]);
}

/**
 * The records as a pretty-printed JSON array, exactly as the ledger stores them (cost in integer
 * micro-dollars, usage as a nested object). Deliberately nothing else: no derived totals that could
 * disagree with the records, and the same shape as the ledger's own lines, so tools that read one read both.
 * Which period it covers is for the file name to say.
 */
export function ledgerToJson(records: readonly LedgerRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}
