import assert from 'node:assert/strict';
import { EndpointConsent, EndpointNotAllowedError, judgeEndpoint, type ConsentAnswer, type ConsentQuestion } from '../../../../src/core/endpoints/consent';
import { resolveEndpoint, type Endpoint } from '../../../../src/core/endpoints/endpoint';
import { parseTrustedOrigins } from '../../../../src/core/endpoints/origin';
import type { ProviderId } from '../../../../src/core/models/providers';

const fromEnv = (provider: ProviderId, url: string): Endpoint =>
  resolveEndpoint(provider, undefined, { [provider === 'openai' ? 'OPENAI_BASE_URL' : 'ANTHROPIC_BASE_URL']: url }).endpoint;
const fromSetting = (provider: ProviderId, url: string): Endpoint => resolveEndpoint(provider, url, {}).endpoint;
const own = (provider: ProviderId): Endpoint => resolveEndpoint(provider, undefined, {}).endpoint;
const patterns = (...texts: string[]) => parseTrustedOrigins(texts).patterns;

/** The consent check with scripted answers, a settings list it can add to, and what it logged and asked. */
function harness(answers: ConsentAnswer[] = [], options: { trusted?: string[]; persistFails?: boolean } = {}) {
  const trusted = [...(options.trusted ?? [])];
  const questions: ConsentQuestion[] = [];
  const log: string[] = [];
  let changes = 0;
  const consent = new EndpointConsent({
    trusted: () => patterns(...trusted),
    ask: async (question) => {
      questions.push(question);
      const answer = answers.shift();
      if (!answer) throw new Error('asked more often than the test expected');
      return answer;
    },
    alwaysAllow: async (origin) => {
      if (options.persistFails) throw new Error('EACCES: settings.json is read-only');
      trusted.push(origin);
    },
    log: { info: (m) => log.push(`info ${m}`), warn: (m) => log.push(`warn ${m}`), error: (m) => log.push(`error ${m}`) },
  });
  consent.onDidChange(() => changes++);
  const sent: string[] = [];
  /** A request as the client pool makes it: nothing goes out unless the check lets it. */
  const send = async (endpoint: Endpoint, background = false) => {
    await consent.allow(endpoint, { background });
    sent.push(endpoint.url);
  };
  return { consent, questions, log, sent, send, trusted, changes: () => changes };
}

describe('endpoint trust: which endpoints may have the key without asking', () => {
  it('trusts the provider\'s own endpoint and one set in the user\'s settings', () => {
    assert.equal(judgeEndpoint(own('openai'), []).trusted, true);
    assert.equal(judgeEndpoint(fromEnv('openai', 'https://api.openai.com/v1'), []).trusted, true, 'the provider\'s origin, even from the environment');
    assert.equal(judgeEndpoint(fromSetting('openai', 'https://gw.example/v1'), []).trusted, true);
    assert.equal(judgeEndpoint(fromSetting('anthropic', 'http://localhost:4000'), []).trusted, true, 'plain http to this machine');
  });

  it('does not trust an endpoint from the environment unless its origin is listed', () => {
    assert.deepEqual(judgeEndpoint(fromEnv('openai', 'https://llm.evil.example/v1'), []), { trusted: false, plainHttp: false });
    assert.equal(judgeEndpoint(fromEnv('openai', 'https://llm.evil.example/v1'), patterns('https://llm.evil.example')).trusted, true);
    assert.equal(judgeEndpoint(fromEnv('openai', 'http://127.0.0.1:4000/v1'), []).trusted, false, 'loopback is no exception for the environment');
    assert.equal(judgeEndpoint(fromEnv('openai', 'http://127.0.0.1:4000/v1'), patterns('http://127.0.0.1:*')).trusted, true);
  });

  it('never trusts plain http to another machine without the user\'s word, even from the user\'s settings', () => {
    assert.deepEqual(judgeEndpoint(fromSetting('openai', 'http://gw.corp.example/v1'), []), { trusted: false, plainHttp: true });
    assert.deepEqual(judgeEndpoint(fromEnv('anthropic', 'http://10.0.0.5:8080'), []), { trusted: false, plainHttp: true });
    assert.equal(judgeEndpoint(fromSetting('openai', 'http://gw.corp.example/v1'), patterns('http://gw.corp.example')).trusted, true, 'listing it is that word');
  });
});

