/**
 * The ledger at a year's size (100,000 records), as the report meets it in the extension host:
 * - open: a new ledger reader over the year's files, through to the report model the page receives
 *   ('all'), with the month digests an earlier window left (the usual case), and on a first ever open
 *   (no digests: every line parsed);
 * - live update: a call's record appended, through to the updated report model.
 * `npx tsx bench/ledgerReport.ts` prints the figures as JSON.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PeriodSpend } from '../src/core/cost/periodSpend';
import type { LedgerRecord } from '../src/core/ledger/record';
import { openLedgerStore } from '../src/core/ledger/node/openLedgerStore';
import { type LedgerStore, ledgerFileName } from '../src/core/ledger/store';
import { DEFAULT_MODELS } from '../src/core/models/modelTable';
import { LedgerReport } from '../src/core/report/ledgerReport';
import { syntheticLedger } from '../test/fixtures/syntheticLedger';

const RECORDS = 100_000;
const OPEN_RUNS = 7;
const FIRST_OPEN_RUNS = 3;
const UPDATE_RUNS = 15;
export const OPEN_GOAL_MS = 300;
export const UPDATE_GOAL_MS = 20;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (n: number): number => Number(n.toFixed(2));

function reportOn(store: LedgerStore): LedgerReport {
  return new LedgerReport({
    ledger: store,
    session: { id: 'bench', records: [] },
    // As in the extension: the period spend is a second reader of the same index.
    spend: new PeriodSpend(store, () => 0),
    settings: () => ({ models: DEFAULT_MODELS, budget: { caps: { dailyMicroUsd: 5_000_000, monthlyMicroUsd: 50_000_000 }, mode: 'warn' } }),
  });
}

/** Opens the report on 'all' with a new reader; returns the time and the reader, for more work or disposal. */
async function open(dir: string, digests: boolean): Promise<{ ms: number; store: LedgerStore; report: LedgerReport }> {
  const started = performance.now();
  const store = openLedgerStore(dir, { digests });
  const report = reportOn(store);
  const model = await report.build('all');
  const ms = performance.now() - started;
  if (model.totals.calls < RECORDS) throw new Error(`the report counted ${model.totals.calls} calls, not ${RECORDS}`);
  return { ms, store, report };
}

export async function benchLedgerReport(): Promise<{
  records: number;
  open: { medianMs: number; runs: number[]; goalMs: number };
  firstOpen: { medianMs: number; runs: number[] };
  liveUpdate: { medianMs: number; runs: number[]; goalMs: number };
}> {
  const now = new Date();
  const year = syntheticLedger({ count: RECORDS, end: now, days: 365 });
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-ledger-'));
  try {
    const files = new Map<string, string[]>();
    for (const r of year) {
      const name = ledgerFileName(new Date(r.time));
      (files.get(name) ?? files.set(name, []).get(name)!).push(JSON.stringify(r));
    }
    for (const [name, lines] of files) writeFileSync(path.join(dir, name), `${lines.join('\n')}\n`);

    const firstOpen: number[] = [];
    for (let i = 0; i < FIRST_OPEN_RUNS; i++) {
      const run = await open(dir, false);
      firstOpen.push(run.ms);
      run.report.dispose();
      run.store.dispose();
    }
    // What a first open leaves for the next window: a digest of each month file.
    const first = await open(dir, true);
    await first.store.index.writeDigests();
    first.report.dispose();
    first.store.dispose();

    const opens: number[] = [];
    let warm: { store: LedgerStore; report: LedgerReport } | undefined;
    for (let i = 0; i < OPEN_RUNS; i++) {
      const run = await open(dir, true);
      opens.push(run.ms);
      warm?.report.dispose();
      warm?.store.dispose();
      warm = run;
    }

    const updates: number[] = [];
    const { store, report } = warm!;
    for (let i = 0; i < UPDATE_RUNS; i++) {
      const record: LedgerRecord = { ...year[year.length - 1], id: `bench-live-${i}`, time: new Date().toISOString() };
      const started = performance.now();
      await store.append(record);
      const model = await report.build('all');
      updates.push(performance.now() - started);
      if (model.totals.calls !== RECORDS + i + 1) throw new Error(`the live update counted ${model.totals.calls} calls`);
      await new Promise((resolve) => setTimeout(resolve, 20)); // calls come apart, as they do in the editor
    }
    report.dispose();
    store.dispose();
    return {
      records: RECORDS,
      open: { medianMs: round(median(opens)), runs: opens.map(round), goalMs: OPEN_GOAL_MS },
      firstOpen: { medianMs: round(median(firstOpen)), runs: firstOpen.map(round) },
      liveUpdate: { medianMs: round(median(updates)), runs: updates.map(round), goalMs: UPDATE_GOAL_MS },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchLedgerReport().then(
    (figures) => console.log(JSON.stringify(figures, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
