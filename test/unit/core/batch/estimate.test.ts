import assert from 'node:assert/strict';
import { costMicroUsd } from '../../../../src/core/cost/cost';
import { estimateBatchCost, REVIEW_EXPECTED_OUTPUT_TOKENS } from '../../../../src/core/batch/estimate';
import { DEFAULT_MODELS } from '../../../../src/core/models/modelTable';
import { ZERO_USAGE } from '../../../../src/core/usage/usage';

// Prices, micro-dollars per token: gpt-5.4-mini in 0.75, out 4.5; claude-haiku-4-5 in 1, out 5; batch 50%.
const gpt = DEFAULT_MODELS['gpt-5.4-mini'];
const haiku = DEFAULT_MODELS['claude-haiku-4-5'];
const user = (content: string) => [{ role: 'user' as const, content }];

describe('estimateBatchCost', () => {
  it('prices a bulk edit on GPT-5.4 Mini, each answer as long as its file, exact to the micro-dollar', () => {
    // OpenAI: 4 characters a token, 4 more per message. Instruction 800 chars = 200 tokens;
    // files of 2,000 / 6,000 / 401 chars = 500 / 1,500 / 101 tokens (+4 each).
    const system = ['S'.repeat(800)];
    const files = ['a'.repeat(2_000), 'b'.repeat(6_000), 'c'.repeat(401)];
    const fileTokens = [500, 1_500, 101];
    const estimate = estimateBatchCost(files.map((f) => ({ system, messages: user(f), maxOutputTokens: 8_192 })), gpt, {
      expectedOutputTokens: (i) => fileTokens[i],
    });
    // Input 704 + 1,704 + 305 = 2,713; output 2,101.
    // Interactive: 2,713 × 0.75 + 2,101 × 4.5 = 2,034.75 + 9,454.5 = 11,489.25 → 11,489 µ$;
    // batch: half of the exact 11,489.25 = 5,744.625 → 5,745 µ$ (rounded once, not half of 11,489).
    assert.deepEqual(estimate, { batchMicroUsd: 5_745, interactiveMicroUsd: 11_489, inputTokens: 2_713, outputTokens: 2_101 });
  });

  it('prices a folder review on Haiku with the fixed review answer, counting non-ASCII as a token each', () => {
    // Claude: ASCII ÷ 3.2 rounded up, each other character one token. Instructions 320 chars = 100, rules
    // 3,200 = 1,000 tokens, per request. Files: 640 ASCII = 200 (+4); 1,600 ASCII + 6 × "ü" = 506 (+4).
    const system = ['I'.repeat(320), 'R'.repeat(3_200)];
    const files = ['x'.repeat(640), `${'y'.repeat(1_600)}${'ü'.repeat(6)}`];
    const estimate = estimateBatchCost(files.map((f) => ({ system, messages: user(f), maxOutputTokens: 8_192 })), haiku, {
      expectedOutputTokens: () => REVIEW_EXPECTED_OUTPUT_TOKENS,
    });
    // Input 1,100 + 204 + 1,100 + 510 = 2,914; output 2 × 400 = 800. 2,914 × 1 + 800 × 5 = 6,914 µ$; batch 3,457.
    assert.deepEqual(estimate, { batchMicroUsd: 3_457, interactiveMicroUsd: 6_914, inputTokens: 2_914, outputTokens: 800 });
  });

  it('expects a quarter of the output budget, rounded up, when the caller has no better guess', () => {
    const requests = [
      { system: [], messages: user('q'.repeat(40)), maxOutputTokens: 8_192 },
      { system: [], messages: user('q'.repeat(40)), maxOutputTokens: 1_001 },
    ];
    const estimate = estimateBatchCost(requests, gpt);
    // Output 2,048 + ⌈250.25⌉ = 2,299; input 2 × (10 + 4) = 28.
    assert.equal(estimate.outputTokens, 2_299);
    assert.equal(estimate.inputTokens, 28);
    assert.equal(estimate.interactiveMicroUsd, costMicroUsd({ ...ZERO_USAGE, input: 28, output: 2_299 }, gpt.prices));
  });

  it('never expects more than the output budget, or less than nothing', () => {
    const requests = [0, 1, 2].map(() => ({ system: [], messages: user('z'), maxOutputTokens: 1_000 }));
    const estimate = estimateBatchCost(requests, gpt, { expectedOutputTokens: (i) => [50_000, -20, 12.2][i] });
    assert.equal(estimate.outputTokens, 1_000 + 0 + 13);
  });

  it('follows the batch share in the spec (settings can override it)', () => {
    const spec = { ...gpt, prices: { ...gpt.prices, batchPercent: 60 } };
    const estimate = estimateBatchCost([{ system: ['s'.repeat(4_000)], messages: [], maxOutputTokens: 400 }], spec, { expectedOutputTokens: () => 400 });
    // 1,000 × 0.75 + 400 × 4.5 = 2,550 µ$; 60% = 1,530.
    assert.deepEqual([estimate.interactiveMicroUsd, estimate.batchMicroUsd], [2_550, 1_530]);
  });

  it('costs nothing for no requests', () => {
    assert.deepEqual(estimateBatchCost([], haiku), { batchMicroUsd: 0, interactiveMicroUsd: 0, inputTokens: 0, outputTokens: 0 });
  });
});
