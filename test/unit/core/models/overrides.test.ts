import assert from 'node:assert/strict';
import { costMicroUsd } from '../../../../src/core/cost/cost';
import { DEFAULT_MODELS, DEFAULT_ROUTES, type ModelTable, type RoutingTable } from '../../../../src/core/models/modelTable';
import { applyModelOverrides, applyRoutingOverrides } from '../../../../src/core/models/overrides';
import { route } from '../../../../src/core/routing/router';
import { ZERO_USAGE } from '../../../../src/core/usage/usage';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

// Frozen copies: any mutation of the defaults throws, and the originals are compared after.
const models: ModelTable = deepFreeze(structuredClone(DEFAULT_MODELS));
const routes: RoutingTable = deepFreeze(structuredClone(DEFAULT_ROUTES));

describe('tandem.models overrides', () => {
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

  it('reports an unknown model and still applies the known one', () => {
    const { table, problems } = applyModelOverrides(models, { 'gpt-4o': { inputPerMTok: 2.5 }, 'claude-haiku-4-5': { inputPerMTok: 0.9 } });
    assert.deepEqual(problems, ['tandem.models["gpt-4o"]: unknown model (known: "gpt-5.4-mini", "claude-haiku-4-5"); ignored']);
    assert.equal(table['claude-haiku-4-5'].prices.input, 900_000);
    assert.equal('gpt-4o' in table, false);
  });

  it('reports an unknown field and still applies the known ones', () => {
    const { table, problems } = applyModelOverrides(models, { 'gpt-5.4-mini': { inputPrice: 1, toString: 2, outputPerMTok: 4 } });
    assert.equal(problems.length, 2);
    assert.match(problems[0], /^tandem\.models\["gpt-5\.4-mini"\]\.inputPrice: unknown setting \(known: inputPerMTok, .*maxOutputTokens\); ignored$/);
    assert.match(problems[1], /\.toString: unknown setting/);
    assert.equal(table['gpt-5.4-mini'].prices.output, 4_000_000);
  });

  it('reports settings of the wrong shape and keeps the defaults', () => {
    assert.deepEqual(applyModelOverrides(models, [1, 2]).problems, ['tandem.models: [1,2] is not an object of model overrides; keeping the defaults']);
    assert.deepEqual(applyModelOverrides(models, 'cheap').problems, ['tandem.models: "cheap" is not an object of model overrides; keeping the defaults']);
    const { table, problems } = applyModelOverrides(models, { 'gpt-5.4-mini': 0.75 });
    assert.deepEqual(problems, ['tandem.models["gpt-5.4-mini"]: 0.75 is not an object of overrides; keeping the defaults for GPT-5.4 Mini']);
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

describe('tandem.routing overrides', () => {
  it('leaves the routes alone when nothing is set', () => {
    const { table, problems } = applyRoutingOverrides(routes, undefined);
    assert.deepEqual(table, DEFAULT_ROUTES);
    assert.deepEqual(problems, []);
  });

  it('moves a task to another model and says the choice came from settings', () => {
    const { table, problems } = applyRoutingOverrides(routes, { explain: 'gpt-5.4-mini' });
    assert.deepEqual(problems, []);
    assert.deepEqual(table.explain, { ...DEFAULT_ROUTES.explain, model: 'gpt-5.4-mini', reason: 'set in settings (tandem.routing.explain)' });
    assert.deepEqual(table.review, DEFAULT_ROUTES.review);
  });

  it('shows the settings reason on the routed call', () => {
    const { table } = applyRoutingOverrides(routes, { explain: 'gpt-5.4-mini' });
    const decision = route(
      { task: 'explain', inputTokens: { openai: 500, anthropic: 500 }, hasKey: () => true, isCoolingDown: () => false, fallbackEnabled: true },
      DEFAULT_MODELS,
      table,
    );
    assert.equal(decision.kind, 'call');
    assert.equal(decision.kind === 'call' && decision.model, 'gpt-5.4-mini');
    assert.match(decision.reason, /set in settings \(tandem\.routing\.explain\)/);
  });

  it('reports an unknown task, an unknown model and a non-string, and applies the rest', () => {
    const { table, problems } = applyRoutingOverrides(routes, {
      summarize: 'claude-haiku-4-5',
      review: 'gpt-4o',
      explain: 7,
      generateSql: 'claude-haiku-4-5',
    });
    assert.deepEqual(problems, [
      'tandem.routing.summarize: unknown task (known: completion, generateCode, editSelection, generateSql, generateJson, review, explain); ignored',
      'tandem.routing.review: "gpt-4o" is not a model (use "gpt-5.4-mini" or "claude-haiku-4-5"); keeping claude-haiku-4-5',
      'tandem.routing.explain: 7 is not a model (use "gpt-5.4-mini" or "claude-haiku-4-5"); keeping claude-haiku-4-5',
    ]);
    assert.equal(table.generateSql.model, 'claude-haiku-4-5');
    assert.deepEqual(table.review, DEFAULT_ROUTES.review);
    assert.deepEqual(table.explain, DEFAULT_ROUTES.explain);
  });

  it('reports settings of the wrong shape and keeps the default routes', () => {
    const { table, problems } = applyRoutingOverrides(routes, 'gpt-5.4-mini');
    assert.deepEqual(problems, ['tandem.routing: "gpt-5.4-mini" is not an object of task → model; keeping the default routes']);
    assert.deepEqual(table, DEFAULT_ROUTES);
  });

  it('never changes the routes it was given', () => {
    applyRoutingOverrides(routes, { review: 'gpt-5.4-mini', completion: 'claude-haiku-4-5' });
    assert.deepEqual(routes, DEFAULT_ROUTES);
  });
});
