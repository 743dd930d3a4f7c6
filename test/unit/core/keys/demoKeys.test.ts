import assert from 'node:assert/strict';
import { resolveEndpoint } from '../../../../src/core/endpoints/endpoint';
import { demoKeyFor, demoKeyTooltipLines, parseDemoKeys } from '../../../../src/core/keys/demoKeys';
import type { ProviderId } from '../../../../src/core/models/providers';

const FAKE = 'http://127.0.0.1:41234';
const VALUE = JSON.stringify({ origin: FAKE, openai: 'demo-openai', anthropic: 'demo-anthropic' });

/** The endpoint Tandem would resolve for the provider from this base URL in the environment (none: the provider's own). */
function endpoint(provider: ProviderId, baseUrl?: string) {
  const env = baseUrl ? { OPENAI_BASE_URL: baseUrl, ANTHROPIC_BASE_URL: baseUrl } : {};
  return resolveEndpoint(provider, undefined, env).endpoint;
}

describe('Demo keys for the local fake', () => {
  const { demo } = parseDemoKeys(VALUE);

  it('hands each provider its demo key for a request to the fake\'s origin', () => {
    assert.equal(demoKeyFor(demo, endpoint('openai', `${FAKE}/v1`)), 'demo-openai');
    assert.equal(demoKeyFor(demo, endpoint('anthropic', FAKE)), 'demo-anthropic');
  });

  it('never hands one to a real endpoint: the providers\' own, a gateway, or another origin on this machine', () => {
    assert.equal(demoKeyFor(demo, endpoint('openai')), undefined, 'https://api.openai.com');
    assert.equal(demoKeyFor(demo, endpoint('anthropic')), undefined, 'https://api.anthropic.com');
    assert.equal(demoKeyFor(demo, endpoint('openai', 'https://llm.example.com/v1')), undefined);
    assert.equal(demoKeyFor(demo, endpoint('openai', 'http://127.0.0.1:41235/v1')), undefined, 'another port');
    assert.equal(demoKeyFor(demo, endpoint('openai', 'https://127.0.0.1:41234/v1')), undefined, 'another scheme');
    assert.equal(demoKeyFor(undefined, endpoint('openai', `${FAKE}/v1`)), undefined, 'no demo keys set');
  });

  it('refuses demo keys whose origin is off this machine, whatever endpoint is asked for', () => {
    for (const origin of ['https://api.openai.com', 'http://10.0.0.5:8080', 'http://foo.localhost:1234']) {
      const parsed = parseDemoKeys(JSON.stringify({ origin, openai: 'demo-openai' }));
      assert.equal(parsed.demo, undefined, origin);
      assert.match(parsed.problem ?? '', /not on this machine/);
      assert.equal(demoKeyFor(parsed.demo, endpoint('openai', `${origin}/v1`)), undefined);
    }
  });

  it('ignores a value that is not JSON or has no origin, and says so; nothing set says nothing', () => {
    assert.match(parseDemoKeys('demo-openai').problem ?? '', /TANDEM_DEMO_KEYS is not JSON/);
    assert.match(parseDemoKeys(JSON.stringify({ openai: 'demo-openai' })).problem ?? '', /origin is missing/);
    assert.match(parseDemoKeys(JSON.stringify({ origin: 'ftp://127.0.0.1', openai: 'x' })).problem ?? '', /not an http\(s\) URL/);
    assert.deepEqual(parseDemoKeys(undefined), {});
    assert.deepEqual(parseDemoKeys('  '), {});
  });

  it('has no key for a provider the value leaves out', () => {
    const only = parseDemoKeys(JSON.stringify({ origin: FAKE, openai: 'demo-openai' })).demo;
    assert.equal(demoKeyFor(only, endpoint('anthropic', FAKE)), undefined);
  });

  it('names the providers on demo keys in the status tooltip, and nothing when none is', () => {
    assert.deepEqual(demoKeyTooltipLines([]), []);
    assert.match(demoKeyTooltipLines(['OpenAI', 'Anthropic'])[0], /^Keys: OpenAI and Anthropic use the demo key for the local fake/);
    assert.match(demoKeyTooltipLines(['OpenAI'])[0], /^Keys: OpenAI uses the demo key for the local fake/);
  });
});
