import assert from 'node:assert/strict';
import { Redaction, redactPrompt, redactShapes } from '../../../../src/core/privacy/redaction';

// Documented example values (AWS's, jwt.io's, Stripe's, Slack's and GitHub's docs) or made up to the shape;
// none is a real secret.
const AWS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const OPENAI = 'sk-proj-EXAMPLEk3y0nly4Tests9QwErTyUiOp1234';
const OPENAI_LEGACY = 'sk-EXAMPLE0123456789abcdefABCDEF0123456789abcdefAB';
const ANTHROPIC = 'sk-ant-api03-EXAMPLE_onlyForTests-0123456789abcdefghijklmnop';
const GITHUB = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const GITHUB_PAT = `github_pat_11EXAMPLE0123456789_${'a1B2c3D4e5'.repeat(6)}`;
const SLACK = 'xoxb-not-a-real-token-this-will-not-work';
const SLACK_HOOK = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';
const GOOGLE = `AIzaSy${'EXAMPLE-key_0123456789abcdefghijk'.slice(0, 33)}`;
const STRIPE = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';
const NPM = `npm_${'EXAMPLE0123456789abcdefghijklmnopqrs'.slice(0, 36)}`;
const PEM_BODY = ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7EXAMPLEonly', 'ForTestsNotARealKeyAtAll0123456789abcdefghijklmnopqrstuvwxyzABCD', 'EFGHIJKLMNOPQRSTUVWXYZ0123456789+/=='];
const PEM = ['-----BEGIN RSA PRIVATE KEY-----', ...PEM_BODY, '-----END RSA PRIVATE KEY-----'].join('\n');

describe('redaction: the secret shapes', () => {
  const cases: readonly [string, string, string][] = [
    ['a PEM private key block', `const key = \`${PEM}\`;`, 'const key = `[REDACTED private key]`;'],
    ['an OpenSSH private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n', '[REDACTED private key]\n'],
    ['a PEM key in a string literal with \\n escapes', `"-----BEGIN PRIVATE KEY-----\\n${PEM_BODY.join('\\n')}\\n-----END PRIVATE KEY-----\\n"`, '"[REDACTED private key]\\n"'],
    ['a key block cut off at the end (a completion window)', `x = 1\n-----BEGIN EC PRIVATE KEY-----\n${PEM_BODY[0]}\n${PEM_BODY[1].slice(0, 20)}`, 'x = 1\n[REDACTED private key]'],
    ['a key block cut off at the start', `${PEM_BODY[1]}\n${PEM_BODY[2]}\n-----END PRIVATE KEY-----\ny = 2`, '[REDACTED private key]\ny = 2'],
    ['an AWS access key id', `const id = '${AWS_KEY_ID}';`, "const id = '[REDACTED AWS access key id]';"],
    ['a temporary AWS key id', 'ASIAY34FZKBOKMUTVV7A', '[REDACTED AWS access key id]'],
    ['an AWS secret after its key id', `new Credentials('${AWS_KEY_ID}', '${AWS_SECRET}')`, "new Credentials('[REDACTED AWS access key id]', '[REDACTED AWS secret access key]')"],
    ['an AWS secret by its name', `aws_secret_access_key = ${AWS_SECRET}`, 'aws_secret_access_key = [REDACTED AWS secret access key]'],
    ['an AWS secret in JSON', `{"SecretAccessKey": "${AWS_SECRET}"}`, '{"SecretAccessKey": "[REDACTED AWS secret access key]"}'],
    ['an OpenAI project key', `OPENAI_API_KEY="${OPENAI}"`, 'OPENAI_API_KEY="[REDACTED OpenAI key]"'],
    ['a legacy OpenAI key', `key: ${OPENAI_LEGACY}`, 'key: [REDACTED OpenAI key]'],
    ['an Anthropic key', `new Anthropic({ apiKey: '${ANTHROPIC}' })`, "new Anthropic({ apiKey: '[REDACTED Anthropic key]' })"],
    ['a GitHub token', `token=${GITHUB}`, 'token=[REDACTED GitHub token]'],
    ['a GitHub fine-grained token', GITHUB_PAT, '[REDACTED GitHub token]'],
    ['a Slack token', `slack('${SLACK}')`, "slack('[REDACTED Slack token]')"],
    ['a Slack webhook', `post("${SLACK_HOOK}")`, 'post("[REDACTED Slack webhook]")'],
    ['a Google API key', `key=${GOOGLE}&q=1`, 'key=[REDACTED Google API key]&q=1'],
    ['a Stripe key', `stripe(${JSON.stringify(STRIPE)})`, 'stripe("[REDACTED Stripe key]")'],
    ['an npm token', `//registry.npmjs.org/:_authToken=${NPM}`, '//registry.npmjs.org/:_authToken=[REDACTED npm token]'],
    ['a JWT', `headers: { cookie: 'session=${JWT}' }`, "headers: { cookie: 'session=[REDACTED JWT]' }"],
    ['a password in a connection string', 'DATABASE_URL = "postgres://app:hunter2@db.internal:5432/orders"', 'DATABASE_URL = "postgres://app:[REDACTED password]@db.internal:5432/orders"'],
    ['a password in a URL with no user', 'redis://:s3cr3t-Pa55@cache:6379/0', 'redis://:[REDACTED password]@cache:6379/0'],
    ['a password in a mongodb+srv URL', 'mongodb+srv://admin:Tr0ub4dor&3@cluster0.example.net/test', 'mongodb+srv://admin:[REDACTED password]@cluster0.example.net/test'],
    ['a bearer token', "fetch(url, { headers: { Authorization: 'Bearer 9fQ2xLr7TzKc4VbN8mWp3sYh' } })", "fetch(url, { headers: { Authorization: 'Bearer [REDACTED bearer token]' } })"],
  ];
  for (const [what, input, expected] of cases) {
    it(`replaces ${what}`, () => assert.equal(redactShapes(input), expected));
  }
});

