import assert from 'node:assert/strict';
import type { Period } from '../../../../src/core/ledger/query';
import type { LedgerRecord } from '../../../../src/core/ledger/record';
import { filterRecords, localDay, periodRange, totals, whatIf } from '../../../../src/core/ledger/query';
import { DEFAULT_MODELS } from '../../../../src/core/models/modelTable';
import { CacheSavings } from '../../../../src/core/report/cacheSavings';
import { promptTokens } from '../../../../src/core/usage/usage';
import { syntheticLedger } from '../../../fixtures/syntheticLedger';
import { buildReport, type ReportOptions } from '../../../../src/core/report/buildReport';
import { ZERO_USAGE } from '../../../../src/core/usage/usage';
import { makeRecord } from '../ledger/fixtures';
import { LEDGER, NOW } from './ledger';

const noBudget: ReportOptions['budget'] = { caps: {}, mode: 'warn', spent: { session: 0, today: 0, month: 0 } };
const report = (period: Period, budget = noBudget, records = LEDGER) =>
  buildReport(records, { period, now: NOW, sessionId: 's2', models: DEFAULT_MODELS, budget });

describe('buildReport', () => {
  it('totals the last 7 days: calls, tokens, cost and the usage breakdown', () => {
    const r = report('7d');
    assert.equal(r.period, '7d');
    assert.equal(r.generatedAt, NOW.toISOString());
    // Everything but sql-old: 1,650 + 4,050 + 3,000 + 6,625 + 1,300 + 0
    assert.deepEqual(r.totals, {
      calls: 6,
      costMicroUsd: 16_625,
      tokens: 24_300, // 7,300 in + 10,000 cached + 5,000 written + 2,000 out
      usage: { input: 7300, cacheRead: 10_000, cacheWrite5m: 5000, cacheWrite1h: 0, output: 2000, reasoning: 100 },
    });
    assert.equal(r.batchCalls, 1);
    assert.equal(r.estimatedCalls, 1);
    assert.equal(r.failedCalls, 1);
  });

  it('filters by period: today, this session (across midnight), 30 days and all', () => {
    // code-2, review-cached, explain-cancelled, explain-error: 4,050 + 3,000 + 1,300 + 0
    assert.deepEqual([report('today').totals.calls, report('today').totals.costMicroUsd], [4, 8350]);
    // s2 began on the 10th: code-1, code-2, review-cached, explain-cancelled
    assert.deepEqual([report('session').totals.calls, report('session').totals.costMicroUsd], [4, 10_000]);
    assert.deepEqual([report('30d').totals.calls, report('30d').totals.costMicroUsd], [7, 17_150]);
    assert.deepEqual([report('all').totals.calls, report('all').totals.costMicroUsd], [7, 17_150]);
  });

  it('gives cost per local day, oldest first, split by model, only days with calls', () => {
    assert.deepEqual(report('7d').costByDay, [
      { day: '2026-03-10', costMicroUsd: 8275, byModel: { 'gpt-5.4-mini': 1650, 'claude-haiku-4-5': 6625 } },
      { day: '2026-03-11', costMicroUsd: 8350, byModel: { 'gpt-5.4-mini': 4050, 'claude-haiku-4-5': 4300 } },
    ]);
    assert.deepEqual(
      report('all').costByDay.map((d) => [d.day, d.costMicroUsd]),
      [['2026-03-01', 525], ['2026-03-10', 8275], ['2026-03-11', 8350]],
    );
  });

  it('gives per-task token statistics, most expensive task first, tasks without calls left out', () => {
    const [review, code, explain, ...rest] = report('7d').byTask;
    assert.deepEqual(rest, []); // generateSql's only call is older than 7 days
    assert.deepEqual(review, {
      task: 'review',
      calls: 2,
      costMicroUsd: 9625,
      tokens: 18_800,
      meanInputTokens: 8750, // prompts of 10,500 and 7,000 tokens (cached and written count: they were sent)
      p95InputTokens: 10_500,
      meanOutputTokens: 650,
      p95OutputTokens: 1000,
      costPerCallMicroUsd: 4813, // 4,812.5 rounded half up
      cacheHitRate: 10_000 / 17_500,
    });
    assert.deepEqual(
      [code.task, code.calls, code.costMicroUsd, code.meanInputTokens, code.p95InputTokens, code.meanOutputTokens, code.p95OutputTokens, code.costPerCallMicroUsd, code.cacheHitRate],
      ['generateCode', 2, 5700, 2000, 3000, 300, 400, 2850, 0],
    );
    // The failed call counts as a call with no tokens.
    assert.deepEqual(
      [explain.task, explain.calls, explain.costMicroUsd, explain.meanInputTokens, explain.p95InputTokens, explain.meanOutputTokens, explain.p95OutputTokens, explain.costPerCallMicroUsd],
      ['explain', 2, 1300, 400, 800, 50, 100, 650],
    );
  });

  it('gives per-model figures, most expensive first', () => {
    assert.deepEqual(report('7d').byModel, [
      {
        model: 'claude-haiku-4-5',
        displayName: 'Claude Haiku 4.5',
        calls: 4,
        costMicroUsd: 10_925,
        tokens: 19_700,
        usage: { input: 3300, cacheRead: 10_000, cacheWrite5m: 5000, cacheWrite1h: 0, output: 1400, reasoning: 0 },
        cacheHitRate: 10_000 / 18_300,
      },
      {
        model: 'gpt-5.4-mini',
        displayName: 'GPT-5.4 Mini',
        calls: 2,
        costMicroUsd: 5700,
        tokens: 4600,
        usage: { ...ZERO_USAGE, input: 4000, output: 600, reasoning: 100 },
        cacheHitRate: 0,
      },
    ]);
  });

  it('counts cache savings net of the write surcharge, at batch price where batched', () => {
    assert.equal(report('7d').cacheSavingsMicroUsd, 8375); // 9,000 saved by review-cached − 625 surcharge on review-batch
    assert.equal(report('today').cacheSavingsMicroUsd, 9000);
    assert.equal(report('30d').cacheSavingsMicroUsd, 8375);
  });

  it('rounds cache savings once over the period, not per call', () => {
    // One cached token on GPT-5.4 Mini saves (0.75 − 0.075) µ$ = 0.675 µ$; three of them 2.025 µ$ (per call: 1 + 1 + 1).
    const records = ['a', 'b', 'c'].map((id) => makeRecord({ id, time: NOW.toISOString(), usage: { ...ZERO_USAGE, cacheRead: 1 } }));
    assert.equal(report('all', noBudget, records).cacheSavingsMicroUsd, 2);
  });

  it('compares the routed cost with every call on one model', () => {
    // On GPT-5.4 Mini: 1,650 + 4,050 + review-cached 375 + 750 + 1,350 = 2,475
    //   + review-batch (writes at GPT-5.4 Mini's write rate, its input price: 7,000 × 0.75 + 1,000 × 4.5) / 2 = 4,875 + explain 600 + 450 = 1,050 → 14,100.
    // On Haiku: code-1 1,000 + 1,000 = 2,000; code-2 3,000 + 2,000 = 5,000; 3,000; 6,625; 1,300 → 17,925.
    assert.deepEqual(report('7d').whatIf, { asRouted: 16_625, allOn: { 'gpt-5.4-mini': 14_100, 'claude-haiku-4-5': 17_925 } });
  });

  it('sets a gateway\'s own cost beside Tandem\'s, for the calls the gateway priced only', () => {
    const at = (id: string, over: Partial<LedgerRecord>) =>
      makeRecord({ id, time: '2026-03-12T10:00:00.000Z', session: 's2', ...over });
    const records = [
      at('g1', { costMicroUsd: 1_000, gatewayCostMicroUsd: 1_100 }),
      at('g2', { costMicroUsd: 2_000, gatewayCostMicroUsd: 1_950 }),
      at('plain', { costMicroUsd: 5_000 }),
    ];
    assert.deepEqual(report('all', noBudget, records).gateway, { calls: 2, tandemMicroUsd: 3_000, gatewayMicroUsd: 3_050 });
    assert.deepEqual(report('all', noBudget, [records[2]]).gateway, { calls: 0, tandemMicroUsd: 0, gatewayMicroUsd: 0 });
  });

  it('shows one budget row per configured cap, each with its own state', () => {
    const budget: ReportOptions['budget'] = {
      caps: { sessionMicroUsd: 10_000, dailyMicroUsd: 0, monthlyMicroUsd: 50_000 },
      mode: 'block',
      spent: { session: 10_000, today: 8350, month: 17_150 },
    };
    assert.deepEqual(report('7d', budget).budget, {
      mode: 'block',
      caps: [
        { cap: 'session', capMicroUsd: 10_000, spentMicroUsd: 10_000, state: 'near' }, // exactly at the cap: still within it
        { cap: 'monthly', capMicroUsd: 50_000, spentMicroUsd: 17_150, state: 'ok' },
      ],
    });
    const over = report('7d', { ...budget, caps: { dailyMicroUsd: 8000 } }).budget;
    assert.deepEqual(over.caps, [{ cap: 'daily', capMicroUsd: 8000, spentMicroUsd: 8350, state: 'over' }]);
    assert.deepEqual(report('7d').budget, { mode: 'warn', caps: [] });
  });

  it('reports an empty period as zeros with no rows', () => {
    const r = report('session', noBudget, LEDGER.filter((x) => x.session !== 's2'));
    assert.deepEqual([r.totals.calls, r.totals.costMicroUsd, r.cacheSavingsMicroUsd], [0, 0, 0]);
    assert.deepEqual([r.costByDay, r.byTask, r.byModel], [[], [], []]);
    assert.deepEqual(r.whatIf, { asRouted: 0, allOn: { 'gpt-5.4-mini': 0, 'claude-haiku-4-5': 0 } });
  });

  it('puts a time written with an offset on its own local day, even right after a call on the day before', () => {
    // 00:30 on the 11th written at UTC−12: its text reads as the 10th, which a text comparison would believe.
    const justAfterMidnight = new Date(2026, 2, 11, 0, 30).getTime();
    const written = new Date(justAfterMidnight - 12 * 3600_000).toISOString().replace('Z', '-12:00');
    const records = [
      makeRecord({ id: 'late', time: new Date(2026, 2, 10, 23, 0).toISOString(), costMicroUsd: 10 }),
      makeRecord({ id: 'offset', time: written, costMicroUsd: 20 }),
    ];
    assert.deepEqual(
      report('all', noBudget, records).costByDay.map((d) => [d.day, d.costMicroUsd]),
      [['2026-03-10', 10], ['2026-03-11', 20]],
    );
  });

  it('summed by day, agrees with plain per-call arithmetic over 5,000 calls: totals, p95s, what-if, cache savings', () => {
    const now = new Date(2026, 5, 30, 18, 0);
    const records = syntheticLedger({ count: 5000, end: now, days: 90 });
    for (const period of ['30d', 'all'] as const) {
      const r = buildReport(records, { period, now, sessionId: 's0', models: DEFAULT_MODELS, budget: noBudget });
      const inPeriod = period === 'all' ? records : filterRecords(records, periodRange(period, now));
      assert.deepEqual(r.totals, totals(inPeriod));
      assert.deepEqual(r.whatIf, whatIf(inPeriod, DEFAULT_MODELS));
      const savings = new CacheSavings();
      for (const c of inPeriod) savings.add(c.usage, DEFAULT_MODELS[c.model].prices, c.batch);
      assert.equal(r.cacheSavingsMicroUsd, savings.microUsd());
      const nearestRank = (values: number[]) => values.sort((a, b) => a - b)[Math.ceil((95 * values.length) / 100) - 1];
      for (const task of r.byTask) {
        const own = inPeriod.filter((c) => c.task === task.task);
        assert.equal(task.p95InputTokens, nearestRank(own.map((c) => promptTokens(c.usage))), `${period} ${task.task} p95 in`);
        assert.equal(task.p95OutputTokens, nearestRank(own.map((c) => c.usage.output)), `${period} ${task.task} p95 out`);
      }
      assert.equal(r.costByDay.reduce((n, d) => n + d.costMicroUsd, 0), totals(inPeriod).costMicroUsd);
      assert.equal(r.costByDay.length, new Set(inPeriod.map((c) => localDay(c.time))).size);
    }
  });
});
