import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatTokens, formatUsd } from '../../../src/core/format/spend';
import { totalTokens } from '../../../src/core/usage/usage';
import { FakeProvidersClient } from '../../fake-providers/client';
import { activateTandem, waitFor } from '../tandem';

describe('Spend status bar', () => {
  it('shows $0.00 when the session starts', async () => {
    const { statusBarItem, session } = await activateTandem();
    session.reset();
    assert.equal(statusBarItem.text, '$0.00');
    assert.equal(statusBarItem.name, 'Tandem Spend');
    assert.equal(statusBarItem.alignment, vscode.StatusBarAlignment.Right);
    const tooltip = statusBarItem.tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /no model calls yet/);
  });

  it('follows the session totals live and resets to $0.00', async () => {
    const { statusBarItem, session } = await activateTandem();
    session.reset();
    session.add({
      v: 1, id: 'status-bar-test', time: new Date().toISOString(), session: session.id, task: 'explain',
      model: 'claude-haiku-4-5', provider: 'anthropic', usage: { input: 14_000, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 150, reasoning: 0 },
      costMicroUsd: 12_300, latencyMs: 10, outcome: 'ok', batch: false, estimated: false,
    });
    assert.equal(statusBarItem.text, '$0.0123 · 14.2k tok');
    assert.match((statusBarItem.tooltip as vscode.MarkdownString).value, /\| Claude Haiku 4\.5 \| 1 \| 14k \| 0 \| 0 \| 150 \| \$0\.0123 \| 0% \|/);
    session.reset();
    assert.equal(statusBarItem.text, '$0.00');
  });
});

describe('Spend status bar with real calls', () => {
  const fake = new FakeProvidersClient(process.env.TANDEM_FAKE_PROVIDERS_URL ?? '');
  const ask = { task: 'generateCode' as const, system: ['Write code.'], messages: [{ role: 'user' as const, content: 'Add two numbers.' }] };

  beforeEach(async () => {
    await fake.reset();
    const { context, session } = await activateTandem();
    await context.secrets.store('tandem.apiKey.openai', 'sk-test-status-bar-0123456789');
    session.reset();
  });

  afterEach(async () => {
    const { context } = await activateTandem();
    await context.secrets.delete('tandem.apiKey.openai');
    await vscode.workspace.getConfiguration('tandem').update('budget.daily', undefined, vscode.ConfigurationTarget.Global);
  });

  it('spins while a request is in flight, then shows the new total', async () => {
    const { models, statusBarItem } = await activateTandem();
    await fake.script({ match: { provider: 'openai' }, chunkDelayMs: 150, reply: { text: 'const add = (a, b) => a + b;' } });
    const call = models.service.run(ask);
    await waitFor('the spinner', () => statusBarItem.text.startsWith('$(sync~spin) ') || undefined);
    const { result } = await call;
    assert.ok(!statusBarItem.text.includes('$(sync~spin)'));
    const { records } = await models.ledger.read({ from: new Date(Date.now() - 60_000) });
    const record = records.at(-1)!;
    assert.equal(record.usage.output, result.usage.output);
    assert.equal(statusBarItem.text, `${formatUsd(record.costMicroUsd)} · ${formatTokens(totalTokens(record.usage))} tok`);
    const tooltip = (statusBarItem.tooltip as vscode.MarkdownString).value;
    assert.ok(tooltip.includes(`| GPT-5.4 Mini | 1 | ${formatTokens(record.usage.input)} | 0 | 0 | ${formatTokens(record.usage.output)} | ${formatUsd(record.costMicroUsd)} | 0% |`), tooltip);
    assert.match(tooltip, /all on Claude Haiku 4\.5 \*\*\$/);
  });

  it('turns to the warning colour near the daily cap and the error colour past it', async () => {
    const { models, statusBarItem } = await activateTandem();
    await models.service.run(ask);
    const { today } = await models.periodSpend.current();
    assert.ok(today > 0);
    const colour = () => (statusBarItem.backgroundColor as vscode.ThemeColor | undefined)?.id;
    const config = vscode.workspace.getConfiguration('tandem');
    await config.update('budget.daily', today / 0.9 / 1e6, vscode.ConfigurationTarget.Global);
    await waitFor('the warning colour', () => colour() === 'statusBarItem.warningBackground' || undefined);
    await config.update('budget.daily', today / 2 / 1e6, vscode.ConfigurationTarget.Global);
    await waitFor('the error colour', () => colour() === 'statusBarItem.errorBackground' || undefined);
    await config.update('budget.daily', undefined, vscode.ConfigurationTarget.Global);
    await waitFor('no colour without a cap', () => colour() === undefined || undefined);
  });

  it('Reset Session Spend starts the session over at $0.00', async () => {
    const { models, statusBarItem, session } = await activateTandem();
    await models.service.run(ask);
    assert.notEqual(statusBarItem.text, '$0.00');
    const before = session.id;
    await vscode.commands.executeCommand('tandem.resetSessionSpend');
    assert.equal(statusBarItem.text, '$0.00');
    assert.notEqual(session.id, before);
  });
});
