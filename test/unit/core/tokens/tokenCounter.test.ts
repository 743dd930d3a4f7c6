import assert from 'node:assert/strict';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { TokenCounter, type ExactTokenizer } from '../../../../src/core/tokens/tokenCounter';
import { count } from '../../../../src/tokenizer/o200k';

// The module itself, as the editor's loader would hand it over (it loads it from its own bundle).
const loadReal = async (): Promise<ExactTokenizer> => ({ count });

describe('o200k tokenizer module', () => {
  const samples = [
    'Hello, world!',
    'export const add = (a: number, b: number): number => a + b;',
    'SELECT id, name FROM users WHERE created_at > NOW() - INTERVAL 1 DAY;',
    'Ünïcödé, 日本語のテキスト, emoji 🙂🚀',
    '',
  ];
  for (const text of samples) {
    it(`matches gpt-tokenizer's o200k_base on ${JSON.stringify(text.slice(0, 24))}`, () => {
      assert.equal(count(text), countTokens(text));
    });
  }

  it('counts special-token text as plain text instead of throwing', () => {
    assert.ok(count('before <|endoftext|> after') > 3);
  });
});

describe('TokenCounter', () => {
  it('estimates unless exactness is asked for', async () => {
    let loads = 0;
    const counter = new TokenCounter(async () => {
      loads++;
      return loadReal();
    });
    assert.equal(await counter.countOpenAI('x'.repeat(40)), 10);
    assert.equal(loads, 0, 'the tokenizer is not loaded for an estimate');
    const text = 'function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }';
    assert.equal(await counter.countOpenAI(text, { exact: true }), countTokens(text));
  });

  it('loads the tokenizer once, even for concurrent callers', async () => {
    let loads = 0;
    const counter = new TokenCounter(async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return { count: (t: string) => t.length };
    });
    const counts = await Promise.all(['a', 'bb', 'ccc'].map((t) => counter.countOpenAI(t, { exact: true })));
    assert.deepEqual(counts, [1, 2, 3]);
    await counter.countOpenAI('dddd', { exact: true });
    assert.equal(loads, 1);
  });

  it('retries a failed load next time; count() falls back to the estimate meanwhile', async () => {
    let loads = 0;
    const counter = new TokenCounter(async () => {
      loads++;
      if (loads === 1) throw new Error('bundle missing');
      return { count: () => 7 };
    });
    assert.deepEqual(await counter.count('x'.repeat(8), 'openai', { exact: true }), { tokens: 2, exact: false });
    assert.deepEqual(await counter.count('x'.repeat(8), 'openai', { exact: true }), { tokens: 7, exact: true });
    await assert.rejects(new TokenCounter(() => Promise.reject(new Error('nope'))).countOpenAI('x', { exact: true }), /nope/);
  });

  it('Claude counts are always estimates', async () => {
    const counter = new TokenCounter(() => Promise.reject(new Error('never loaded')));
    assert.deepEqual(await counter.count('x'.repeat(32), 'anthropic', { exact: true }), { tokens: 10, exact: false });
  });
});
