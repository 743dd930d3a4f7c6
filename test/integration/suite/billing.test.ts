import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatTokens, formatUsd } from '../../../src/core/format/spend';
import { totalTokens } from '../../../src/core/usage/usage';
import { clearKeys, closeEditors, fake, openEditor, storeKeys } from '../commandFixtures';
import { activateTandem, answerPrompt, captureMessages } from '../tandem';

/** What the status bar must read for a session total. */
function spendText(costMicroUsd: number, tokens: number): string {
  return tokens > 0 ? `${formatUsd(costMicroUsd)} · ${formatTokens(tokens)} tok` : formatUsd(costMicroUsd);
}

describe('Billing of failed calls in the status bar and the ledger', () => {
  let input: vscode.Disposable;

  beforeEach(async () => {
    await fake.reset();
    await storeKeys();
    const tandem = await activateTandem();
    tandem.session.reset();
    tandem.models.cooldowns.clear();
    input = answerPrompt('showInputBox', () => 'a function that adds two numbers');
  });

  afterEach(async () => {
    input.dispose();
    (await activateTandem()).models.cooldowns.clear();
    const config = vscode.workspace.getConfiguration('tandem');
    await config.update('fallback.enabled', undefined, vscode.ConfigurationTarget.Global);
    await config.update('maxRetries', undefined, vscode.ConfigurationTarget.Global);
    await closeEditors();
    await clearKeys();
  });

  const generate = async () => {
    await openEditor('let a = 1;\n|\n');
    const messages = captureMessages();
    try {
      await vscode.commands.executeCommand('tandem.generateCode');
    } finally {
      messages.dispose();
    }
    return messages.messages;
  };

  it('refused calls (401, 429, 500) leave the status bar at $0.00; each is a $0 line in the ledger', async () => {
    const config = vscode.workspace.getConfiguration('tandem');
    await config.update('fallback.enabled', false, vscode.ConfigurationTarget.Global);
    await config.update('maxRetries', 0, vscode.ConfigurationTarget.Global);
    const { session, statusBarItem, models } = await activateTandem();
    for (const status of [401, 429, 500]) {
      await fake.script({ match: { provider: 'openai' }, fault: { kind: 'status', status } });
      const messages = await generate();
      assert.ok(messages.some((m) => m.includes(`(${status})`)), messages.join('\n'));
    }
    assert.equal(statusBarItem.text, '$0.00');
    assert.deepEqual(session.records.map((r) => [r.outcome, r.costMicroUsd, r.estimated]), [['error', 0, false], ['error', 0, false], ['error', 0, false]]);
    const ids = new Set(session.records.map((r) => r.id));
    const { records } = await models.ledger.read({ from: new Date(Date.now() - 60_000) });
    assert.deepEqual(records.filter((r) => ids.has(r.id)).map((r) => r.costMicroUsd), [0, 0, 0]);
  });

  it('a 429 then a fallback: the status bar shows only the other model\'s call, once', async () => {
    const { session, statusBarItem } = await activateTandem();
    await fake.script({ match: { provider: 'openai' }, times: 3, fault: { kind: 'status', status: 429, headers: { 'retry-after-ms': '10' } } });
    await generate();
    assert.deepEqual(session.records.map((r) => [r.model, r.outcome]), [['gpt-5.4-mini', 'fallback'], ['claude-haiku-4-5', 'ok']]);
    const [refused, answered] = session.records;
    assert.equal(refused.costMicroUsd, 0);
    assert.deepEqual(refused.usage, { input: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0, reasoning: 0 });
    assert.ok(answered.costMicroUsd > 0);
    assert.equal(statusBarItem.text, spendText(answered.costMicroUsd, totalTokens(answered.usage)));
  });

  it('a stream broken mid-way is billed for what was used, flagged as estimated', async () => {
    await vscode.workspace.getConfiguration('tandem').update('fallback.enabled', false, vscode.ConfigurationTarget.Global);
    const { session, statusBarItem } = await activateTandem();
    await fake.script({ match: { provider: 'openai' }, reply: { text: 'const x = 1;\n'.repeat(20) }, fault: { kind: 'stream-error', afterDeltas: 4 } });
    await generate();
    const [record] = session.records;
    assert.equal(record.outcome, 'error');
    assert.equal(record.estimated, true);
    assert.ok(record.usage.input > 0 && record.usage.output > 0);
    assert.equal(statusBarItem.text, spendText(record.costMicroUsd, totalTokens(record.usage)));
  });
});
