import assert from 'node:assert/strict';
import { REVIEW_INSTRUCTIONS } from '../../../../src/core/review/reviewPrompt';
import { parseRules, STARTER_RULES } from '../../../../src/core/review/rules';
import { rulesCacheNote } from '../../../../src/core/review/rulesCache';
import { estimateTokens } from '../../../../src/core/tokens/estimate';

const HAIKU_MINIMUM = 4096;
const starter = parseRules([{ path: '.tandem/rules.md', text: STARTER_RULES }, { path: '.tandem/empty.md', text: '' }]);

/** A rules file of `count` rules of about 60 tokens each. */
function manyRules(count: number): string {
  return Array.from({ length: count }, (_, i) => `## R-${i + 1}: Rule number ${i + 1}\n${'Explain what the code must and must not do here. '.repeat(4)}\n`).join('\n');
}

describe('rulesCacheNote', () => {
  it('counts the instructions and the rules, as Claude tokens', () => {
    const { tokens } = rulesCacheNote(starter, HAIKU_MINIMUM);
    assert.equal(tokens, estimateTokens(REVIEW_INSTRUCTIONS, 'anthropic') + estimateTokens(starter.promptText, 'anthropic'));
  });

  it('short rules: not cacheable, with one line for the report naming the files that hold rules', () => {
    const result = rulesCacheNote(starter, HAIKU_MINIMUM);
    assert.equal(result.cacheable, false);
    assert.equal(
      result.note,
      `The review rules (.tandem/rules.md, ~${result.tokens.toLocaleString('en-US')} tokens) are under Claude Haiku 4.5's 4,096-token minimum for prompt caching, `
        + 'so each review pays full price for them. Longer rules files are cached: later reviews pay 10% for them.',
    );
    assert.doesNotMatch(result.note ?? '', /\n|empty\.md/);
  });

  it('long rules: cacheable, no note', () => {
    const long = parseRules([{ path: '.tandem/rules.md', text: manyRules(80) }]);
    const result = rulesCacheNote(long, HAIKU_MINIMUM);
    assert.ok(result.tokens >= HAIKU_MINIMUM, `${result.tokens} tokens`);
    assert.deepEqual(result, { tokens: result.tokens, cacheable: true });
  });

  it('the minimum itself is enough; one token under is not', () => {
    const { tokens } = rulesCacheNote(starter, HAIKU_MINIMUM);
    assert.equal(rulesCacheNote(starter, tokens).cacheable, true);
    assert.equal(rulesCacheNote(starter, tokens + 1).cacheable, false);
  });

  it('names several rules files, and another model when asked', () => {
    const two = parseRules([{ path: 'b.md', text: '- B1: Bee\n' }, { path: 'a.md', text: '- A1: Ay\n' }]);
    assert.match(rulesCacheNote(two, 1024, 'GPT-5.4 Mini').note ?? '', /^The review rules \(a\.md, b\.md, ~\d+ tokens\) are under GPT-5\.4 Mini's 1,024-token minimum/);
  });
});
