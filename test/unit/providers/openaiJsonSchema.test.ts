import assert from 'node:assert/strict';
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server';
import { bodyOf, callsTo, gptRequest, openai } from './helpers';

describe('OpenAIClient structured output: the strict flag on the wire (real SDK, fake server)', () => {
  let fake: FakeProviders;
  before(async () => {
    fake = await startFakeProviders();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  const schema = { type: 'object', properties: { tags: { type: 'object', additionalProperties: { type: 'string' } } }, required: ['tags'] };
  const sentFormat = () => (bodyOf(callsTo(fake, '/v1/responses')[0]).text as { format: Record<string, unknown> }).format;

  it('sends strict: false when asked, with the schema as it is', async () => {
    fake.script({ reply: { json: { tags: { a: 'b' } } } });
    const result = await openai(fake).stream(gptRequest({ task: 'generateJson', jsonSchema: { name: 'tags', schema, strict: false } }));
    assert.deepEqual(result.json, { tags: { a: 'b' } });
    assert.deepEqual(sentFormat(), { type: 'json_schema', name: 'tags', strict: false, schema });
  });

  it('sends strict: true when the request does not say', async () => {
    await openai(fake).stream(gptRequest({ task: 'generateJson', jsonSchema: { name: 'tags', schema } }));
    assert.equal(sentFormat().strict, true);
  });
});
