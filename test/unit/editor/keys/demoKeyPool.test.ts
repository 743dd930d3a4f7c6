/**
 * The demo key as requests see it: the key store and the client pool, with the fake providers behind them.
 * A demo key reaches the fake; with the provider's own endpoint there is no key at all, so nothing is sent.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type * as vscode from 'vscode';
import { EndpointConsent } from '../../../../src/core/endpoints/consent';
import { resolveEndpoint } from '../../../../src/core/endpoints/endpoint';
import { parseTrustedOrigins } from '../../../../src/core/endpoints/origin';
import { secretName } from '../../../../src/core/keys/apiKey';
import type { Logger } from '../../../../src/core/log/logger';
import type { ProviderId } from '../../../../src/core/models/providers';
import { SecretHeaderStore } from '../../../../src/editor/keys/headerStore';
import { KeyStore } from '../../../../src/editor/keys/keyStore';
import { ClientPool } from '../../../../src/editor/models/clientPool';
import type { TandemSettings } from '../../../../src/editor/models/settings';
import { startFakeProviders, type FakeProviders } from '../../../fake-providers/server';

const DEMO = { openai: 'demo-openai-key-for-the-local-fake', anthropic: 'demo-anthropic-key-for-the-local-fake' };
const fingerprint = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** SecretStorage in memory. */
function secrets(initial: Record<string, string> = {}): vscode.SecretStorage {
  const values = new Map(Object.entries(initial));
  return {
    get: async (name: string) => values.get(name),
    store: async (name: string, value: string) => void values.set(name, value),
    delete: async (name: string) => void values.delete(name),
    keys: async () => [...values.keys()],
    onDidChange: () => ({ dispose: () => undefined }),
  } as unknown as vscode.SecretStorage;
}

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('The demo key in the client pool', () => {
  let fake: FakeProviders;

  before(async () => {
    fake = await startFakeProviders();
  });

  after(async () => {
    await fake.close();
  });

  beforeEach(() => fake.reset());

  /** A pool whose endpoints come from `endpointEnv` (as the extension host's environment), with demo keys for the fake. */
  function pool(endpointEnv: Record<string, string>, stored: Record<string, string> = {}, keyEnv: Record<string, string> = {}): ClientPool {
    const env = { TANDEM_DEMO_KEYS: JSON.stringify({ origin: fake.url, ...DEMO }), ...keyEnv };
    const store = secrets(stored);
    const trusted = parseTrustedOrigins(['http://127.0.0.1:*']).patterns;
    const settings = {
      endpoint: (provider: ProviderId) => ({ endpoint: resolveEndpoint(provider, undefined, endpointEnv).endpoint, headers: {} }),
      trustedEndpoints: () => trusted,
      requestLimits: () => ({ timeoutMs: 10_000, maxRetries: 0 }),
    } as unknown as TandemSettings;
    const consent = new EndpointConsent({ trusted: () => trusted, ask: async () => 'decline', alwaysAllow: async () => undefined, log: quiet });
    return new ClientPool(new KeyStore(store, env), new SecretHeaderStore(store), settings, consent, quiet);
  }

  it('sends the demo key to the local fake when the user has no key', async () => {
    const clients = pool({ OPENAI_BASE_URL: fake.openaiBaseURL, ANTHROPIC_BASE_URL: fake.anthropicBaseURL });
    assert.equal(await clients.keySource('openai'), 'demo');
    assert.equal(await clients.hasKey('anthropic'), true);
    await (await clients.client('openai')).checkKey();
    await (await clients.client('anthropic')).checkKey();
    assert.deepEqual(fake.requests().map((r) => [r.provider, r.auth.keyFingerprint]), [
      ['openai', fingerprint(DEMO.openai)],
      ['anthropic', fingerprint(DEMO.anthropic)],
    ]);
  });

  it('has no key for the providers\' own endpoints or another server: nothing can be sent there', async () => {
    const envs: Record<string, string>[] = [{}, { OPENAI_BASE_URL: 'https://llm.example.com/v1' }, { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }];
    for (const env of envs) {
      const clients = pool(env);
      assert.equal(await clients.keySource('openai'), 'none', JSON.stringify(env));
      assert.equal(await clients.hasKey('openai'), false);
      await assert.rejects(clients.client('openai'), /No OpenAI API key is set/);
    }
    assert.equal(fake.requests().length, 0);
  });

  it('lets the user\'s own key, stored or from the environment, win over the demo key', async () => {
    const endpoints = { OPENAI_BASE_URL: fake.openaiBaseURL, ANTHROPIC_BASE_URL: fake.anthropicBaseURL };
    const clients = pool(endpoints, { [secretName('openai')]: 'sk-stored-0123456789' }, { ANTHROPIC_API_KEY: 'sk-ant-env-0123456789' });
    assert.equal(await clients.keySource('openai'), 'secret-storage');
    assert.equal(await clients.keySource('anthropic'), 'environment');
    await (await clients.client('openai')).checkKey();
    assert.equal(fake.requests()[0].auth.keyFingerprint, fingerprint('sk-stored-0123456789'));
  });
});
