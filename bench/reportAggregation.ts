/**
 * Time to aggregate a year of ledger (100,000 records) for the usage report: buildReport for the 'all'
 * and '30d' periods, warm runs only; and 'all' with the ledger files read from disk first.
 * `npx tsx bench/reportAggregation.ts` prints the figures as JSON.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Period } from '../src/core/ledger/query';
import type { LedgerRecord } from '../src/core/ledger/record';
import { ledgerFileName, LedgerStore } from '../src/core/ledger/store';
import { DEFAULT_MODELS } from '../src/core/models/modelTable';
import { buildReport, type ReportOptions } from '../src/core/report/buildReport';
import { syntheticLedger } from '../test/fixtures/syntheticLedger';

const RECORDS = 100_000;
const WARMUP_RUNS = 3;
const RUNS = 15;
const PERIODS: readonly Period[] = ['all', '30d'];
// A fixed "now" so every run and every machine aggregates the same calls.
const NOW = new Date(2026, 5, 30, 18, 0);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.ceil((p * sorted.length) / 100) - 1];
}

const round = (n: number): number => Number(n.toFixed(2));

export async function benchReportAggregation(): Promise<{
  records: number;
  medianMs: number;
  p95Ms: number;
  runs: number;
  byPeriod: Record<string, { medianMs: number; p95Ms: number }>;
  /** Reading the year's ledger files from disk (parse and validate every line), then building 'all'. */
  readAndBuild: { medianMs: number; p95Ms: number; runs: number };
}> {
  const records = syntheticLedger({ count: RECORDS, end: NOW, days: 365 });
  const options = {
    now: NOW,
    sessionId: 's0',
    models: DEFAULT_MODELS,
    budget: { caps: { dailyMicroUsd: 5_000_000 }, mode: 'warn' as const, spent: { session: 0, today: 0, month: 0 } },
  };
  const times: Record<string, number[]> = {};
  for (const period of PERIODS) {
    for (let i = 0; i < WARMUP_RUNS; i++) buildReport(records, { ...options, period });
    times[period] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      buildReport(records, { ...options, period });
      times[period].push(performance.now() - started);
      await new Promise((resolve) => setImmediate(resolve)); // let the runtime breathe, as the extension host would
    }
  }
  const byPeriod = Object.fromEntries(
    PERIODS.map((p) => {
      const sorted = [...times[p]].sort((a, b) => a - b);
      return [p, { medianMs: round(percentile(sorted, 50)), p95Ms: round(percentile(sorted, 95)) }];
    }),
  );
  const readAndBuild = await benchReadAndBuild(records, { ...options, period: 'all' });
  // The headline figure is 'all': every record aggregated, the slowest case.
  return { records: records.length, medianMs: byPeriod.all.medianMs, p95Ms: byPeriod.all.p95Ms, runs: RUNS, byPeriod, readAndBuild };
}

/** What opening the report on 'all' costs the extension host end to end: the ledger read plus the aggregation. */
async function benchReadAndBuild(records: readonly LedgerRecord[], options: ReportOptions): Promise<{ medianMs: number; p95Ms: number; runs: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-bench-ledger-'));
  try {
    const files = new Map<string, string[]>();
    for (const r of records) {
      const name = ledgerFileName(new Date(r.time));
      (files.get(name) ?? files.set(name, []).get(name)!).push(JSON.stringify(r));
    }
    for (const [name, lines] of files) writeFileSync(path.join(dir, name), `${lines.join('\n')}\n`);
    const store = new LedgerStore(dir);
    const runs = 7;
    const times: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const started = performance.now();
      buildReport((await store.read()).records, options);
      if (i > 0) times.push(performance.now() - started); // the first run warms the file cache and the JIT
    }
    times.sort((a, b) => a - b);
    return { medianMs: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchReportAggregation().then(
    (figures) => console.log(JSON.stringify(figures, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
