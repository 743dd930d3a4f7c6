import assert from 'node:assert/strict';
import { cacheHitRate, filterRecords, groupBy, periodRange, totals, whatIf } from '../../../../src/core/ledger/query';
import { applyModelOverrides } from '../../../../src/core/models/catalog';
import { DEFAULT_MODELS } from '../../../../src/core/models/modelTable';
import { ZERO_USAGE } from '../../../../src/core/usage/usage';
import { makeRecord } from './fixtures';

// Local times, so day grouping is checked against the user's calendar in whatever zone the test runs.
const lateOnTenth = new Date(2026, 2, 10, 23, 30).toISOString();
const earlyOnEleventh = new Date(2026, 2, 11, 0, 30).toISOString();

// Costs worked out by hand from the default prices (micro-dollars per MTok):
//   gpt-5.4-mini: in 750,000 · cached 75,000 · out 4,500,000; claude-haiku-4-5: in 1,000,000 · cached 100,000 ·
//   5-min write 1,250,000 · out 5,000,000; batch is half price on both.
const code = makeRecord({
  id: 'code',
  time: lateOnTenth,
  session: 's1',
  task: 'generateCode',
  usage: { ...ZERO_USAGE, input: 1_000_000 },
  costMicroUsd: 750_000, // 1 MTok in on GPT-5.4 Mini (on Haiku: 1,000,000)
});
const batchReview = makeRecord({
  id: 'batch-review',
  time: earlyOnEleventh,
  session: 's2',
  task: 'review',
  model: 'claude-haiku-4-5',
  provider: 'anthropic',
  batch: true,
  usage: { ...ZERO_USAGE, input: 1_000_000, output: 100_000 },
  costMicroUsd: 750_000, // (1,000,000 + 500,000) / 2 on Haiku; on GPT: (750,000 + 450,000) / 2 = 600,000
});
const cachedReview = makeRecord({
  id: 'cached-review',
  time: earlyOnEleventh,
  session: 's2',
  task: 'review',
  model: 'claude-haiku-4-5',
  provider: 'anthropic',
  usage: { ...ZERO_USAGE, input: 50_000, cacheRead: 2_000_000, cacheWrite5m: 100_000, output: 10_000 },
  // Haiku: 50,000 + 200,000 + 125,000 + 50,000. On GPT-5.4 Mini the cache write costs its input price:
  // 150,000 × 0.75 + 150,000 + 45,000 = 307,500.
  costMicroUsd: 425_000,
});
const all = [code, batchReview, cachedReview];

