import assert from 'node:assert/strict';
import { deepFreeze } from '../../../fixtures/deepFreeze';
import { costMicroUsd } from '../../../../src/core/cost/cost';
import { applyModelOverrides } from '../../../../src/core/models/catalog';
import { DEFAULT_MODELS, type ModelTable } from '../../../../src/core/models/modelTable';
import { ZERO_USAGE, type Usage } from '../../../../src/core/usage/usage';

// A frozen copy: any mutation of the defaults throws, and the original is compared after.
const models: ModelTable = deepFreeze(structuredClone(DEFAULT_MODELS));
const usage = (u: Partial<Usage>): Usage => ({ ...ZERO_USAGE, ...u });

/** A newer OpenAI model that bills prompt-cache writes at 1.25× input (illustrative prices). */
const GPT_5_6 = { provider: 'openai', inputPerMTok: 1.25, outputPerMTok: 10, cacheWritePerMTok: 1.5625, contextWindow: 400_000, maxOutputTokens: 128_000 };
/** A newer Claude Haiku that bills the whole request at higher rates above 100K prompt tokens (illustrative prices). */
const HAIKU_5_5 = {
  provider: 'anthropic', displayName: 'Claude Haiku 5.5', inputPerMTok: 1, outputPerMTok: 5, contextWindow: 400_000, maxOutputTokens: 64_000,
  longContext: { aboveInputTokens: 100_000, inputPerMTok: 2, outputPerMTok: 7.5 },
};
/** The same model without its long-context tier. */
const HAIKU_5_5_BASE: Record<string, unknown> = { ...HAIKU_5_5 };
delete HAIKU_5_5_BASE.longContext;

