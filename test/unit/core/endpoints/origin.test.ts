import assert from 'node:assert/strict';
import { isLoopbackHost, matchesOrigin, originOf, originText, parseOriginPattern, parseTrustedOrigins, type OriginPattern } from '../../../../src/core/endpoints/origin';

function pattern(text: string): OriginPattern {
  const parsed = parseOriginPattern(text);
  assert.ok(typeof parsed !== 'string', `${text}: ${String(parsed)}`);
  return parsed;
}

const trusts = (patternText: string, url: string) => matchesOrigin(pattern(patternText), originOf(new URL(url)));

describe('trusted origins: matching an endpoint against tandem.trustedEndpoints', () => {
  it('matches the origin and nothing else: another host, scheme or port is another origin', () => {
    assert.equal(trusts('https://llm.example.com', 'https://llm.example.com/v1'), true);
    assert.equal(trusts('https://llm.example.com', 'https://llm.example.com.evil.io/v1'), false);
    assert.equal(trusts('https://llm.example.com', 'https://evil.io/llm.example.com'), false);
    assert.equal(trusts('https://llm.example.com', 'http://llm.example.com/v1'), false, 'http is not https');
    assert.equal(trusts('https://llm.example.com', 'https://llm.example.com:8443/v1'), false);
    assert.equal(trusts('http://llm.example.com', 'https://llm.example.com/v1'), false, 'https is not http either');
  });

  it('takes a * port as any port, the default one included, on that scheme and host only', () => {
    assert.equal(trusts('http://127.0.0.1:*', 'http://127.0.0.1:41234/v1'), true);
    assert.equal(trusts('http://127.0.0.1:*', 'http://127.0.0.1/v1'), true);
    assert.equal(trusts('http://127.0.0.1:*', 'https://127.0.0.1:41234'), false);
    assert.equal(trusts('http://127.0.0.1:*', 'http://127.0.0.2:41234'), false);
    assert.equal(trusts('http://127.0.0.1:*', 'http://localhost:41234'), false, 'localhost is another name, listed on its own');
    assert.equal(trusts('http://[::1]:*', 'http://[::1]:4000/v1'), true);
  });

  it('treats a written default port as no port, and a port in the URL as that port', () => {
    assert.equal(trusts('https://llm.example.com:443', 'https://llm.example.com/v1'), true);
    assert.equal(trusts('https://llm.example.com', 'https://llm.example.com:443/v1'), true);
    assert.equal(trusts('http://gw.internal', 'http://gw.internal:80'), true);
    assert.equal(trusts('http://gw.internal:8080', 'http://gw.internal:8080/v1'), true);
    assert.equal(trusts('http://gw.internal:8080', 'http://gw.internal/v1'), false);
  });

  it('ignores case in scheme and host, a trailing slash, and a trailing dot on the host', () => {
    assert.equal(trusts('HTTPS://LLM.Example.COM/', 'https://llm.example.com/v1'), true);
    assert.equal(trusts('https://llm.example.com', 'https://LLM.EXAMPLE.COM./v1'), true);
    assert.equal(trusts('http://127.0.0.1:*/', 'http://127.0.0.1:9/'), true);
  });

  it('refuses entries that are not origins, saying why, and keeps the others', () => {
    const { patterns, problems } = parseTrustedOrigins([
      'https://ok.example.com', 'llm.example.com', 'ftp://files.example.com', 'https://*.example.com',
      'https://gw.example.com/v1', 'https://user:pw@gw.example.com', 'http://h:80:*', 42,
    ]);
    assert.deepEqual(patterns.map((p) => p.text), ['https://ok.example.com']);
    assert.equal(problems.length, 7);
    assert.match(problems.join('\n'), /"llm\.example\.com" is not a URL; it is ignored/);
    assert.match(problems.join('\n'), /"ftp:\/\/files\.example\.com" is not an http\(s\) URL/);
    assert.match(problems.join('\n'), /wildcard host/);
    assert.match(problems.join('\n'), /"https:\/\/gw\.example\.com\/v1" has a path/);
    assert.match(problems.join('\n'), /user name or password/);
    assert.match(problems.join('\n'), /42 is not a string/);
    assert.deepEqual(parseTrustedOrigins(undefined), { patterns: [], problems: [] });
    assert.match(parseTrustedOrigins('https://x.example').problems[0], /must be a list/);
  });

  it('writes an origin as a browser does: the port only when it is not the scheme\'s own', () => {
    assert.equal(originText(originOf(new URL('https://LLM.example.com:443/v1'))), 'https://llm.example.com');
    assert.equal(originText(originOf(new URL('http://127.0.0.1:8080/v1'))), 'http://127.0.0.1:8080');
    assert.equal(originText(originOf(new URL('http://[0:0:0:0:0:0:0:1]:3000'))), 'http://[::1]:3000');
  });
});

describe('loopback hosts', () => {
  const hostOf = (url: string) => new URL(url).hostname;

  it('counts localhost, 127.0.0.0/8 and ::1 (however they are written) as this machine', () => {
    for (const url of ['http://localhost:1', 'http://LOCALHOST.:1', 'http://127.0.0.1', 'http://127.1.2.3', 'http://127.1', 'http://0x7f.0.0.1', 'http://[::1]', 'http://[0::1]', 'http://[::ffff:127.0.0.1]']) {
      assert.equal(isLoopbackHost(hostOf(url)), true, url);
    }
  });

  it('does not count other private or look-alike hosts', () => {
    for (const url of ['http://10.0.0.1', 'http://192.168.1.1', 'http://0.0.0.0', 'http://[::]', 'http://localhost.evil.io', 'http://api.localhost', 'http://127.0.0.1.nip.io', 'http://[::ffff:10.0.0.1]']) {
      assert.equal(isLoopbackHost(hostOf(url)), false, url);
    }
  });
});
