/**
 * Time to aggregate a year of ledger (100,000 records) for the usage report from records in memory:
 * buildReport for the 'all' and '30d' periods, warm runs only. (Opening the report over the ledger files,
 * and a live update, are bench/ledgerReport.ts.) `npx tsx bench/reportAggregation.ts` prints the figures as JSON.
 */
import { performance } from 'node:perf_hooks';
import type { Period } from '../src/core/ledger/query';
import { DEFAULT_MODELS } from '../src/core/models/modelTable';
import { buildReport } from '../src/core/report/buildReport';
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
  // The headline figure is 'all': every record aggregated, the slowest case.
  return { records: records.length, medianMs: byPeriod.all.medianMs, p95Ms: byPeriod.all.p95Ms, runs: RUNS, byPeriod };
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
