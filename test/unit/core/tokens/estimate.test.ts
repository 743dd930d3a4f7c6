import assert from 'node:assert/strict';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { estimateRequestTokens, estimateTokens, IMAGE_TOKEN_ESTIMATE, MESSAGE_OVERHEAD_TOKENS } from '../../../../src/core/tokens/estimate';

describe('estimateTokens', () => {
  it('is zero for empty text', () => {
    assert.equal(estimateTokens('', 'openai'), 0);
    assert.equal(estimateTokens('', 'anthropic'), 0);
  });

  it('OpenAI: characters / 4, rounded up', () => {
    assert.equal(estimateTokens('abcd', 'openai'), 1);
    assert.equal(estimateTokens('abcde', 'openai'), 2);
    assert.equal(estimateTokens('x'.repeat(4000), 'openai'), 1000);
  });

  it('Claude: ASCII characters / 3.2 rounded up, plus one token per non-ASCII character', () => {
    assert.equal(estimateTokens('x'.repeat(320), 'anthropic'), 100);
    assert.equal(estimateTokens('x'.repeat(321), 'anthropic'), 101);
    assert.equal(estimateTokens('日本語', 'anthropic'), 3);
    assert.equal(estimateTokens('🙂', 'anthropic'), 1, 'a surrogate pair is one character');
    assert.equal(estimateTokens('café', 'anthropic'), 1 + 1);
  });

  it('Claude estimate stays above a real BPE count on typical code and prose', () => {
    const code = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n'.repeat(40);
    const prose = 'The quick brown fox jumps over the lazy dog, then explains the diff to the reviewer. '.repeat(40);
    for (const text of [code, prose]) assert.ok(estimateTokens(text, 'anthropic') > encode(text).length);
  });

  it('is fast on a megabyte of text', () => {
    const big = 'const value = compute(input);\n'.repeat(35_000);
    const started = performance.now();
    estimateTokens(big, 'anthropic');
    assert.ok(performance.now() - started < 200);
  });
});

describe('estimateRequestTokens', () => {
  it('sums system parts, message texts, a fixed amount per image and a small per-message overhead', () => {
    const total = estimateRequestTokens(
      ['x'.repeat(40), 'y'.repeat(8)],
      [
        { content: 'z'.repeat(12) },
        { content: [{ type: 'text', text: 'w'.repeat(4) }, { type: 'image' }] },
      ],
      'openai',
    );
    assert.equal(total, 10 + 2 + MESSAGE_OVERHEAD_TOKENS + 3 + MESSAGE_OVERHEAD_TOKENS + 1 + IMAGE_TOKEN_ESTIMATE);
  });

  it('uses the provider-specific rule', () => {
    const system = ['x'.repeat(3200)];
    assert.equal(estimateRequestTokens(system, [], 'openai'), 800);
    assert.equal(estimateRequestTokens(system, [], 'anthropic'), 1000);
  });
});
