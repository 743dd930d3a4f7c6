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
});