describe('tandem.models: overriding a built-in model', () => {
  it('leaves the defaults alone when nothing is set', () => {
    for (const raw of [undefined, null, {}]) {
      const { table, problems } = applyModelOverrides(models, raw);
      assert.deepEqual(table, DEFAULT_MODELS);
      assert.deepEqual(problems, []);
    }
  });

  it('takes prices in dollars per million tokens and bills calls with them', () => {
    const { table, problems } = applyModelOverrides(models, {
      'gpt-5.4-mini': { inputPerMTok: 0.8, outputPerMTok: 5, cacheReadPerMTok: 0.07 },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(table['gpt-5.4-mini'].prices, { ...DEFAULT_MODELS['gpt-5.4-mini'].prices, input: 800_000, output: 5_000_000, cacheRead: 70_000 });
    // 1M input at $0.80 + 1M cached at $0.07 + 1,000 output at $5/M = 800,000 + 70,000 + 5,000 micro-dollars
    const call = { ...ZERO_USAGE, input: 1_000_000, cacheRead: 1_000_000, output: 1_000 };
    assert.equal(costMicroUsd(call, table['gpt-5.4-mini'].prices), 875_000);
    assert.deepEqual(table['claude-haiku-4-5'], DEFAULT_MODELS['claude-haiku-4-5']);
  });

  it('takes cache write prices and a batch discount', () => {
    const { table, problems } = applyModelOverrides(models, {
      'claude-haiku-4-5': { cacheWrite5mPerMTok: 1.5, cacheWrite1hPerMTok: 2.5, batchDiscountPercent: 40 },
    });
    assert.deepEqual(problems, []);
    const prices = table['claude-haiku-4-5'].prices;
    assert.equal(prices.cacheWrite5m, 1_500_000);
    assert.equal(prices.cacheWrite1h, 2_500_000);
    assert.equal(prices.batchPercent, 60);
    // 1,000 output tokens × $5/M = 5,000 µ$, at 60% in a batch = 3,000
    assert.equal(costMicroUsd({ ...ZERO_USAGE, output: 1_000 }, prices, { batch: true }), 3_000);
  });

  it('takes token limits that fit together', () => {
    const { table, problems } = applyModelOverrides(models, {
      'claude-haiku-4-5': { contextWindow: 1_000_000, maxInputTokens: 900_000, maxOutputTokens: 64_000 },
    });
    assert.deepEqual(problems, []);
    assert.equal(table['claude-haiku-4-5'].contextWindow, 1_000_000);
    assert.equal(table['claude-haiku-4-5'].maxInput, 900_000);
  });

  it('rejects a negative price, keeps the default for it, and applies the rest', () => {
    const { table, problems } = applyModelOverrides(models, { 'gpt-5.4-mini': { inputPerMTok: -1, outputPerMTok: 5 } });
    assert.deepEqual(problems, ['tandem.models["gpt-5.4-mini"].inputPerMTok: -1 is not a price (must be a number ≥ 0); keeping $0.75']);
    assert.equal(table['gpt-5.4-mini'].prices.input, 750_000);
    assert.equal(table['gpt-5.4-mini'].prices.output, 5_000_000);
  });

  it('rejects prices that are not finite numbers, naming each value', () => {
    const { table, problems } = applyModelOverrides(models, {
      'gpt-5.4-mini': { inputPerMTok: '0.75', outputPerMTok: Number.NaN, cacheReadPerMTok: Number.POSITIVE_INFINITY },
      'claude-haiku-4-5': { cacheWrite1hPerMTok: null },
    });
    assert.deepEqual(problems, [
      'tandem.models["gpt-5.4-mini"].inputPerMTok: "0.75" is not a price (must be a number ≥ 0); keeping $0.75',
      'tandem.models["gpt-5.4-mini"].outputPerMTok: NaN is not a price (must be a number ≥ 0); keeping $4.50',
      'tandem.models["gpt-5.4-mini"].cacheReadPerMTok: Infinity is not a price (must be a number ≥ 0); keeping $0.075',
      'tandem.models["claude-haiku-4-5"].cacheWrite1hPerMTok: null is not a price (must be a number ≥ 0); keeping $2.00',
    ]);
    assert.deepEqual(table, DEFAULT_MODELS);
  });

  it('rejects a price typed in micro-dollars instead of dollars', () => {
    const { table, problems } = applyModelOverrides(models, { 'gpt-5.4-mini': { inputPerMTok: 750_000 } });
    assert.deepEqual(problems, [
      'tandem.models["gpt-5.4-mini"].inputPerMTok: 750000 is not a plausible price (at most $10,000 per million tokens); keeping $0.75',
    ]);
    assert.equal(table['gpt-5.4-mini'].prices.input, 750_000);
  });

  it('accepts a free model (price 0)', () => {
    const { table, problems } = applyModelOverrides(models, { 'gpt-5.4-mini': { inputPerMTok: 0 } });
    assert.deepEqual(problems, []);
    assert.equal(table['gpt-5.4-mini'].prices.input, 0);
  });

  it('rejects token limits that are not whole positive numbers', () => {
    const { table, problems } = applyModelOverrides(models, {
      'gpt-5.4-mini': { contextWindow: 0, maxInputTokens: -5, maxOutputTokens: 1.5 },
      'claude-haiku-4-5': { maxOutputTokens: '64k' },
    });
    assert.deepEqual(problems, [
      'tandem.models["gpt-5.4-mini"].contextWindow: 0 is not a token count (must be a whole number > 0); keeping 400,000',
      'tandem.models["gpt-5.4-mini"].maxInputTokens: -5 is not a token count (must be a whole number > 0); keeping 272,000',
      'tandem.models["gpt-5.4-mini"].maxOutputTokens: 1.5 is not a token count (must be a whole number > 0); keeping 128,000',
      'tandem.models["claude-haiku-4-5"].maxOutputTokens: "64k" is not a token count (must be a whole number > 0); keeping 64,000',
    ]);
    assert.deepEqual(table, DEFAULT_MODELS);
  });

  it('rejects an input limit larger than the context window', () => {
    const { table, problems } = applyModelOverrides(models, { 'claude-haiku-4-5': { maxInputTokens: 300_000, maxOutputTokens: 32_000 } });
    assert.deepEqual(problems, [
      'tandem.models["claude-haiku-4-5"].maxInputTokens: 300000 is more than the context window (200,000); keeping 200,000',
    ]);
    assert.equal(table['claude-haiku-4-5'].maxInput, 200_000);
    assert.equal(table['claude-haiku-4-5'].maxOutput, 32_000);
  });

  it('rejects a context window smaller than the input limit it would have to hold', () => {
    const { table, problems } = applyModelOverrides(models, { 'gpt-5.4-mini': { contextWindow: 100_000 } });
    assert.deepEqual(problems, [
      'tandem.models["gpt-5.4-mini"].contextWindow: 100000 is less than maxInputTokens (272,000); keeping 400,000',
    ]);
    assert.equal(table['gpt-5.4-mini'].contextWindow, 400_000);
  });

  it('keeps a smaller window when the limits are lowered with it', () => {
    const { table, problems } = applyModelOverrides(models, {
      'gpt-5.4-mini': { contextWindow: 100_000, maxInputTokens: 80_000, maxOutputTokens: 20_000 },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual([table['gpt-5.4-mini'].contextWindow, table['gpt-5.4-mini'].maxInput, table['gpt-5.4-mini'].maxOutput], [100_000, 80_000, 20_000]);
  });

  it('rejects a batch discount outside 0–100', () => {
    const { table, problems } = applyModelOverrides(models, {
      'gpt-5.4-mini': { batchDiscountPercent: 150 },
      'claude-haiku-4-5': { batchDiscountPercent: -10 },
    });
    assert.deepEqual(problems, [
      'tandem.models["gpt-5.4-mini"].batchDiscountPercent: 150 is not a discount (must be a number from 0 to 100); keeping 50%',
      'tandem.models["claude-haiku-4-5"].batchDiscountPercent: -10 is not a discount (must be a number from 0 to 100); keeping 50%',
    ]);
    assert.deepEqual(table, DEFAULT_MODELS);
  });

  it('reports an unknown field and still applies the known ones', () => {
    const { table, problems } = applyModelOverrides(models, { 'gpt-5.4-mini': { inputPrice: 1, toString: 2, outputPerMTok: 4 } });
    assert.equal(problems.length, 2);
    assert.match(problems[0], /^tandem\.models\["gpt-5\.4-mini"\]\.inputPrice: unknown field \(known: provider, displayName, inputPerMTok, .*priceMultiplier\); ignored$/);
    assert.match(problems[1], /\.toString: unknown field/);
    assert.equal(table['gpt-5.4-mini'].prices.output, 4_000_000);
  });

  it('reports settings of the wrong shape and keeps the defaults', () => {
    assert.deepEqual(applyModelOverrides(models, [1, 2]).problems, ['tandem.models: [1,2] is not an object of models by id; keeping the built-in models']);
    assert.deepEqual(applyModelOverrides(models, 'cheap').problems, ['tandem.models: "cheap" is not an object of models by id; keeping the built-in models']);
    const { table, problems } = applyModelOverrides(models, { 'gpt-5.4-mini': 0.75 });
    assert.deepEqual(problems, ['tandem.models["gpt-5.4-mini"]: 0.75 is not an object of model fields; keeping the built-in GPT-5.4 Mini']);
    assert.deepEqual(table, DEFAULT_MODELS);
  });

  it('never changes the defaults it was given', () => {
    const { table } = applyModelOverrides(models, {
      'gpt-5.4-mini': { inputPerMTok: 1, contextWindow: 500_000, batchDiscountPercent: 10 },
      'claude-haiku-4-5': { outputPerMTok: 6 },
    });
    assert.deepEqual(models, DEFAULT_MODELS);
    assert.notEqual(table['gpt-5.4-mini'].prices, models['gpt-5.4-mini'].prices);
  });
});


describe('tandem.models: adding a model', () => {
  it('adds an OpenAI model with the provider\'s defaults for what the entry leaves out', () => {
    const { table, problems } = applyModelOverrides(models, { 'gpt-5.6': GPT_5_6 });
    assert.deepEqual(problems, []);
    assert.deepEqual(table['gpt-5.6'], {
      id: 'gpt-5.6',
      provider: 'openai',
      displayName: 'gpt-5.6',
      // Cache read 0.1 × input; its cache writes as given; batch 50% off.
      prices: { input: 1_250_000, output: 10_000_000, cacheRead: 125_000, cacheWrite5m: 1_562_500, cacheWrite1h: 1_562_500, batchPercent: 50 },
      // OpenAI's input limit is the window less the output: 400K − 128K.
      contextWindow: 400_000,
      maxInput: 272_000,
      maxOutput: 128_000,
      minCacheablePrefix: 1024,
      sources: ['tandem.models in the user settings'],
    });
    assert.deepEqual(table['gpt-5.4-mini'], DEFAULT_MODELS['gpt-5.4-mini']);
  });

  it('adds an Anthropic model with Anthropic\'s cache rules: writes 1.25× and 2× input, reads 0.1×', () => {
    const { table, problems } = applyModelOverrides(models, {
      'claude-sonnet-9': { provider: 'anthropic', inputPerMTok: 3, outputPerMTok: 15, contextWindow: 200_000, maxOutputTokens: 64_000, minCacheablePrefixTokens: 2048 },
    });
    assert.deepEqual(problems, []);
    const spec = table['claude-sonnet-9'];
    assert.deepEqual(spec.prices, { input: 3_000_000, output: 15_000_000, cacheRead: 300_000, cacheWrite5m: 3_750_000, cacheWrite1h: 6_000_000, batchPercent: 50 });
    // Anthropic lets input fill the window.
    assert.deepEqual([spec.maxInput, spec.maxOutput, spec.minCacheablePrefix], [200_000, 64_000, 2048]);
  });

  it('takes every field a built-in model has, plus a display name', () => {
    const { table, problems } = applyModelOverrides(models, {
      'claude-x': {
        provider: 'anthropic', displayName: ' Claude X ', inputPerMTok: 2, outputPerMTok: 8, cacheReadPerMTok: 0.25, cacheWrite5mPerMTok: 2.4,
        cacheWrite1hPerMTok: 3.9, batchDiscountPercent: 40, contextWindow: 300_000, maxInputTokens: 250_000, maxOutputTokens: 32_000,
      },
    });
    assert.deepEqual(problems, []);
    assert.equal(table['claude-x'].displayName, 'Claude X');
    assert.deepEqual(table['claude-x'].prices, { input: 2_000_000, output: 8_000_000, cacheRead: 250_000, cacheWrite5m: 2_400_000, cacheWrite1h: 3_900_000, batchPercent: 60 });
    assert.equal(table['claude-x'].maxInput, 250_000);
  });

  it('refuses a new model without its required fields, naming each, and keeps the rest of the catalog', () => {
    const { table, problems } = applyModelOverrides(models, { 'gpt-4o': { inputPerMTok: 2.5 }, 'claude-haiku-4-5': { inputPerMTok: 0.9 } });
    const needs = 'missing: a new model needs provider, inputPerMTok, outputPerMTok, contextWindow, maxOutputTokens';
    assert.deepEqual(problems, [
      `tandem.models["gpt-4o"].provider: ${needs}; "gpt-4o" is not added`,
      `tandem.models["gpt-4o"].outputPerMTok: ${needs}; "gpt-4o" is not added`,
      `tandem.models["gpt-4o"].contextWindow: ${needs}; "gpt-4o" is not added`,
      `tandem.models["gpt-4o"].maxOutputTokens: ${needs}; "gpt-4o" is not added`,
    ]);
    assert.equal('gpt-4o' in table, false);
    assert.equal(table['claude-haiku-4-5'].prices.input, 900_000);
  });

  it('refuses a new model with any impossible value, naming every field, since a guessed price could be wrong', () => {
    const { table, problems } = applyModelOverrides(models, {
      bad: {
        provider: 'azure', displayName: '', inputPerMTok: -1, outputPerMTok: '10', cacheReadPerMTok: 20_000, cacheWritePerMTok: null,
        batchDiscountPercent: 101, contextWindow: 0, maxInputTokens: 1.5, maxOutputTokens: -3, minCacheablePrefixTokens: 0,
        priceMultiplier: 0, longContext: 5,
      },
    });
    const not = '"bad" is not added';
    assert.deepEqual(problems, [
      `tandem.models["bad"].provider: "azure" is not a provider (must be "openai" or "anthropic"); ${not}`,
      `tandem.models["bad"].displayName: "" is not a display name (must be text of 1 to 60 characters); ${not}`,
      `tandem.models["bad"].inputPerMTok: -1 is not a price (must be a number ≥ 0); ${not}`,
      `tandem.models["bad"].outputPerMTok: "10" is not a price (must be a number ≥ 0); ${not}`,
      `tandem.models["bad"].cacheReadPerMTok: 20000 is not a plausible price (at most $10,000 per million tokens); ${not}`,
      `tandem.models["bad"].cacheWritePerMTok: null is not a price (must be a number ≥ 0); ${not}`,
      `tandem.models["bad"].batchDiscountPercent: 101 is not a discount (must be a number from 0 to 100); ${not}`,
      `tandem.models["bad"].contextWindow: 0 is not a token count (must be a whole number > 0); ${not}`,
      `tandem.models["bad"].maxInputTokens: 1.5 is not a token count (must be a whole number > 0); ${not}`,
      `tandem.models["bad"].maxOutputTokens: -3 is not a token count (must be a whole number > 0); ${not}`,
      `tandem.models["bad"].minCacheablePrefixTokens: 0 is not a token count (must be a whole number > 0); ${not}`,
      `tandem.models["bad"].priceMultiplier: 0 is not a price multiplier (must be a number above 0 and at most 10; 1.1 adds 10%); ${not}`,
      `tandem.models["bad"].longContext: 5 is not an object of long-context prices; ${not}`,
    ]);
    assert.deepEqual(table, DEFAULT_MODELS);
  });

  it("refuses the other provider's cache-write fields, naming the right ones", () => {
    const { table, problems } = applyModelOverrides(models, {
      'claude-x': { ...HAIKU_5_5_BASE, cacheWritePerMTok: 1.25 },
      'gpt-5.4-mini': { cacheWrite1hPerMTok: 2 },
    });
    assert.deepEqual(problems, [
      'tandem.models["claude-x"].cacheWritePerMTok: is for OpenAI models; Anthropic models take cacheWrite5mPerMTok and cacheWrite1hPerMTok; "claude-x" is not added',
      'tandem.models["gpt-5.4-mini"].cacheWrite1hPerMTok: is for Anthropic models; OpenAI models take cacheWritePerMTok; keeping $0.75',
    ]);
    assert.equal('claude-x' in table, false);
    assert.deepEqual(table['gpt-5.4-mini'], DEFAULT_MODELS['gpt-5.4-mini']);
  });

  it('refuses limits that do not fit the window', () => {
    const { table, problems } = applyModelOverrides(models, {
      'gpt-a': { ...GPT_5_6, maxInputTokens: 500_000 },
      'gpt-b': { ...GPT_5_6, maxOutputTokens: 400_000 },
      'gpt-c': { ...GPT_5_6, maxOutputTokens: 500_000 },
    });
    assert.deepEqual(problems, [
      'tandem.models["gpt-a"].maxInputTokens: 500000 is more than the context window (400,000); "gpt-a" is not added',
      'tandem.models["gpt-b"].maxOutputTokens: 400000 leaves no room for input in the context window (set maxInputTokens); "gpt-b" is not added',
      'tandem.models["gpt-c"].maxOutputTokens: 500000 is more than the context window (400,000); "gpt-c" is not added',
    ]);
    assert.deepEqual(Object.keys(table), Object.keys(DEFAULT_MODELS));
  });

  it('reports an unknown field of a new model and still adds it', () => {
    const { table, problems } = applyModelOverrides(models, { 'gpt-5.6': { ...GPT_5_6, inputPrice: 2 } });
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^tandem\.models\["gpt-5\.6"\]\.inputPrice: unknown field \(known: provider, .*\); ignored$/);
    assert.equal(table['gpt-5.6'].prices.input, 1_250_000);
  });

  it('ignores an id that cannot be a model name', () => {
    const { table, problems } = applyModelOverrides(models, { 'gpt 5': GPT_5_6, '': GPT_5_6 });
    assert.deepEqual(problems, [
      'tandem.models["gpt 5"]: not a model id (the provider\'s name for the model, without spaces); ignored',
      'tandem.models[""]: not a model id (the provider\'s name for the model, without spaces); ignored',
    ]);
    assert.deepEqual(table, DEFAULT_MODELS);
  });

  it('refuses to move a built-in model to another provider', () => {
    const { table, problems } = applyModelOverrides(models, { 'gpt-5.4-mini': { provider: 'anthropic', outputPerMTok: 4 } });
    assert.deepEqual(problems, [
      'tandem.models["gpt-5.4-mini"].provider: "anthropic" is not GPT-5.4 Mini\'s provider (a built-in model\'s provider cannot change); keeping "openai"',
    ]);
    assert.equal(table['gpt-5.4-mini'].provider, 'openai');
    assert.equal(table['gpt-5.4-mini'].prices.output, 4_000_000);
  });

  it('keeps working entries when another is broken', () => {
    const { table, problems } = applyModelOverrides(models, {
      'gpt-5.6': GPT_5_6,
      'claude-broken': { provider: 'anthropic', inputPerMTok: 1, outputPerMTok: -5, contextWindow: 200_000, maxOutputTokens: 8_000 },
      'claude-haiku-5-5': HAIKU_5_5,
      'claude-haiku-4-5': { outputPerMTok: 'five', inputPerMTok: 0.9 },
    });
    assert.deepEqual(problems, [
      'tandem.models["claude-broken"].outputPerMTok: -5 is not a price (must be a number ≥ 0); "claude-broken" is not added',
      'tandem.models["claude-haiku-4-5"].outputPerMTok: "five" is not a price (must be a number ≥ 0); keeping $5.00',
    ]);
    assert.deepEqual(Object.keys(table), ['gpt-5.4-mini', 'claude-haiku-4-5', 'gpt-5.6', 'claude-haiku-5-5']);
    assert.equal(table['claude-haiku-4-5'].prices.input, 900_000);
    assert.equal(table['claude-haiku-4-5'].prices.output, 5_000_000);
  });
});

describe('tandem.models: OpenAI cache writes', () => {
  it('bills GPT-5.4 Mini\'s written prompt tokens at its input price (no write premium)', () => {
    const gpt = DEFAULT_MODELS['gpt-5.4-mini'].prices;
    // OpenAI reported 3,000 prompt tokens, 2,000 of them written to the cache: 3,000 × 0.75 + 100 × 4.5 = 2,700
    const written = usage({ input: 1_000, cacheWrite5m: 2_000, output: 100 });
    assert.equal(costMicroUsd(written, gpt), 2_700);
    assert.equal(costMicroUsd(written, gpt), costMicroUsd(usage({ input: 3_000, output: 100 }), gpt));
  });

  it('bills a model\'s cache-write rate where it has one', () => {
    const { table } = applyModelOverrides(models, { 'gpt-5.6': GPT_5_6 });
    // 1,000 × 1.25 = 1,250 + 2,000 × 1.5625 = 3,125 + 8,000 cached × 0.125 = 1,000 + 100 × 10 = 1,000 → 6,375
    assert.equal(costMicroUsd(usage({ input: 1_000, cacheWrite5m: 2_000, cacheRead: 8_000, output: 100 }), table['gpt-5.6'].prices), 6_375);
  });

  it('defaults a new OpenAI model\'s cache-write rate to its input price', () => {
    const plain: Record<string, unknown> = { ...GPT_5_6 };
    delete plain.cacheWritePerMTok;
    const { table } = applyModelOverrides(models, { 'gpt-plain': plain });
    assert.equal(table['gpt-plain'].prices.cacheWrite5m, 1_250_000);
    assert.equal(table['gpt-plain'].prices.cacheWrite1h, 1_250_000);
  });
});

describe('tandem.models: long-context tier', () => {
  const { table, problems } = applyModelOverrides(models, { 'claude-haiku-5-5': HAIKU_5_5 });
  const prices = table['claude-haiku-5-5'].prices;

  it('is read with its cache prices scaled like the base ones', () => {
    assert.deepEqual(problems, []);
    // Base: in $1, out $5, read 0.1×, writes 1.25× / 2×. Tier: in $2 (2× base), so read $0.20, writes $2.50 / $4.00.
    assert.deepEqual(prices.longContext, {
      aboveInputTokens: 100_000, input: 2_000_000, output: 7_500_000, cacheRead: 200_000, cacheWrite5m: 2_500_000, cacheWrite1h: 4_000_000,
    });
  });

  it('bills a prompt just below the threshold at the base prices', () => {
    // 60,000 + 30,000 + 9,999 = 99,999 prompt tokens:
    // 60,000 × 1 = 60,000 + 30,000 × 0.1 = 3,000 + 9,999 × 1.25 = 12,498.75 + 2,000 × 5 = 10,000 → 85,498.75 → 85,499
    assert.equal(costMicroUsd(usage({ input: 60_000, cacheRead: 30_000, cacheWrite5m: 9_999, output: 2_000 }), prices), 85_499);
  });

  it('bills a prompt at the threshold at the base prices ("above" is strictly above)', () => {
    // 100,000 prompt tokens: 60,000 + 3,000 + 10,000 × 1.25 = 12,500 + 10,000 → 85,500
    assert.equal(costMicroUsd(usage({ input: 60_000, cacheRead: 30_000, cacheWrite5m: 10_000, output: 2_000 }), prices), 85_500);
  });

  it('bills every token of a request above the threshold at the tier prices, output and cache included', () => {
    // 100,001 prompt tokens: 60,001 × 2 = 120,002 + 30,000 × 0.2 = 6,000 + 10,000 × 2.5 = 25,000 + 2,000 × 7.5 = 15,000 → 166,002
    const above = usage({ input: 60_001, cacheRead: 30_000, cacheWrite5m: 10_000, output: 2_000 });
    assert.equal(costMicroUsd(above, prices), 166_002);
    // 1-hour writes at the tier's 2×: 60,001 × 2 + 30,000 × 0.2 + 10,000 × 4 + 2,000 × 7.5 = 181,002
    assert.equal(costMicroUsd(usage({ input: 60_001, cacheRead: 30_000, cacheWrite1h: 10_000, output: 2_000 }), prices), 181_002);
  });

  it('counts cache reads and writes toward the threshold, not output', () => {
    // 1,000 uncached input, 99,001 read from the cache: 100,001 prompt tokens, so the tier applies.
    // 1,000 × 2 = 2,000 + 99,001 × 0.2 = 19,800.2 + 10 × 7.5 = 75 → 21,875.2 → 21,875
    assert.equal(costMicroUsd(usage({ input: 1_000, cacheRead: 99_001, output: 10 }), prices), 21_875);
    // 100,000 prompt tokens and a long answer: still the base prices. 100,000 × 1 + 50,000 × 5 = 350,000
    assert.equal(costMicroUsd(usage({ input: 100_000, output: 50_000 }), prices), 350_000);
  });

  it('applies the batch discount to the tier prices', () => {
    // 166,002 × 50% = 83,001; below the threshold 85,498.75 × 50% = 42,749.375 → 42,749
    assert.equal(costMicroUsd(usage({ input: 60_001, cacheRead: 30_000, cacheWrite5m: 10_000, output: 2_000 }), prices, { batch: true }), 83_001);
    assert.equal(costMicroUsd(usage({ input: 60_000, cacheRead: 30_000, cacheWrite5m: 9_999, output: 2_000 }), prices, { batch: true }), 42_749);
  });

  it('takes the tier\'s own cache prices when given', () => {
    const { table: t } = applyModelOverrides(models, {
      'claude-haiku-5-5': { ...HAIKU_5_5, longContext: { ...HAIKU_5_5.longContext, cacheReadPerMTok: 0.3, cacheWrite1hPerMTok: 5 } },
    });
    assert.deepEqual(t['claude-haiku-5-5'].prices.longContext, {
      aboveInputTokens: 100_000, input: 2_000_000, output: 7_500_000, cacheRead: 300_000, cacheWrite5m: 2_500_000, cacheWrite1h: 5_000_000,
    });
  });

  it('can be added to a built-in model', () => {
    const { table: t, problems: p } = applyModelOverrides(models, { 'gpt-5.4-mini': { longContext: { aboveInputTokens: 128_000, inputPerMTok: 1.5, outputPerMTok: 6.75 } } });
    assert.deepEqual(p, []);
    // GPT-5.4 Mini's cache read is 0.1× input and its write 1×: the tier keeps those ratios.
    assert.deepEqual(t['gpt-5.4-mini'].prices.longContext, {
      aboveInputTokens: 128_000, input: 1_500_000, output: 6_750_000, cacheRead: 150_000, cacheWrite5m: 1_500_000, cacheWrite1h: 1_500_000,
    });
  });

  it('is refused, naming the field, when incomplete, impossible or unreachable', () => {
    const { table: t, problems: p } = applyModelOverrides(models, {
      'claude-a': { ...HAIKU_5_5, longContext: { inputPerMTok: 2, outputPerMTok: 7.5 } },
      'claude-b': { ...HAIKU_5_5, longContext: { aboveInputTokens: 400_000, inputPerMTok: 2, outputPerMTok: 7.5 } },
      'claude-c': { ...HAIKU_5_5, longContext: { ...HAIKU_5_5.longContext, outputPerMTok: -1, threshold: 5 } },
      'claude-haiku-4-5': { longContext: { aboveInputTokens: 100_000, inputPerMTok: 2, outputPerMTok: 7.5, cacheWritePerMTok: 3 } },
    });
    assert.deepEqual(p, [
      'tandem.models["claude-a"].longContext.aboveInputTokens: missing: a long-context tier needs aboveInputTokens, inputPerMTok, outputPerMTok; "claude-a" is not added',
      'tandem.models["claude-b"].longContext.aboveInputTokens: 400000 is not below the input limit (400,000), so the tier could never apply; "claude-b" is not added',
      'tandem.models["claude-c"].longContext.outputPerMTok: -1 is not a price (must be a number ≥ 0); "claude-c" is not added',
      'tandem.models["claude-c"].longContext.threshold: unknown field (known: aboveInputTokens, inputPerMTok, outputPerMTok, cacheReadPerMTok, cacheWritePerMTok, cacheWrite5mPerMTok, cacheWrite1hPerMTok); ignored',
      'tandem.models["claude-haiku-4-5"].longContext.cacheWritePerMTok: is for OpenAI models; Anthropic models take cacheWrite5mPerMTok and cacheWrite1hPerMTok; keeping no long-context tier',
    ]);
    assert.deepEqual(t, DEFAULT_MODELS);
  });
});

describe('tandem.models: price multiplier', () => {
  it('multiplies every price of a built-in model (regional processing +10%)', () => {
    const { table, problems } = applyModelOverrides(models, { 'claude-haiku-4-5': { priceMultiplier: 1.1 } });
    assert.deepEqual(problems, []);
    assert.deepEqual(table['claude-haiku-4-5'].prices, { input: 1_100_000, output: 5_500_000, cacheRead: 110_000, cacheWrite5m: 1_375_000, cacheWrite1h: 2_200_000, batchPercent: 50 });
    // 1,000 × 1.1 + 1,000 × 5.5 = 6,600
    assert.equal(costMicroUsd(usage({ input: 1_000, output: 1_000 }), table['claude-haiku-4-5'].prices), 6_600);
  });

  it('multiplies the long-context tier too, after the prices the entry names', () => {
    const { table } = applyModelOverrides(models, { 'claude-haiku-5-5': { ...HAIKU_5_5, priceMultiplier: 1.1 } });
    const prices = table['claude-haiku-5-5'].prices;
    assert.deepEqual([prices.input, prices.output, prices.cacheRead, prices.cacheWrite5m, prices.cacheWrite1h], [1_100_000, 5_500_000, 110_000, 1_375_000, 2_200_000]);
    assert.deepEqual(prices.longContext, {
      aboveInputTokens: 100_000, input: 2_200_000, output: 8_250_000, cacheRead: 220_000, cacheWrite5m: 2_750_000, cacheWrite1h: 4_400_000,
    });
    // Above the threshold: 60,001 × 2.2 = 132,002.2 + 30,000 × 0.22 = 6,600 + 10,000 × 2.75 = 27,500 + 2,000 × 8.25 = 16,500 → 182,602.2 → 182,602
    assert.equal(costMicroUsd(usage({ input: 60_001, cacheRead: 30_000, cacheWrite5m: 10_000, output: 2_000 }), prices), 182_602);
  });
});

describe('cost arithmetic at the edges of plausible input', () => {
  it('stays exact past 2^53 micro-dollars × 1e6: two million tokens at $10,000 per MTok, in a batch', () => {
    const { table } = applyModelOverrides(models, {
      'gpt-huge': { provider: 'openai', inputPerMTok: 10_000, outputPerMTok: 9_999.999_999, contextWindow: 3_000_000, maxOutputTokens: 1_000_000 },
    });
    const prices = table['gpt-huge'].prices;
    // 2,000,000 × $10,000/MTok = $20,000 = 20,000,000,000 µ$; 999,999 output × 9,999.999999 µ$ = 9,999,989,999.000001 µ$
    const call = usage({ input: 2_000_000, output: 999_999 });
    assert.equal(costMicroUsd(call, prices), 29_999_989_999);
    // Half of 29,999,989,999.000001 = 14,999,994,999.5000005 → 14,999,994,999.5… rounds up
    assert.equal(costMicroUsd(call, prices, { batch: true }), 14_999_995_000);
  });
});
