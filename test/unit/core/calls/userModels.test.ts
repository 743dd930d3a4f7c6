import assert from 'node:assert/strict';
import { costMicroUsd } from '../../../../src/core/cost/cost';
import { applyModelOverrides } from '../../../../src/core/models/catalog';
import { DEFAULT_MODELS, DEFAULT_ROUTES } from '../../../../src/core/models/modelTable';
import { applyRoutingOverrides } from '../../../../src/core/models/overrides';
import { useFakeServerSuite, type Harness } from '../../../fixtures/modelHarness';

const user = (content: string) => [{ role: 'user' as const, content }];

/** Settings with models added in `tandem.models` and routed in `tandem.routing`, as the extension builds them. */
function catalogSettings(models: Record<string, unknown>, routing: Record<string, string>) {
  const catalog = applyModelOverrides(DEFAULT_MODELS, models);
  const routes = applyRoutingOverrides(DEFAULT_ROUTES, routing, catalog.table);
  assert.deepEqual([...catalog.problems, ...routes.problems], []);
  return { models: catalog.table, routes: routes.table };
}

describe('ModelService with models the user added (real SDKs, fake server)', () => {
  const suite = useFakeServerSuite();
  let h: Harness;

  it('sends a task to the model routed to it, under its id, and records its exact cost', async () => {
    const settings = catalogSettings(
      { 'claude-haiku-5-5': { provider: 'anthropic', displayName: 'Claude Haiku 5.5', inputPerMTok: 1, outputPerMTok: 5, contextWindow: 400_000, maxOutputTokens: 64_000 } },
      { generateCode: 'claude-haiku-5-5' },
    );
    h = suite.harness({ settings });
    const outcome = await h.service.run({ task: 'generateCode', system: ['Code.'], messages: user('Add two numbers.') });
    assert.equal(outcome.model, 'claude-haiku-5-5');
    assert.equal((suite.fake.requests()[0].body as { model: string }).model, 'claude-haiku-5-5');
    const [record] = (await h.ledger.read()).records;
    assert.equal(record.model, 'claude-haiku-5-5');
    assert.equal(record.provider, 'anthropic');
    assert.ok(record.usage.input > 0 && record.usage.output > 0);
    assert.equal(record.costMicroUsd, Math.round((record.usage.input * 1 + record.usage.output * 5)));
    assert.ok(h.logLines.some((l) => l.includes('route: generateCode → Claude Haiku 5.5: set in settings (tandem.routing.generateCode)')));
  });

  it('falls back from a user model to the other provider\'s model the routing uses', async () => {
    const settings = catalogSettings(
      { 'gpt-5.6': { provider: 'openai', inputPerMTok: 1.25, outputPerMTok: 10, contextWindow: 400_000, maxOutputTokens: 128_000 } },
      { generateCode: 'gpt-5.6' },
    );
    h = suite.harness({ settings });
    suite.fake.script({ match: { provider: 'openai' }, fault: { kind: 'overloaded' } });
    const outcome = await h.service.run({ task: 'generateCode', system: ['Code.'], messages: user('Add two numbers.') });
    assert.equal(outcome.fellBackFrom, 'gpt-5.6');
    assert.equal(outcome.model, 'claude-haiku-4-5');
  });

  it('counts exactly near the input limit of the OpenAI model the task is routed to, not GPT-5.4 Mini\'s', async () => {
    // A user model with a 150K input limit. 660,000 chars: the estimate says ~165K tokens (over the limit),
    // o200k counts ~110K (fits). GPT-5.4 Mini's 272K limit is far from either, so only this model's limit
    // makes the exact count happen.
    const settings = catalogSettings(
      { 'gpt-small': { provider: 'openai', inputPerMTok: 0.5, outputPerMTok: 2, contextWindow: 200_000, maxOutputTokens: 50_000 } },
      { explain: 'gpt-small' },
    );
    const text = 'hello '.repeat(110_000);
    h = suite.harness({ settings, exactTokens: true });
    const outcome = await h.service.run({ task: 'explain', system: ['Explain.'], messages: user(text) });
    assert.equal(outcome.model, 'gpt-small');
    assert.equal(suite.fake.requests().length, 1, 'one call on the routed model, not a reroute or segments');
    const [record] = (await h.ledger.read()).records;
    assert.equal(record.costMicroUsd, costMicroUsd(record.usage, settings.models['gpt-small'].prices));
  });

  it('marks the system prompt for caching from the routed model\'s own minimum prefix', async () => {
    // ~1,300 tokens of rules: over a 1,024-token minimum, under Haiku 4.5's 4,096.
    const rules = 'Rule: name things for what they are. '.repeat(140);
    const settings = catalogSettings(
      { 'claude-small': { provider: 'anthropic', inputPerMTok: 1, outputPerMTok: 5, contextWindow: 200_000, maxOutputTokens: 8_000, minCacheablePrefixTokens: 1024 } },
      { review: 'claude-small' },
    );
    h = suite.harness({ settings });
    await h.service.run({ task: 'review', system: [rules], messages: user('const a = 1;') });
    h.cleanup();
    h = suite.harness();
    await h.service.run({ task: 'review', system: [rules], messages: user('const a = 1;') });
    const systems = suite.fake.requests().map((r) => (r.body as { system: { cache_control?: unknown }[] }).system[0].cache_control);
    assert.deepEqual(systems, [{ type: 'ephemeral' }, undefined]);
  });
});
