import assert from 'node:assert/strict';
import { startFakeProviders } from '../../fake-providers/server';
import { AnthropicClient, createModelClient, OpenAIClient } from '../../../src/providers';
import { ANTHROPIC_KEY, OPENAI_KEY } from './helpers';

describe('createModelClient', () => {
  it('builds the adapter for each provider without calling anything', () => {
    const openai = createModelClient('openai', { apiKey: 'k', baseURL: 'https://api.openai.com/v1' });
    const anthropic = createModelClient('anthropic', { apiKey: 'k', baseURL: 'https://api.anthropic.com' });
    assert.ok(openai instanceof OpenAIClient);
    assert.ok(anthropic instanceof AnthropicClient);
    assert.equal(openai.provider, 'openai');
    assert.equal(anthropic.provider, 'anthropic');
  });

  it('sends to the base URL Tandem passes, never to OPENAI_BASE_URL / ANTHROPIC_BASE_URL; headers are sent', async () => {
    const fake = await startFakeProviders();
    const fromEnvironment = await startFakeProviders();
    const restore = setEnv({ OPENAI_BASE_URL: fromEnvironment.openaiBaseURL, ANTHROPIC_BASE_URL: fromEnvironment.anthropicBaseURL });
    try {
      const headers = { 'x-tandem-test': 'yes' };
      await createModelClient('openai', { apiKey: OPENAI_KEY, baseURL: fake.openaiBaseURL, headers, maxRetries: 0 }).checkKey();
      await createModelClient('anthropic', { apiKey: ANTHROPIC_KEY, baseURL: fake.anthropicBaseURL, headers, maxRetries: 0 }).checkKey();
      assert.deepEqual(fake.requests().map((r) => [r.provider, r.headers['x-tandem-test']]), [['openai', 'yes'], ['anthropic', 'yes']]);
      assert.deepEqual(fromEnvironment.requests(), []);
    } finally {
      restore();
      await fake.close();
      await fromEnvironment.close();
    }
  });

  it('prints no request dumps when OPENAI_LOG / ANTHROPIC_LOG=debug is set in the environment (they hold gateway header values)', async () => {
    const fake = await startFakeProviders();
    const restore = setEnv({ OPENAI_LOG: 'debug', ANTHROPIC_LOG: 'debug' });
    const printed: string[] = [];
    const saved = { debug: console.debug, info: console.info, log: console.log };
    const capture = (...args: unknown[]) => void printed.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    Object.assign(console, { debug: capture, info: capture, log: capture });
    try {
      const headers = { 'x-portkey-api-key': 'pk-gateway-secret-123456' };
      await createModelClient('openai', { apiKey: OPENAI_KEY, baseURL: fake.openaiBaseURL, headers, maxRetries: 0 }).checkKey();
      await createModelClient('anthropic', { apiKey: ANTHROPIC_KEY, baseURL: fake.anthropicBaseURL, headers, maxRetries: 0 }).checkKey();
      assert.equal(fake.requests().length, 2, 'both calls were made');
    } finally {
      Object.assign(console, saved);
      restore();
      await fake.close();
    }
    assert.deepEqual(printed.filter((line) => line.includes('pk-gateway-secret')), []);
  });
});

/** Sets environment variables for one test; the returned function puts the old values back. */
function setEnv(values: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
