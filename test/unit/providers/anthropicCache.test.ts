import assert from 'node:assert/strict';
import { DEFAULT_MODELS } from '../../../src/core/models/modelTable';
import { isCacheable, systemBlocks } from '../../../src/providers/anthropicCache';

const HAIKU_MIN = DEFAULT_MODELS['claude-haiku-4-5'].minCacheablePrefix;

describe('Anthropic cache breakpoint on the system prompt', () => {
  it('does not mark a short system prompt', () => {
    assert.deepEqual(systemBlocks(['Be brief.', 'Use Markdown.'], HAIKU_MIN, '5m'), [
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Use Markdown.' },
    ]);
  });

  it('marks only the last block of a long system prompt, with the 1h ttl when asked', () => {
    const long = ['a'.repeat(9000), 'b'.repeat(9000)];
    const five = systemBlocks(long, HAIKU_MIN, undefined);
    assert.equal(five[0].cache_control, undefined);
    assert.deepEqual(five[1].cache_control, { type: 'ephemeral' });
    assert.deepEqual(systemBlocks(long, HAIKU_MIN, '1h')[1].cache_control, { type: 'ephemeral', ttl: '1h' });
  });

  it("compares the (over)estimate with the model's minimum: borderline prefixes are marked", () => {
    // 13,200 ASCII chars ≈ 3,300–4,100 real Claude tokens; the estimate (4,125) says it may reach 4,096, so mark it.
    assert.equal(isCacheable(['x'.repeat(13_200)], HAIKU_MIN), true);
    assert.equal(isCacheable(['x'.repeat(13_000)], HAIKU_MIN), false);
  });

  it("uses the minimum of the model in the request, and Anthropic's usual 1,024 tokens when none is given", () => {
    // ~1,300 tokens: cached by a model that caches from 1,024 (a user-defined one), not by Haiku 4.5 (4,096).
    const rules = ['r'.repeat(5_200)];
    assert.deepEqual(systemBlocks(rules, 1024, undefined)[0].cache_control, { type: 'ephemeral' });
    assert.equal(systemBlocks(rules, HAIKU_MIN, undefined)[0].cache_control, undefined);
    assert.equal(isCacheable(rules), true);
  });

  it('skips empty system parts', () => {
    assert.deepEqual(systemBlocks(['', 'Only this'], HAIKU_MIN, '5m'), [{ type: 'text', text: 'Only this' }]);
    assert.deepEqual(systemBlocks([], HAIKU_MIN, '5m'), []);
  });
});
