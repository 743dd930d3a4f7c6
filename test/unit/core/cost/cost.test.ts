import assert from 'node:assert/strict';
import { costMicroUsd, costOnModel } from '../../../../src/core/cost/cost';
import { applyModelOverrides } from '../../../../src/core/models/catalog';
import { DEFAULT_MODELS } from '../../../../src/core/models/modelTable';
import { ZERO_USAGE, type Usage } from '../../../../src/core/usage/usage';

// Prices, in micro-dollars per token: gpt-5.4-mini in 0.75, cached read 0.075, out 4.5;
// claude-haiku-4-5 in 1, cache write 5m 1.25, 1h 2, cache read 0.1, out 5.
const gpt = DEFAULT_MODELS['gpt-5.4-mini'];
const haiku = DEFAULT_MODELS['claude-haiku-4-5'];
const usage = (u: Partial<Usage>): Usage => ({ ...ZERO_USAGE, ...u });

// OpenAI reported input_tokens 12,000 of which cached 8,192, output_tokens 1,500 of which reasoning 600.
// Normalised: input excludes the cached tokens (12,000 − 8,192 = 3,808); output already includes reasoning.
const openAiCall = usage({ input: 3_808, cacheRead: 8_192, output: 1_500, reasoning: 600 });

// A compliance review on Haiku that writes a 6,000-token rules prefix to the cache.
const reviewWrite5m = usage({ input: 1_250, cacheWrite5m: 6_000, output: 430 });

describe('cost of one call (micro-dollars)', () => {
  it('OpenAI with cached and reasoning tokens on gpt-5.4-mini', () => {
    // 3,808 × 0.75 = 2,856 + 8,192 × 0.075 = 614.4 + 1,500 × 4.5 = 6,750 → 10,220.4 → 10,220
    assert.equal(costMicroUsd(openAiCall, gpt.prices), 10_220);
  });

  it('bills reasoning tokens once, as part of output', () => {
    // Same tokens billed with or without the reasoning breakdown: 10,220 both times.
    assert.equal(costMicroUsd({ ...openAiCall, reasoning: 0 }, gpt.prices), costMicroUsd(openAiCall, gpt.prices));
  });

  it('Anthropic cache write with the 5-minute TTL on claude-haiku-4-5', () => {
    // 1,250 × 1 = 1,250 + 6,000 × 1.25 = 7,500 + 430 × 5 = 2,150 → 10,900
    assert.equal(costMicroUsd(reviewWrite5m, haiku.prices), 10_900);
  });

  it('Anthropic cache write with the 1-hour TTL costs twice the input price', () => {
    // 1,250 × 1 = 1,250 + 6,000 × 2 = 12,000 + 430 × 5 = 2,150 → 15,400
    assert.equal(costMicroUsd(usage({ input: 1_250, cacheWrite1h: 6_000, output: 430 }), haiku.prices), 15_400);
  });

  it('Anthropic cache read is 90% off the input price', () => {
    // The next review reads the prefix back: 1,250 × 1 = 1,250 + 6,000 × 0.1 = 600 + 430 × 5 = 2,150 → 4,000
    assert.equal(costMicroUsd(usage({ input: 1_250, cacheRead: 6_000, output: 430 }), haiku.prices), 4_000);
  });

  it('Anthropic with every kind of token at once', () => {
    // 1,337 × 1 = 1,337 + 4,123 × 1.25 = 5,153.75 + 2,048 × 2 = 4,096 + 9,001 × 0.1 = 900.1 + 777 × 5 = 3,885
    // = 15,371.85 → 15,372
    const all = usage({ input: 1_337, cacheWrite5m: 4_123, cacheWrite1h: 2_048, cacheRead: 9_001, output: 777 });
    assert.equal(costMicroUsd(all, haiku.prices), 15_372);
  });

  it('a full window on gpt-5.4-mini is exact: $0.78', () => {
    // 272,000 × 0.75 = 204,000 + 128,000 × 4.5 = 576,000 → 780,000
    assert.equal(costMicroUsd(usage({ input: 272_000, output: 128_000 }), gpt.prices), 780_000);
  });

  it('no tokens cost nothing', () => {
    assert.equal(costMicroUsd(ZERO_USAGE, haiku.prices), 0);
  });
});

