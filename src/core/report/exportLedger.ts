import type { LedgerRecord } from '../ledger/record';
import { signalsByCall } from '../quality/callSignals';
import type { QualitySignal } from '../quality/signal';
import { csvField, csvLines, csvTextField, microUsdToDollars } from './csv';

type Cell = (r: LedgerRecord) => string;
/** A text column: a value that would run as a formula in a spreadsheet is neutralised (csvTextField). */
const text = (value: (r: LedgerRecord) => string | undefined): Cell => (r) => csvTextField(value(r) ?? '');
/** A number column, written as the number: never quoted, never prefixed (a spreadsheet sums it). */
const number = (value: (r: LedgerRecord) => number): Cell => (r) => String(value(r));
/** Dollars to the micro-dollar; a cost is never negative (the ledger's validation refuses one). */
const dollars = (value: (r: LedgerRecord) => number | undefined): Cell => (r) => {
  const micro = value(r);
  return micro === undefined ? '' : microUsdToDollars(micro);
};
const flag = (value: (r: LedgerRecord) => boolean): Cell => (r) => String(value(r));

/** The CSV columns, in order: the header and how each record fills it. */
const COLUMNS: readonly (readonly [string, Cell])[] = [
  ['time', text((r) => r.time)],
  ['session', text((r) => r.session)],
  ['task', text((r) => r.task)],
  ['model', text((r) => r.model)],
  ['provider', text((r) => r.provider)],
  ['input', number((r) => r.usage.input)],
  ['cache_read', number((r) => r.usage.cacheRead)],
  ['cache_write_5m', number((r) => r.usage.cacheWrite5m)],
  ['cache_write_1h', number((r) => r.usage.cacheWrite1h)],
  ['output', number((r) => r.usage.output)],
  ['reasoning', number((r) => r.usage.reasoning)],
  ['cost_usd', dollars((r) => r.costMicroUsd)],
  ['gateway_cost_usd', dollars((r) => r.gatewayCostMicroUsd)],
  ['latency_ms', number((r) => r.latencyMs)],
  ['outcome', text((r) => r.outcome)],
  ['batch', flag((r) => r.batch)],
  ['estimated', flag((r) => r.estimated)],
  ['request_id', text((r) => r.requestId)],
  ['reason', text((r) => r.reason)],
  ['error', text((r) => r.error)],
];

/**
 * The records as CSV for a spreadsheet or a team's own aggregation: a header row, then one row per call;
 * tokens as counts, cost in dollars to the micro-dollar (so the column sums to the report's total exactly),
 * booleans as true/false, absent optional fields empty, text that a spreadsheet would run as a formula
 * neutralised. RFC 4180: quoted where needed, CRLF line ends.
 */
export function ledgerToCsv(records: readonly LedgerRecord[]): string {
  return csvLines([COLUMNS.map(([name]) => csvField(name)), ...records.map((r) => COLUMNS.map(([, cell]) => cell(r)))]);
}

/**
 * The records as a pretty-printed JSON array, each exactly as the ledger stores it (cost in integer
 * micro-dollars, usage as a nested object) plus `signals`: the quality-log lines about its answer, oldest
 * first. Deliberately nothing else: no derived totals that could disagree with the records. With the signals
 * beside their calls, routing advice can be worked out from the export alone (see parseLedgerExport).
 * Which period it covers is for the file name to say.
 */
export function ledgerToJson(records: readonly LedgerRecord[], signals: readonly QualitySignal[] = []): string {
  const ofCall = signalsByCall(signals);
  return `${JSON.stringify(records.map((r) => ({ ...r, signals: ofCall.get(r.id) ?? [] })), null, 2)}\n`;
}