describe('redaction: ordinary code goes through untouched', () => {
  const png = `data:image/png;base64,${Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256)).toString('base64')}`;
  const lines: readonly [string, string][] = [
    ['UUIDs', "const id = '550e8400-e29b-41d4-a716-446655440000';"],
    ['a git commit and a SHA-1 of 40 hex characters', 'git checkout da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['a SHA-256', 'sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['an npm integrity hash', '"integrity": "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUR6TigfPTrDJs2w=="'],
    ['a base64 PNG', `<img src="${png}">`],
    ['a 40-character base64 value with no AWS key id or name near it', "const digest = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';"],
    ['SpinKit CSS classes', '<div class="sk-fading-circle sk-circle-bounce-delay-animation"></div>'],
    ['words with sk- inside', 'the task-list and desk-lamp-controller-module names'],
    ['reading secrets from the environment', 'const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;'],
    ['URLs with a user and no password, or a port', 'https://user@example.com/x http://localhost:8080/v1 git@github.com:org/repo.git'],
    ['connection strings built from variables', 'const url = `postgres://${user}:${password}@${host}/db`; const u2 = "mysql://root:$DB_PASS@db";'],
    ['a templated bearer header', "headers.Authorization = 'Bearer ' + token; const h = `Bearer ${token}`;"],
    ['a long camelCase identifier', 'const createUserAccountWithDefaultPermissionsAndSettingsFactory = 1;'],
    ['a placeholder the user already wrote', 'OPENAI_API_KEY=sk-...your-key-here...'],
  ];
  for (const [what, text] of lines) {
    it(`leaves ${what}`, () => assert.equal(redactShapes(text), text));
  }
});

describe('redaction of a request', () => {
  it('redacts every system part and every message text, leaves images, and counts by kind', () => {
    const image = { type: 'image' as const, mediaType: 'image/png' as const, base64: 'iVBORw0KGgo=' };
    const { system, messages, redaction } = redactPrompt(
      [`Rules. Our key is ${AWS_KEY_ID}.`, 'Stable part.'],
      [
        { role: 'user', content: `const a = '${JWT}';\nconst b = '${JWT}';` },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'text', text: `password: postgres://u:pw123456@h/db ${OPENAI}` }, image] },
      ],
      [],
    );
    assert.deepEqual(system, ['Rules. Our key is [REDACTED AWS access key id].', 'Stable part.']);
    assert.equal(messages[0].content, "const a = '[REDACTED JWT]';\nconst b = '[REDACTED JWT]';", 'one secret, one placeholder');
    assert.equal(messages[1].content, 'ok');
    assert.deepEqual(messages[2].content, [{ type: 'text', text: 'password: postgres://u:[REDACTED password]@h/db [REDACTED OpenAI key]' }, image]);
    assert.equal(redaction.count, 5);
    assert.equal(redaction.summary(), 'AWS access key id ×1, JWT ×2, OpenAI key ×1, password ×1');
    assert.ok(!redaction.summary().includes('hunter') && !/pw123456|EXAMPLE/.test(redaction.summary()), 'the summary never holds a value');
  });

  it("replaces the user's own keys verbatim, whatever they look like", () => {
    const { messages } = redactPrompt([], [{ role: 'user', content: 'gateway-key-litellm-42 and sk-test-harness-0001' }], ['gateway-key-litellm-42', 'sk-test-harness-0001', 'short']);
    assert.equal(messages[0].content, '[REDACTED API key] and [REDACTED API key 2]');
  });

  it('gives two different secrets of a kind two placeholders, and restores each in an answer', () => {
    const second = 'AKIAI44QH8DHBEXAMPLE';
    const { messages, redaction } = redactPrompt([], [{ role: 'user', content: `a=${AWS_KEY_ID} b=${second} c=${AWS_KEY_ID}` }], []);
    assert.equal(messages[0].content, 'a=[REDACTED AWS access key id] b=[REDACTED AWS access key id 2] c=[REDACTED AWS access key id]');
    assert.equal(redaction.restore('x = [REDACTED AWS access key id 2]; y = [REDACTED AWS access key id]'), `x = ${second}; y = ${AWS_KEY_ID}`);
    assert.deepEqual(redaction.restoreJson({ findings: [{ replacement: 'id = "[REDACTED AWS access key id]"', line: 3 }] }), { findings: [{ replacement: `id = "${AWS_KEY_ID}"`, line: 3 }] });
  });

  it('never picks a placeholder the text already holds, so restoring cannot turn the literal text into a secret', () => {
    const text = `note: [REDACTED JWT] was here; token ${JWT}`;
    const redaction = new Redaction([], text);
    assert.equal(redaction.text(text), 'note: [REDACTED JWT] was here; token [REDACTED JWT 2]');
    assert.equal(redaction.restore('[REDACTED JWT] / [REDACTED JWT 2]'), `[REDACTED JWT] / ${JWT}`);
  });

  it("gives the same text the same placeholders whichever of the user's keys are known (a batch answer is restored from that)", () => {
    const content = `k1 = '${OPENAI}'; k2 = '${OPENAI_LEGACY}'; gw = 'gateway-key-litellm-42'`;
    const known = redactPrompt([], [{ role: 'user', content }], [OPENAI, 'gateway-key-litellm-42']);
    const unknown = redactPrompt([], [{ role: 'user', content }], []);
    assert.equal(known.messages[0].content, "k1 = '[REDACTED OpenAI key]'; k2 = '[REDACTED OpenAI key 2]'; gw = '[REDACTED API key]'");
    assert.equal(unknown.messages[0].content, "k1 = '[REDACTED OpenAI key]'; k2 = '[REDACTED OpenAI key 2]'; gw = 'gateway-key-litellm-42'");
  });
});