describe('ledger queries', () => {
  it('totals calls, tokens and exact micro-dollars', () => {
    assert.deepEqual(totals(all), {
      calls: 3,
      usage: { input: 2_050_000, cacheRead: 2_000_000, cacheWrite5m: 100_000, cacheWrite1h: 0, output: 110_000, reasoning: 0 },
      costMicroUsd: 1_925_000,
      tokens: 4_260_000,
    });
    assert.deepEqual(totals([]), { calls: 0, usage: ZERO_USAGE, costMicroUsd: 0, tokens: 0 });
  });

  it('prices every call on each single model, keeping batch discounts, against the routed cost', () => {
    assert.deepEqual(whatIf(all, DEFAULT_MODELS), {
      asRouted: 1_925_000,
      allOn: { 'gpt-5.4-mini': 750_000 + 600_000 + 307_500, 'claude-haiku-4-5': 1_000_000 + 750_000 + 425_000 },
    });
    assert.deepEqual(whatIf([], DEFAULT_MODELS), { asRouted: 0, allOn: { 'gpt-5.4-mini': 0, 'claude-haiku-4-5': 0 } });
  });

  it('prices the calls on every model of the catalog, a user-added one too, and counts records of models it no longer holds', () => {
    const catalog = applyModelOverrides(DEFAULT_MODELS, {
      'gpt-5.6': { provider: 'openai', inputPerMTok: 1.25, outputPerMTok: 10, cacheWritePerMTok: 1.5625, contextWindow: 400_000, maxOutputTokens: 128_000 },
    }).table;
    const retired = makeRecord({ id: 'retired', time: lateOnTenth, model: 'gpt-4.1-nano', usage: { ...ZERO_USAGE, input: 1_000 }, costMicroUsd: 999 });
    // gpt-5.6: code 1,000,000 × 1.25 = 1,250,000; batch review (1,250,000 + 1,000,000) / 2 = 1,125,000; cached review
    // 50,000 × 1.25 = 62,500 + 2,000,000 × 0.125 = 250,000 + 100,000 × 1.5625 = 156,250 + 10,000 × 10 = 100,000 → 568,750;
    // the retired model's 1,000 input tokens: 1,250. Each of the others as above, plus 750 and 1,000.
    assert.deepEqual(whatIf([...all, retired], catalog), {
      asRouted: 1_925_000 + 999,
      allOn: {
        'gpt-5.4-mini': 750_000 + 600_000 + 307_500 + 750,
        'claude-haiku-4-5': 1_000_000 + 750_000 + 425_000 + 1_000,
        'gpt-5.6': 1_250_000 + 1_125_000 + 568_750 + 1_250,
      },
    });
  });

  it('uses the prices it is given, so overridden prices change the what-if', () => {
    const cheaperHaiku = {
      ...DEFAULT_MODELS,
      'claude-haiku-4-5': { ...DEFAULT_MODELS['claude-haiku-4-5'], prices: { ...DEFAULT_MODELS['claude-haiku-4-5'].prices, input: 500_000 } },
    };
    assert.equal(whatIf([code], cheaperHaiku).allOn['claude-haiku-4-5'], 500_000);
  });

  it('groups by task and model, most expensive first', () => {
    const reviewUsage = { input: 1_050_000, cacheRead: 2_000_000, cacheWrite5m: 100_000, cacheWrite1h: 0, output: 110_000, reasoning: 0 };
    assert.deepEqual(groupBy(all, 'task'), [
      { key: 'review', calls: 2, usage: reviewUsage, costMicroUsd: 1_175_000 },
      { key: 'generateCode', calls: 1, usage: code.usage, costMicroUsd: 750_000 },
    ]);
    assert.deepEqual(
      groupBy(all, 'model').map((g) => [g.key, g.calls, g.costMicroUsd]),
      [
        ['claude-haiku-4-5', 2, 1_175_000],
        ['gpt-5.4-mini', 1, 750_000],
      ],
    );
  });

  it('groups by local calendar day, oldest first', () => {
    assert.deepEqual(
      groupBy([cachedReview, code, batchReview], 'day').map((g) => [g.key, g.calls, g.costMicroUsd]),
      [
        ['2026-03-10', 1, 750_000],
        ['2026-03-11', 2, 1_175_000],
      ],
    );
  });

  it('filters by session and by a from-inclusive, to-exclusive time range', () => {
    assert.deepEqual(filterRecords(all, { session: 's2' }), [batchReview, cachedReview]);
    assert.deepEqual(filterRecords(all, { from: new Date(earlyOnEleventh) }), [batchReview, cachedReview]);
    assert.deepEqual(filterRecords(all, { to: new Date(earlyOnEleventh) }), [code]);
    assert.deepEqual(filterRecords(all, { session: 's1', from: new Date(earlyOnEleventh) }), []);
    assert.deepEqual(filterRecords(all, {}), all);
  });

  it('turns report periods into local calendar bounds', () => {
    const now = new Date(2026, 2, 15, 14, 30);
    assert.deepEqual(periodRange('today', now), { from: new Date(2026, 2, 15) });
    assert.deepEqual(periodRange('7d', now), { from: new Date(2026, 2, 9) });
    assert.deepEqual(periodRange('30d', now), { from: new Date(2026, 1, 14) });
    assert.deepEqual(periodRange('session', now), {});
    assert.deepEqual(periodRange('all', now), {});
    // "today" at 00:30 still starts at that midnight, not 24 hours back.
    assert.deepEqual(periodRange('today', new Date(2026, 0, 1, 0, 30)), { from: new Date(2026, 0, 1) });
  });

  it('gives the cache hit rate as cached share of prompt tokens, 0 with no prompt', () => {
    assert.equal(cacheHitRate({ ...ZERO_USAGE, input: 100, cacheRead: 900, output: 5_000 }), 0.9);
    assert.equal(cacheHitRate({ ...ZERO_USAGE, input: 50, cacheRead: 100, cacheWrite5m: 50 }), 0.5);
    assert.equal(cacheHitRate(ZERO_USAGE), 0);
  });
});
