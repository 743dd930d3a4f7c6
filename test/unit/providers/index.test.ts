import assert from 'node:assert/strict';
import { startFakeProviders } from '../../fake-providers/server';
import { AnthropicClient, createModelClient, OpenAIClient } from '../../../src/providers';
import { ANTHROPIC_KEY, OPENAI_KEY } from './helpers';

describe('createModelClient', () => {
  it('builds the adapter for each provider without calling anything', () => {
    const openai = createModelClient('openai', { apiKey: 'k' });
    const anthropic = createModelClient('anthropic', { apiKey: 'k' });
    assert.ok(openai instanceof OpenAIClient);
    assert.ok(anthropic instanceof AnthropicClient);
    assert.equal(openai.provider, 'openai');
    assert.equal(anthropic.provider, 'anthropic');
  });

  it("an empty baseURL leaves the SDK default, which honours OPENAI_BASE_URL / ANTHROPIC_BASE_URL; headers are sent", async () => {
    const fake = await startFakeProviders();
    const saved = { openai: process.env.OPENAI_BASE_URL, anthropic: process.env.ANTHROPIC_BASE_URL };
    process.env.OPENAI_BASE_URL = fake.openaiBaseURL;
    process.env.ANTHROPIC_BASE_URL = fake.anthropicBaseURL;
    try {
      const headers = { 'x-tandem-test': 'yes' };
      await createModelClient('openai', { apiKey: OPENAI_KEY, baseURL: '', headers, maxRetries: 0 }).checkKey();
      await createModelClient('anthropic', { apiKey: ANTHROPIC_KEY, baseURL: '', headers, maxRetries: 0 }).checkKey();
      assert.deepEqual(fake.requests().map((r) => [r.provider, r.headers['x-tandem-test']]), [['openai', 'yes'], ['anthropic', 'yes']]);
    } finally {
      for (const [name, value] of [['OPENAI_BASE_URL', saved.openai], ['ANTHROPIC_BASE_URL', saved.anthropic]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await fake.close();
    }
  });
});