describe('batch calls', () => {
  it('are half price on gpt-5.4-mini', () => {
    // 10,220.4 × 50% = 5,110.2 → 5,110
    assert.equal(costMicroUsd(openAiCall, gpt.prices, { batch: true }), 5_110);
  });

  it('are half price on claude-haiku-4-5, cache tokens included', () => {
    // 15,371.85 × 50% = 7,685.925 → 7,686
    const all = usage({ input: 1_337, cacheWrite5m: 4_123, cacheWrite1h: 2_048, cacheRead: 9_001, output: 777 });
    assert.equal(costMicroUsd(all, haiku.prices, { batch: true }), 7_686);
  });

  it('round the discounted amount, not the interactive price halved', () => {
    // 1 × 1 + 16 × 0.1 = 2.6: interactive 3; batch 2.6 × 50% = 1.3 → 1 (halving the rounded 3 would give 2)
    const small = usage({ input: 1, cacheRead: 16 });
    assert.equal(costMicroUsd(small, haiku.prices), 3);
    assert.equal(costMicroUsd(small, haiku.prices, { batch: true }), 1);
  });
});

describe('rounding', () => {
  it('rounds half a micro-dollar up', () => {
    // 2 × 0.75 = 1.5 → 2
    assert.equal(costMicroUsd(usage({ input: 2 }), gpt.prices), 2);
  });

  it('rounds below half down', () => {
    // 6 × 0.075 = 0.45 → 0
    assert.equal(costMicroUsd(usage({ cacheRead: 6 }), gpt.prices), 0);
  });

  it('rounds once per call, not once per kind of token', () => {
    // 4 × 0.1 = 0.4 + 1 × 1.25 = 1.25 → 1.65 → 2 (rounding each part would give 0 + 1 = 1)
    assert.equal(costMicroUsd(usage({ cacheRead: 4, cacheWrite5m: 1 }), haiku.prices), 2);
  });
});

describe('what the same call would have cost on the other model', () => {
  it("bills Anthropic cache writes at gpt-5.4-mini's cache-write rate, which is its input price", () => {
    // (1,250 + 6,000) × 0.75 = 5,437.5 + 430 × 4.5 = 1,935 → 7,372.5 → 7,373
    assert.equal(costOnModel(reviewWrite5m, gpt), 7_373);
  });

  it('bills 1-hour and 5-minute writes alike on gpt-5.4-mini', () => {
    // (100 + 2,000 + 3,000) × 0.75 = 3,825 + 10,000 × 0.075 = 750 + 200 × 4.5 = 900 → 5,475
    const mixed = usage({ input: 100, cacheWrite5m: 2_000, cacheWrite1h: 3_000, cacheRead: 10_000, output: 200 });
    assert.equal(costOnModel(mixed, gpt), 5_475);
  });

  it('keeps cache reads as reads on claude-haiku-4-5', () => {
    // 3,808 × 1 = 3,808 + 8,192 × 0.1 = 819.2 + 1,500 × 5 = 7,500 → 12,127.2 → 12,127
    assert.equal(costOnModel(openAiCall, haiku), 12_127);
  });

  it('on the same model is the call’s own cost', () => {
    assert.equal(costOnModel(reviewWrite5m, haiku), 10_900);
    assert.equal(costOnModel(openAiCall, gpt), 10_220);
  });

  it('bills cache writes at the premium of a target that charges one, 1-hour writes included', () => {
    const gpt56 = applyModelOverrides(DEFAULT_MODELS, {
      'gpt-5.6': { provider: 'openai', inputPerMTok: 1.25, outputPerMTok: 10, cacheWritePerMTok: 1.5625, contextWindow: 400_000, maxOutputTokens: 128_000 },
    }).table['gpt-5.6'];
    // 1,250 × 1.25 = 1,562.5 + 6,000 × 1.5625 = 9,375 + 430 × 10 = 4,300 → 15,237.5 → 15,238
    assert.equal(costOnModel(reviewWrite5m, gpt56), 15_238);
    assert.equal(costOnModel(usage({ input: 1_250, cacheWrite1h: 6_000, output: 430 }), gpt56), 15_238);
  });

  it("bills an OpenAI call's cache writes as 5-minute writes on claude-haiku-4-5, or as input below its 4,096-token minimum", () => {
    // 1,000 × 1 + 5,000 × 1.25 = 6,250 + 100 × 5 = 500 → 7,750
    assert.equal(costOnModel(usage({ input: 1_000, cacheWrite5m: 5_000, output: 100 }), haiku), 7_750);
    // 2,000 written tokens are under Haiku's minimum: (1,000 + 2,000) × 1 + 500 → 3,500
    assert.equal(costOnModel(usage({ input: 1_000, cacheWrite5m: 2_000, output: 100 }), haiku), 3_500);
  });

  it('applies the batch rate of the target', () => {
    // 7,372.5 × 50% = 3,686.25 → 3,686
    assert.equal(costOnModel(reviewWrite5m, gpt, { batch: true }), 3_686);
  });
});
