import assert from 'node:assert/strict';
import { formatTokens, formatUsd } from '../../../src/core/format/spend';
import { FakeProvidersClient } from '../../fake-providers/client';
import { fakeTokenCount, REASONING_TOKENS } from '../../fake-providers/tokens';
import { loadExactTokenizer } from '../../../src/editor/models/exactTokenizer';
import { activateTandem } from '../tandem';

/** A call through the model layer, in the real extension host, against the fake providers. */
describe('Model layer in the extension host', () => {
  const fake = new FakeProvidersClient(process.env.TANDEM_FAKE_PROVIDERS_URL ?? '');
  const key = 'sk-test-model-layer-0123456789';

  beforeEach(async () => {
    await fake.reset();
    const { context, session } = await activateTandem();
    await context.secrets.store('tandem.apiKey.openai', key);
    session.reset();
  });

  afterEach(async () => {
    const { context } = await activateTandem();
    await context.secrets.delete('tandem.apiKey.openai');
  });

  it('records the call in the ledger and shows its exact cost in the status bar', async () => {
    const { models, statusBarItem } = await activateTandem();
    const system = 'You write TypeScript.';
    const prompt = 'Write a function that adds two numbers.';
    const answer = 'export const add = (a: number, b: number): number => a + b;';
    await fake.script({ match: { provider: 'openai' }, reply: { text: answer } });

    const started = new Date();
    const outcome = await models.service.run({ task: 'generateCode', system: [system], messages: [{ role: 'user', content: prompt }] });
    assert.equal(outcome.model, 'gpt-5.4-mini');
    assert.equal(outcome.result.text, answer);

    // The fake's rules: ceil(chars/4) per text piece; reasoning effort low adds its tokens to the output.
    const input = fakeTokenCount(system) + fakeTokenCount(prompt);
    const output = fakeTokenCount(answer) + REASONING_TOKENS.low;
    const expectedMicro = Math.round((input * 750_000 + output * 4_500_000) / 1_000_000);

    const { records } = await models.ledger.read({ from: new Date(started.getTime() - 1000) });
    const record = records.at(-1);
    assert.ok(record, 'the call is in the ledger');
    assert.equal(record.outcome, 'ok');
    assert.equal(record.task, 'generateCode');
    assert.deepEqual(
      [record.usage.input, record.usage.cacheRead, record.usage.output, record.usage.reasoning],
      [input, 0, output, REASONING_TOKENS.low],
    );
    assert.equal(record.costMicroUsd, expectedMicro);
    assert.ok(!JSON.stringify(records).includes(key), 'the ledger never holds a key');
    assert.equal(statusBarItem.text, `${formatUsd(expectedMicro)} · ${formatTokens(input + output)} tok`);
  });

  it('loads the exact o200k tokenizer from its compressed file in the extension, counting as GPT-5.4 Mini does', async () => {
    const { context } = await activateTandem();
    const tokenizer = loadExactTokenizer(context.extensionPath);
    assert.equal(tokenizer.count('hello world'), 2);
    assert.equal(tokenizer.count('const doubled = xs.map((x) => x * 2);'), 14);
    assert.equal(tokenizer.count('<|endoftext|>') > 1, true, 'special-token text is plain text');
  });
});
