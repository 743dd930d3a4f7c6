import assert from 'node:assert/strict';
import { headersSecretName, mergeHeaders, parseStoredHeaders, secretHeaderValues, validateHeaderName, validateHeaderValue } from '../../../../src/core/keys/gatewayHeaders';
import { redactSecrets } from '../../../../src/core/log/logger';

describe('gateway headers', () => {
  it('keeps each provider\'s headers under its own secret name', () => {
    assert.equal(headersSecretName('openai'), 'tandem.headers.openai');
    assert.equal(headersSecretName('anthropic'), 'tandem.headers.anthropic');
  });

  it('merges the stored headers over the settings\' ones, whatever the case of the names', () => {
    const merged = mergeHeaders({ 'X-LiteLLM-Api-Key': 'old-plain-text-token', 'x-team': 'platform' }, { 'x-litellm-api-key': 'sk-litellm-stored-123' });
    assert.deepEqual(merged, { 'x-team': 'platform', 'x-litellm-api-key': 'sk-litellm-stored-123' });
  });

  it('reads what SecretStorage holds leniently: broken JSON or non-string values count as nothing', () => {
    assert.deepEqual(parseStoredHeaders(undefined), {});
    assert.deepEqual(parseStoredHeaders('{not json'), {});
    assert.deepEqual(parseStoredHeaders('["a"]'), {});
    assert.deepEqual(parseStoredHeaders('{"x-a":"token-value-1","x-b":3}'), { 'x-a': 'token-value-1' });
  });

  it('checks a name is an HTTP token and a value is one line long enough to be a token', () => {
    assert.equal(validateHeaderName('x-portkey-api-key'), undefined);
    assert.match(String(validateHeaderName('x portkey')), /no spaces or colons/);
    assert.match(String(validateHeaderName('x-key:')), /no spaces or colons/);
    assert.match(String(validateHeaderName('  ')), /Type the header name/);
    assert.equal(validateHeaderValue('pk-0123456789'), undefined);
    assert.match(String(validateHeaderValue('abc\r\nx-evil: 1')), /one line/);
    assert.match(String(validateHeaderValue('true')), /at least 8 characters/);
  });

  it('redacts header values from both sources wherever a key is redacted, but not short non-secret ones', () => {
    const headers = mergeHeaders({ 'x-region': 'eu', 'x-helicone-auth': 'Bearer hl-plain-setting-token' }, { 'x-portkey-api-key': 'pk-stored-secret-42' });
    const secrets = ['sk-the-api-key-123', ...secretHeaderValues(headers)];
    const line = redactSecrets('401 from gateway: pk-stored-secret-42 / hl-plain-setting-token / region eu', secrets);
    assert.equal(line, '401 from gateway: [redacted key] / [redacted key] / region eu');
  });
});
