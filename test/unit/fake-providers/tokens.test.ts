import assert from 'node:assert/strict';
import { anthropicCacheMinimum, fakeTokenCount, openaiCachedTokensForPrefix, sampleFromSchema } from '../../fake-providers/server';

describe('fake providers: deterministic token rules', () => {
  it('counts one token per 4 characters, rounded up', () => {
    assert.deepEqual(['', 'a', 'abcd', 'abcde', 'x'.repeat(4000)].map(fakeTokenCount), [0, 1, 1, 2, 1000]);
  });

  it('OpenAI caches only prefixes of 1024+ tokens, in multiples of 128', () => {
    assert.equal(openaiCachedTokensForPrefix(4 * 1023), 0);
    assert.equal(openaiCachedTokensForPrefix(4 * 1024), 1024);
    assert.equal(openaiCachedTokensForPrefix(4 * 1151 + 3), 1024);
    assert.equal(openaiCachedTokensForPrefix(4 * 1152), 1152);
  });

  it('Anthropic minimum cacheable prefix: 4096 for Haiku 4.5, 1024 otherwise', () => {
    assert.equal(anthropicCacheMinimum('claude-haiku-4-5'), 4096);
    assert.equal(anthropicCacheMinimum('claude-sonnet-4-6'), 1024);
  });
});

describe('fake providers: sampleFromSchema', () => {
  it('builds the minimal valid instance: required props only, refs, unions, bounds', () => {
    const schema = {
      $defs: { severity: { type: 'string', enum: ['high', 'low'] } },
      type: 'object',
      properties: {
        severity: { $ref: '#/$defs/severity' },
        line: { type: 'integer', minimum: 1 },
        note: { anyOf: [{ type: 'null' }, { type: 'string' }] },
        fixed: { const: 'yes' },
        ranges: { type: 'array', minItems: 1, items: { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] } },
        optional: { type: 'string' },
      },
      required: ['severity', 'line', 'note', 'fixed', 'ranges'],
    };
    assert.deepEqual(sampleFromSchema(schema), { severity: 'high', line: 1, note: 'text', fixed: 'yes', ranges: [{ a: 0 }] });
  });

  it('handles scalars and empty schemas', () => {
    assert.equal(sampleFromSchema({ type: 'boolean' }), false);
    assert.equal(sampleFromSchema({ type: 'string', minLength: 6 }), 'textxx');
    assert.deepEqual(sampleFromSchema({}), {});
  });
});
