import assert from 'node:assert/strict';
import { redactSecrets } from '../../../../src/core/log/logger';

describe('redactSecrets', () => {
  it('removes every known key even when it does not look like sk-…', () => {
    assert.equal(redactSecrets('key=gateway-KEY-42 end', ['gateway-KEY-42']), 'key=[redacted key] end');
    assert.equal(redactSecrets('a litellm-1234 b vk-abcd', ['litellm-1234', 'vk-abcd', undefined]), 'a [redacted key] b [redacted key]');
  });

  it('removes sk- keys (masked ones too) and bearer tokens, and leaves ordinary text alone', () => {
    assert.equal(redactSecrets('use sk-ant-api03-abcdef please', []), 'use [redacted key] please');
    assert.equal(redactSecrets('Incorrect API key provided: sk-proj-****abcd.', []), 'Incorrect API key provided: [redacted key].');
    assert.equal(redactSecrets('Authorization: Bearer abc.def', []), 'Authorization: Bearer [redacted]');
    assert.equal(redactSecrets('the task-list is fine', []), 'the task-list is fine');
  });

  it('removes the secret shapes outgoing prompts are redacted for (a token quoted in an error body)', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    assert.equal(redactSecrets(`gateway said: invalid session ${jwt} for AKIAIOSFODNN7EXAMPLE`, []), 'gateway said: invalid session [REDACTED JWT] for [REDACTED AWS access key id]');
  });
});
