import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { FakeProvidersClient } from '../../fake-providers/client';

/** The wiring later features rely on: from the extension host, the SDKs' default endpoints are the fake server. */
describe('Fake providers seen from the extension host', () => {
  const controlUrl = process.env.TANDEM_FAKE_PROVIDERS_URL ?? '';
  const fake = new FakeProvidersClient(controlUrl);

  before(() => assert.match(controlUrl, /^http:\/\/127\.0\.0\.1:\d+$/, 'the runner passes TANDEM_FAKE_PROVIDERS_URL'));
  beforeEach(() => fake.reset());

  it('sends the OpenAI SDK, with no baseURL given, to the fake server', async () => {
    assert.equal(process.env.OPENAI_BASE_URL, `${controlUrl}/v1`);
    const client = new OpenAI({ apiKey: 'sk-test-host', maxRetries: 0 });
    const response = await client.responses.create({ model: 'gpt-5.4-mini', input: 'Say hello', store: false });
    assert.ok(response.output_text.length > 0);
    assert.ok((response.usage?.input_tokens ?? 0) > 0);
    const requests = await fake.requests();
    assert.deepEqual(requests.map((r) => [r.provider, r.path]), [['openai', '/v1/responses']]);
    assert.ok(!JSON.stringify(requests).includes('sk-test-host'), 'the request log never holds a key');
  });

  it('sends the Anthropic SDK, with no baseURL given, to the fake server', async () => {
    assert.equal(process.env.ANTHROPIC_BASE_URL, controlUrl);
    const client = new Anthropic({ apiKey: 'sk-ant-test-host', maxRetries: 0 });
    const message = await client.messages.create({
      model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Say hello' }],
    });
    assert.equal(message.content[0]?.type, 'text');
    const requests = await fake.requests();
    assert.deepEqual(requests.map((r) => [r.provider, r.path]), [['anthropic', '/v1/messages']]);
  });

  it('lets a test script a fault that the SDK then reports', async () => {
    await fake.script({ match: { provider: 'anthropic' }, fault: { kind: 'overloaded' } });
    const client = new Anthropic({ apiKey: 'sk-ant-test-host', maxRetries: 0 });
    await assert.rejects(
      client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] }),
      (error: unknown) => error instanceof Anthropic.APIError && error.status === 529,
    );
  });
});
