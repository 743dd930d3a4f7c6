import assert from 'node:assert/strict';
import { describeEndpoint, endpointOrigin, isProviderOrigin, resolveEndpoint } from '../../../../src/core/endpoints/endpoint';
import { endpointStatusText, endpointTooltipLines } from '../../../../src/core/endpoints/endpointStatus';

describe('endpoint resolution: where a provider\'s key goes, and where that came from', () => {
  it('takes the user\'s setting over the environment, and the environment over the provider\'s own', () => {
    const env = { OPENAI_BASE_URL: 'https://from-env.example/v1', ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000' };
    assert.deepEqual(
      [resolveEndpoint('openai', 'https://gw.example/v1', env).endpoint].map((e) => [e.url, e.source]),
      [['https://gw.example/v1', 'setting']],
    );
    const fromEnv = resolveEndpoint('openai', '', env).endpoint;
    assert.deepEqual([fromEnv.url, fromEnv.source, endpointOrigin(fromEnv)], ['https://from-env.example/v1', 'environment', 'https://from-env.example']);
    const anthropic = resolveEndpoint('anthropic', undefined, env).endpoint;
    assert.deepEqual([anthropic.url, anthropic.source, endpointOrigin(anthropic)], ['http://127.0.0.1:4000', 'environment', 'http://127.0.0.1:4000']);
    const none = resolveEndpoint('openai', '  ', {}).endpoint;
    assert.deepEqual([none.url, none.source, isProviderOrigin(none)], ['https://api.openai.com/v1', 'default', true]);
    assert.equal(resolveEndpoint('anthropic', undefined, { ANTHROPIC_BASE_URL: '   ' }).endpoint.url, 'https://api.anthropic.com');
  });

  it('reads only its own provider\'s variable', () => {
    assert.equal(resolveEndpoint('anthropic', undefined, { OPENAI_BASE_URL: 'https://x.example' }).endpoint.source, 'default');
  });

  it('skips a value that is not an http(s) URL with a message, and the next source applies', () => {
    const fromBadSetting = resolveEndpoint('openai', 'api.example.com', { OPENAI_BASE_URL: 'https://from-env.example/v1' });
    assert.equal(fromBadSetting.endpoint.source, 'environment');
    assert.deepEqual(fromBadSetting.problems, ['tandem.openai.baseUrl "api.example.com" is not a URL; it is ignored.']);
    const fromBadEnv = resolveEndpoint('openai', undefined, { OPENAI_BASE_URL: 'file:///etc/passwd' });
    assert.equal(fromBadEnv.endpoint.source, 'default');
    assert.deepEqual(fromBadEnv.problems, ['OPENAI_BASE_URL in the environment "file:///etc/passwd" is not an http(s) URL; it is ignored.']);
    assert.deepEqual(resolveEndpoint('openai', 42, {}).problems, ['tandem.openai.baseUrl must be a URL; it is ignored.']);
  });

  it('refuses a URL with credentials in it without echoing them', () => {
    const { endpoint, problems } = resolveEndpoint('anthropic', undefined, { ANTHROPIC_BASE_URL: 'https://me:hunter2secret@gw.example' });
    assert.equal(endpoint.source, 'default');
    assert.equal(problems.length, 1);
    assert.doesNotMatch(problems[0], /hunter2secret/);
    assert.match(problems[0], /ANTHROPIC_BASE_URL in the environment has a user name or password in it/);
  });

  it('counts the provider\'s own origin as such whatever the path, and nothing else', () => {
    assert.equal(isProviderOrigin(resolveEndpoint('openai', undefined, { OPENAI_BASE_URL: 'https://API.openai.com:443/v1/' }).endpoint), true);
    assert.equal(isProviderOrigin(resolveEndpoint('openai', undefined, { OPENAI_BASE_URL: 'http://api.openai.com/v1' }).endpoint), false);
    assert.equal(isProviderOrigin(resolveEndpoint('openai', undefined, { OPENAI_BASE_URL: 'https://api.anthropic.com' }).endpoint), false);
  });

  it('says where the endpoint came from, and never shows a query string (a token can be in it)', () => {
    const env = (value: string) => resolveEndpoint('openai', undefined, { OPENAI_BASE_URL: value }).endpoint;
    assert.equal(describeEndpoint(env('https://gw.example/v1?api-key=abc123')), 'https://gw.example/v1?… (OPENAI_BASE_URL in the environment)');
    assert.equal(describeEndpoint(resolveEndpoint('anthropic', 'https://gw.example', {}).endpoint), 'https://gw.example (tandem.anthropic.baseUrl in your user settings)');
    assert.equal(describeEndpoint(resolveEndpoint('anthropic', undefined, {}).endpoint), "https://api.anthropic.com (Anthropic's own endpoint)");
  });
});

describe('endpoint status lines: the key picker, the status tooltip, the log', () => {
  const fromEnv = resolveEndpoint('openai', undefined, { OPENAI_BASE_URL: 'http://127.0.0.1:4000/v1' }).endpoint;
  const own = resolveEndpoint('anthropic', undefined, {}).endpoint;

  it('names the endpoint, its source and how it stands', () => {
    assert.equal(endpointStatusText({ endpoint: own, state: 'trusted' }), "https://api.anthropic.com (Anthropic's own endpoint)");
    assert.equal(endpointStatusText({ endpoint: fromEnv, state: 'asks' }),
      'http://127.0.0.1:4000/v1 (OPENAI_BASE_URL in the environment) (not trusted yet: Tandem asks before the first request)');
    assert.match(endpointStatusText({ endpoint: fromEnv, state: 'declined' }), /declined: nothing is sent there this session/);
  });

  it('puts in the tooltip only endpoints that are not the provider\'s own, with names in code spans', () => {
    const lines = endpointTooltipLines([{ endpoint: fromEnv, state: 'allowed' }, { endpoint: own, state: 'trusted' }]);
    assert.deepEqual(lines, ['Endpoint: OpenAI → `http://127.0.0.1:4000/v1` from `OPENAI_BASE_URL` in the environment (allowed for this session)', '']);
    assert.deepEqual(endpointTooltipLines([{ endpoint: own, state: 'trusted' }]), []);
  });
});
