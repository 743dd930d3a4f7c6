import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server';
import { CrossOriginRedirectError, sameOriginFetch } from '../../../src/providers/sameOriginFetch';
import { anthropic, claudeRequest, gptRequest, openai, providerError } from './helpers';

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A local HTTP server that answers from a table of paths (a redirect or a 200) and records what it got. */
type Routes = Record<string, { status: number; location?: string }>;

async function server(routesOf: Routes | ((url: string) => Routes)): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  let routes: Routes = {};
  const http: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const route = routes[req.url ?? ''] ?? { status: 200 };
      res.writeHead(route.status, route.location ? { location: route.location } : { 'content-type': 'text/plain' });
      res.end(route.location ? 'moved' : `ok ${req.method} ${body}`);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  routes = typeof routesOf === 'function' ? routesOf(url) : routesOf;
  return { url, seen, close: () => new Promise((resolve) => http.close(() => resolve())) };
}

describe('sameOriginFetch: redirects stay within the origin the request went to', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  it('follows a redirect within the origin, keeping the method, the body and the headers (307)', async () => {
    const a = await server({ '/old': { status: 307, location: '/new' } });
    closers.push(a.close);
    const response = await sameOriginFetch(`${a.url}/old`, { method: 'POST', body: '{"q":1}', headers: { 'x-gateway-token': 'gw-secret-1234' } });
    assert.equal(await response.text(), 'ok POST {"q":1}');
    assert.deepEqual(a.seen.map((s) => [s.method, s.path, s.headers['x-gateway-token']]), [['POST', '/old', 'gw-secret-1234'], ['POST', '/new', 'gw-secret-1234']]);
  });

  it('turns a POST redirected with 302 or 303 into a GET without the body, as the fetch standard does', async () => {
    const a = await server({ '/302': { status: 302, location: '/done' }, '/303': { status: 303, location: '/done' } });
    closers.push(a.close);
    for (const path of ['/302', '/303']) {
      const response = await sameOriginFetch(`${a.url}${path}`, { method: 'POST', body: 'payload', headers: { 'content-type': 'text/plain' } });
      assert.equal(await response.text(), 'ok GET ');
    }
    assert.equal(a.seen.filter((s) => s.path === '/done' && s.headers['content-type'] === undefined).length, 2);
  });

  it('refuses a redirect to another origin: the other server receives nothing, not even the headers', async () => {
    const b = await server({});
    const a = await server({ '/v1/messages': { status: 307, location: `${b.url}/v1/messages?token=abc` } });
    closers.push(a.close, b.close);
    const error = await sameOriginFetch(`${a.url}/v1/messages`, { method: 'POST', body: '{}', headers: { 'x-api-key': 'sk-ant-never-forwarded' } }).then(
      () => assert.fail('the redirect was followed'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof CrossOriginRedirectError);
    assert.equal(error.to, b.url);
    assert.doesNotMatch(error.message, /token=abc/, 'only origins are named: a redirect URL can carry a token');
    assert.deepEqual(b.seen, []);
  });

  it('counts another port or scheme on the same host as another origin', async () => {
    const b = await server({});
    const a = await server((own) => ({ '/x': { status: 308, location: `${b.url}/x` }, '/y': { status: 301, location: `${own.replace('http:', 'https:')}/x` } }));
    closers.push(a.close, b.close);
    await assert.rejects(sameOriginFetch(`${a.url}/x`), CrossOriginRedirectError);
    await assert.rejects(sameOriginFetch(`${a.url}/y`), CrossOriginRedirectError);
    assert.deepEqual(b.seen, []);
  });
});

describe('The SDK clients and a redirecting endpoint (real SDKs, fake server)', () => {
  let fake: FakeProviders;
  let elsewhere: FakeProviders;
  beforeEach(async () => {
    fake = await startFakeProviders();
    elsewhere = await startFakeProviders();
  });
  afterEach(async () => {
    await fake.close();
    await elsewhere.close();
  });

  it('Anthropic: a redirect to another origin fails with a clear message, and the key (x-api-key) never reaches it', async () => {
    fake.script({ match: { provider: 'anthropic' }, fault: { kind: 'status', status: 307, headers: { location: `${elsewhere.anthropicBaseURL}/v1/messages` } } });
    const err = await providerError(anthropic(fake, { headers: { 'x-gateway-token': 'gw-secret-0123456789' } }).stream(claudeRequest()));
    assert.equal(err.kind, 'bad-request', 'a configuration problem: not retried on the other model');
    assert.match(err.message, /Anthropic: the endpoint http:\/\/127\.0\.0\.1:\d+ redirected the request to http:\/\/127\.0\.0\.1:\d+, another origin/);
    assert.deepEqual(elsewhere.requests(), []);
  });

  it('OpenAI: the gateway headers are not carried to another origin either', async () => {
    fake.script({ match: { provider: 'openai' }, fault: { kind: 'status', status: 308, headers: { location: `${elsewhere.openaiBaseURL}/responses` } } });
    const err = await providerError(openai(fake, { headers: { 'x-gateway-token': 'gw-secret-0123456789' } }).stream(gptRequest()));
    assert.match(err.message, /another origin/);
    assert.deepEqual(elsewhere.requests(), []);
  });

  it('a redirect within the endpoint is followed and the call succeeds', async () => {
    fake.script({ match: { provider: 'anthropic' }, fault: { kind: 'status', status: 307, headers: { location: '/v1/messages' } } });
    const result = await anthropic(fake).stream(claudeRequest());
    assert.ok(result.text.length > 0);
    assert.deepEqual(fake.requests().map((r) => r.status), [307, 200]);
  });
});
