import assert from 'node:assert/strict';
import { isCacheable, systemBlocks } from '../../../src/providers/anthropicCache';

describe('Anthropic cache breakpoint on the system prompt', () => {
  it('does not mark a short system prompt', () => {
    assert.deepEqual(systemBlocks(['Be brief.', 'Use Markdown.'], 'claude-haiku-4-5', '5m'), [
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Use Markdown.' },
    ]);
  });

  it('marks only the last block of a long system prompt, with the 1h ttl when asked', () => {
    const long = ['a'.repeat(9000), 'b'.repeat(9000)];
    const five = systemBlocks(long, 'claude-haiku-4-5', undefined);
    assert.equal(five[0].cache_control, undefined);
    assert.deepEqual(five[1].cache_control, { type: 'ephemeral' });
    assert.deepEqual(systemBlocks(long, 'claude-haiku-4-5', '1h')[1].cache_control, { type: 'ephemeral', ttl: '1h' });
  });

  it("compares the (over)estimate with the model's minimum: borderline prefixes are marked", () => {
    // 13,200 ASCII chars ≈ 3,300–4,100 real Claude tokens; the estimate (4,125) says it may reach 4,096, so mark it.
    assert.equal(isCacheable(['x'.repeat(13_200)], 'claude-haiku-4-5'), true);
    assert.equal(isCacheable(['x'.repeat(13_000)], 'claude-haiku-4-5'), false);
  });

  it('skips empty system parts', () => {
    assert.deepEqual(systemBlocks(['', 'Only this'], 'claude-haiku-4-5', '5m'), [{ type: 'text', text: 'Only this' }]);
    assert.deepEqual(systemBlocks([], 'claude-haiku-4-5', '5m'), []);
  });
});
