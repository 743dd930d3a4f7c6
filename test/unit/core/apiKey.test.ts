import assert from 'node:assert/strict';
import { resolveKey, secretName, validateKeyInput } from '../../../src/core/keys/apiKey';
import { PROVIDERS, isProviderId, providerInfo } from '../../../src/core/models/providers';

describe('API key sources', () => {
  it('prefers the stored key over the environment', () => {
    assert.deepEqual(resolveKey('sk-stored', 'sk-env'), { source: 'secret-storage', key: 'sk-stored' });
  });

  it('falls back to the environment variable, ignoring blank values', () => {
    assert.deepEqual(resolveKey(undefined, ' sk-env '), { source: 'environment', key: 'sk-env' });
    assert.deepEqual(resolveKey(undefined, '   '), { source: 'none' });
    assert.deepEqual(resolveKey(undefined, undefined), { source: 'none' });
  });

  it('keeps each provider under its own secret name', () => {
    assert.equal(secretName('openai'), 'tandem.apiKey.openai');
    assert.equal(secretName('anthropic'), 'tandem.apiKey.anthropic');
  });
});

describe('validateKeyInput', () => {
  it('accepts provider and gateway keys alike', () => {
    for (const key of ['sk-proj-abc123def456', 'sk-ant-api03-xyz789', 'litellm-virtual-key-1234', '  sk-padded-key  ']) {
      assert.equal(validateKeyInput(key), undefined, key);
    }
  });

  it('explains what is wrong with text that cannot be a key', () => {
    assert.match(validateKeyInput('') ?? '', /Paste the API key/);
    assert.match(validateKeyInput('sk-abc def12345') ?? '', /no spaces/);
    assert.match(validateKeyInput('sk-1') ?? '', /too short/);
    assert.match(validateKeyInput(`sk-${'x'.repeat(2000)}`) ?? '', /too long/);
  });
});

describe('providers table', () => {
  it('knows both providers and their environment variables', () => {
    assert.deepEqual(PROVIDERS.map((p) => [p.id, p.keyEnvVar]), [['openai', 'OPENAI_API_KEY'], ['anthropic', 'ANTHROPIC_API_KEY']]);
    assert.equal(providerInfo('anthropic').displayName, 'Anthropic');
    assert.ok(isProviderId('openai'));
    assert.ok(!isProviderId('gemini'));
  });
});