describe('endpoint consent: asking once before the key goes to an endpoint the user has not trusted', () => {
  const unknown = fromEnv('openai', 'https://llm.unknown.example/v1');

  it('sends to a trusted endpoint without asking', async () => {
    const h = harness();
    await h.send(own('openai'));
    await h.send(fromSetting('anthropic', 'https://gw.example'));
    assert.deepEqual(h.questions, []);
    assert.equal(h.sent.length, 2);
  });

  it('asks before the first request; "Don\'t Send" sends nothing, says how to change it, and is kept for the session', async () => {
    const h = harness(['decline']);
    await assert.rejects(h.send(unknown), (error: unknown) => {
      assert.ok(error instanceof EndpointNotAllowedError);
      assert.equal(error.origin, 'https://llm.unknown.example');
      assert.match(error.message, /^Not sent: you chose not to send your OpenAI key to https:\/\/llm\.unknown\.example\/v1 \(OPENAI_BASE_URL in the environment\)/);
      assert.match(error.message, /add "https:\/\/llm\.unknown\.example" to tandem\.trustedEndpoints/);
      return true;
    });
    assert.deepEqual(h.questions.map((q) => [q.origin, q.plainHttp, q.endpoint.source]), [['https://llm.unknown.example', false, 'environment']]);
    await assert.rejects(h.send(unknown), EndpointNotAllowedError);
    assert.equal(h.questions.length, 1, 'asked once');
    assert.deepEqual(h.sent, []);
    assert.equal(h.consent.state(unknown), 'declined');
    assert.match(h.log.join('\n'), /warn endpoint: the user declined to send the OpenAI key to https:\/\/llm\.unknown\.example\/v1/);
  });

  it('"Allow Once" sends, and lasts for the session: the same origin is not asked again, another one is', async () => {
    const h = harness(['allow-once', 'decline']);
    await h.send(unknown);
    await h.send(fromEnv('anthropic', 'https://llm.unknown.example'));
    assert.equal(h.questions.length, 1, 'per origin, whichever provider');
    assert.equal(h.consent.state(unknown), 'allowed');
    assert.deepEqual(h.trusted, [], 'nothing written to the settings');
    await assert.rejects(h.send(fromEnv('openai', 'https://llm.unknown.example:8443/v1')), EndpointNotAllowedError);
    assert.equal(h.questions.length, 2);
    assert.equal(h.sent.length, 2);

    const nextSession = harness(['decline']);
    await assert.rejects(nextSession.send(unknown), EndpointNotAllowedError);
    assert.equal(nextSession.questions.length, 1, 'a new session asks again');
  });

  it('"Always Allow" adds the origin to tandem.trustedEndpoints, so it is trusted from then on', async () => {
    const h = harness(['always-allow']);
    await h.send(unknown);
    assert.deepEqual(h.trusted, ['https://llm.unknown.example']);
    assert.equal(h.consent.state(unknown), 'trusted');
    assert.match(h.log.join('\n'), /added to tandem\.trustedEndpoints/);
  });

  it('when the origin cannot be saved, it is still allowed for the session, and the log says why', async () => {
    const h = harness(['always-allow'], { persistFails: true });
    await h.send(unknown);
    await h.send(unknown);
    assert.equal(h.sent.length, 2);
    assert.equal(h.questions.length, 1);
    assert.match(h.log.join('\n'), /allowed for this session, but it could not be added to tandem\.trustedEndpoints \(EACCES/);
  });

  it('asks one question however many requests wait for it', async () => {
    let answer: (a: ConsentAnswer) => void = () => undefined;
    const questions: ConsentQuestion[] = [];
    const consent = new EndpointConsent({
      trusted: () => [],
      ask: (q) => {
        questions.push(q);
        return new Promise((resolve) => (answer = resolve));
      },
      alwaysAllow: async () => undefined,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const waiting = [consent.allow(unknown), consent.allow(unknown), consent.allow(unknown)];
    await new Promise((r) => setImmediate(r));
    answer('allow-once');
    await Promise.all(waiting);
    assert.equal(questions.length, 1);
  });

  it('background work never asks: it is not sent, the log says why once, and a later command still asks', async () => {
    const h = harness(['allow-once']);
    for (let i = 0; i < 3; i++) {
      await assert.rejects(h.send(unknown, true), (error: unknown) =>
        error instanceof EndpointNotAllowedError && /is not an endpoint you trust yet, and background work never asks/.test(error.message));
    }
    assert.deepEqual(h.questions, []);
    assert.deepEqual(h.sent, []);
    assert.equal(h.log.filter((l) => l.includes('background work never asks')).length, 1);
    await h.send(unknown);
    await h.send(unknown, true);
    assert.equal(h.sent.length, 2, 'once allowed, background work is sent too');
  });

  it('asks about plain http to another machine even when the user set it, and says it is unencrypted', async () => {
    const h = harness(['allow-once']);
    await h.send(fromSetting('openai', 'http://gw.corp.example/v1'));
    assert.deepEqual(h.questions.map((q) => [q.origin, q.plainHttp, q.endpoint.source]), [['http://gw.corp.example', true, 'setting']]);
  });

  it('tells the status bar when an answer changes how an endpoint stands', async () => {
    const h = harness(['allow-once']);
    assert.equal(h.consent.state(unknown), 'asks');
    await h.send(unknown);
    assert.equal(h.changes(), 1);
  });
});
