/**
 * The redaction pass before the wire: the real SDKs against the fake server, whose request log is what
 * left this machine. A secret in a prompt must not be in it; the answer comes back with it in place.
 */
import assert from 'node:assert/strict';
import { startFakeProviders, type FakeProviders } from '../../../fake-providers/server';
import { createHarness, TEST_KEYS, type Harness } from '../../../fixtures/modelHarness';

// AWS's documented example key id, jwt.io's example token, a key made up to the OpenAI shape.
const AWS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const OPENAI_KEY = 'sk-proj-EXAMPLEk3y0nly4Tests9QwErTyUiOp1234';

describe('ModelService: secrets are redacted before the wire (real SDKs, fake server)', () => {
  let fake: FakeProviders;
  let h: Harness;

  before(async () => {
    fake = await startFakeProviders();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.reset();
    h = createHarness(fake);
  });
  afterEach(() => h.cleanup());

  const wire = () => JSON.stringify(fake.requests().map((r) => r.body));

  it('sends placeholders instead of secrets in the system parts and the messages, to either provider', async () => {
    fake.script({ match: { provider: 'openai' }, reply: { text: 'ok' } }, { match: { provider: 'anthropic' }, reply: { text: 'ok' } });
    const code = `const aws = '${AWS_KEY_ID}';\nconst session = '${JWT}';\nconst db = 'postgres://orders:hunter2-prod@db.internal/orders';`;
    await h.service.run({ task: 'generateCode', system: [`Project key: ${OPENAI_KEY}`], messages: [{ role: 'user', content: code }] });
    await h.service.run({ task: 'explain', system: ['Explain.'], messages: [{ role: 'user', content: [{ type: 'text', text: code }] }] });

    const sent = wire();
    assert.equal(fake.requests().filter((r) => r.method === 'POST').length, 2);
    for (const secret of [AWS_KEY_ID, JWT, OPENAI_KEY, 'hunter2-prod']) assert.ok(!sent.includes(secret), `${secret.slice(0, 12)}… never reached the server`);
    assert.match(sent, /\[REDACTED AWS access key id\]/);
    assert.match(sent, /postgres:\/\/orders:\[REDACTED password\]@db\.internal\/orders/, 'only the password goes: the model still sees the rest of the URL');
    assert.match(sent, /Project key: \[REDACTED OpenAI key\]/);
    const said = h.logLines.filter((l) => l.includes('privacy:'));
    assert.deepEqual(said, [
      'info privacy: redacted from the generateCode prompt before sending: OpenAI key ×1, AWS access key id ×1, JWT ×1, password ×1',
      'info privacy: redacted from the explain prompt before sending: AWS access key id ×1, JWT ×1, password ×1',
    ]);
    assert.ok(!h.logLines.join('\n').includes('hunter2'), 'the log names kinds and counts, never a value');
  });

  it("redacts the user's own key verbatim, whatever its shape", async () => {
    fake.script({ match: { provider: 'openai' }, reply: { text: 'ok' } });
    await h.service.run({ task: 'generateCode', system: ['Write code.'], messages: [{ role: 'user', content: `const k = "${TEST_KEYS.anthropic}";` }] });
    assert.ok(!wire().includes(TEST_KEYS.anthropic));
    assert.match(wire(), /const k = \\"\[REDACTED API key\]\\"/);
  });

  it('gives code answers their secrets back, so accepting one never writes a placeholder over a secret', async () => {
    fake.script({ match: { provider: 'openai' }, reply: { text: "const aws = '[REDACTED AWS access key id]'; // moved" } });
    const { result } = await h.service.run({ task: 'editSelection', system: ['Edit.'], messages: [{ role: 'user', content: `const aws = '${AWS_KEY_ID}';` }] });
    assert.equal(result.text, `const aws = '${AWS_KEY_ID}'; // moved`);
  });

  it('keeps the placeholders in an explanation: rendered text never carries a secret', async () => {
    fake.script({ match: { provider: 'anthropic' }, reply: { text: 'It sends [REDACTED JWT] as the session.' } });
    const { result } = await h.service.run({ task: 'explain', system: ['Explain.'], messages: [{ role: 'user', content: `s = '${JWT}'` }] });
    assert.equal(result.text, 'It sends [REDACTED JWT] as the session.');
  });

  it('sends a prompt with no secret exactly as it was, and says nothing', async () => {
    fake.script({ match: { provider: 'openai' }, reply: { text: 'ok' } });
    const content = "const id = '550e8400-e29b-41d4-a716-446655440000'; // sha da39a3ee5e6b4b0d3255bfef95601890afd80709";
    await h.service.run({ task: 'generateCode', system: ['Write code.'], messages: [{ role: 'user', content }] });
    assert.ok(wire().includes(JSON.stringify(content).slice(1, -1)));
    assert.equal(h.logLines.filter((l) => l.includes('privacy:')).length, 0);
  });
});
