import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatTokens, formatUsd } from '../../../src/core/format/spend';
import type { LedgerRecord } from '../../../src/core/ledger/record';
import { DEFAULT_MODELS } from '../../../src/core/models/modelTable';
import { promptTokens, totalTokens } from '../../../src/core/usage/usage';
import { clearKeys, closeEditors, fake, modelCalls, openEditor, storeKeys } from '../commandFixtures';
import { activateTandem, answerPrompt, tandemLog, waitFor } from '../tandem';
import { removeWorkspaceSettings, workspaceSettings, writeWorkspaceSettings } from '../workspaceSettings';

const tandem = () => vscode.workspace.getConfiguration('tandem');

/** The newest ledger record. */
async function lastRecord(): Promise<LedgerRecord> {
  const { models } = await activateTandem();
  const { records } = await models.ledger.read({ from: new Date(Date.now() - 120_000) });
  const record = records.at(-1);
  assert.ok(record, 'a ledger record');
  return record;
}

/** Micro-dollars from integer micro-dollars per million tokens, rounded half up once: the formula, written out. */
function expectedCost(r: LedgerRecord, perMTok: { input: number; cacheRead: number; cacheWrite5m: number; cacheWrite1h: number; output: number }): number {
  const u = r.usage;
  const scaled = u.input * perMTok.input + u.cacheRead * perMTok.cacheRead + u.cacheWrite5m * perMTok.cacheWrite5m
    + u.cacheWrite1h * perMTok.cacheWrite1h + u.output * perMTok.output;
  return Math.floor(scaled / 1e6) + (scaled % 1e6 >= 5e5 ? 1 : 0);
}

describe('Money settings are the user\'s alone', () => {
  const MONEY_KEYS = ['models', 'budget.session', 'budget.daily', 'budget.monthly', 'budget.mode'];
  const zero = { inputPerMTok: 0, outputPerMTok: 0, cacheReadPerMTok: 0 };
  /** A cloned repository's settings: free models, no caps, warn only, and one route of its own. */
  const WORKSPACE = {
    'tandem.models': { 'gpt-5.4-mini': { ...zero, cacheWritePerMTok: 0 }, 'claude-haiku-4-5': { ...zero, cacheWrite5mPerMTok: 0, cacheWrite1hPerMTok: 0 } },
    'tandem.budget.session': 0,
    'tandem.budget.daily': 0,
    'tandem.budget.monthly': 0,
    'tandem.budget.mode': 'warn',
    'tandem.routing': { explain: 'gpt-5.4-mini' },
  };

  before(async () => {
    await storeKeys(['openai']);
    // The user's own money settings: a daily cap of one micro-dollar (so every call is over it), in block mode.
    await tandem().update('budget.daily', 0.000001, vscode.ConfigurationTarget.Global);
    await tandem().update('budget.mode', 'block', vscode.ConfigurationTarget.Global);
    await writeWorkspaceSettings(WORKSPACE);
  });

  after(async () => {
    await removeWorkspaceSettings();
    await tandem().update('budget.daily', undefined, vscode.ConfigurationTarget.Global);
    await tandem().update('budget.mode', undefined, vscode.ConfigurationTarget.Global);
    await closeEditors();
    await clearKeys();
  });

  it('is not applied by VS Code, nor even reported to extensions, since the settings are application-scoped', () => {
    for (const key of MONEY_KEYS) {
      const inspected = tandem().inspect(key);
      assert.equal(inspected?.workspaceValue, undefined, key);
      assert.equal(inspected?.workspaceFolderValue, undefined, key);
    }
    assert.equal(tandem().get('budget.mode'), 'block');
    assert.equal(tandem().get('budget.daily'), 0.000001);
    assert.deepEqual(tandem().get('models'), {});
  });

  it('is marked in the settings file by VS Code, and said once per value in the Tandem log', async () => {
    const line = (setting: string, value: string) => `settings: ${setting} = ${value} in .vscode/settings.json is ignored: prices, models and budgets come from your user settings only`;
    const expected = [
      line('tandem.models', '{…}'), line('tandem.budget.session', '0'), line('tandem.budget.daily', '0'), line('tandem.budget.monthly', '0'), line('tandem.budget.mode', '"warn"'),
    ];
    const count = (text: string) => tandemLog().split('\n').filter((l) => l.endsWith(text)).length;
    await waitFor('the log lines', () => expected.every((l) => count(l) === 1) || undefined);
    // The same values written again add nothing; a new value is said once.
    await writeWorkspaceSettings({ ...WORKSPACE, 'editor.wordWrap': 'on' });
    await writeWorkspaceSettings({ ...WORKSPACE, 'tandem.budget.daily': 5 });
    await waitFor('the new value\'s line', () => count(line('tandem.budget.daily', '5')) === 1 || undefined);
    assert.deepEqual(expected.map(count), [1, 1, 1, 1, 1]);

    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(workspaceSettings));
    await vscode.window.showTextDocument(document);
    const marked = await waitFor('VS Code to mark the ignored settings', () => {
      const lines = vscode.languages.getDiagnostics(document.uri).filter((d) => /application scope/.test(d.message)).map((d) => document.lineAt(d.range.start.line).text);
      return lines.length === MONEY_KEYS.length ? lines : undefined;
    });
    for (const key of MONEY_KEYS) assert.ok(marked.some((text) => text.includes(`"tandem.${key}"`)), key);
    await closeEditors();
    await writeWorkspaceSettings(WORKSPACE);
  });

  it('keeps the user\'s prices, caps and mode in force', async () => {
    const { models } = await activateTandem();
    const settings = models.settings.models();
    assert.deepEqual(settings.models, DEFAULT_MODELS);
    assert.deepEqual(settings.budget, { caps: { dailyMicroUsd: 1 }, mode: 'block' });
  });

  it('bills a real call at the user\'s prices and asks first, as the user\'s block mode says; the status bar shows it over the cap', async () => {
    const { statusBarItem, session } = await activateTandem();
    session.reset();
    await fake.reset();
    const asked: string[] = [];
    const prompts = [
      answerPrompt('showInputBox', () => 'a function that adds two numbers'),
      answerPrompt('showWarningMessage', (message: string, ...rest: unknown[]) => {
        asked.push(message);
        return rest.includes('Send Anyway') ? 'Send Anyway' : undefined;
      }),
    ];
    try {
      await openEditor('|\n');
      await fake.script({ match: { provider: 'openai' }, reply: { text: 'function add(a, b) { return a + b; }' } });
      await vscode.commands.executeCommand('tandem.generateCode');
    } finally {
      prompts.forEach((p) => p.dispose());
    }
    assert.equal((await modelCalls()).length, 1);
    assert.equal(asked.length, 1, 'block mode asked before sending');
    assert.match(asked[0], /daily budget/);

    const record = await lastRecord();
    assert.equal(record.model, 'gpt-5.4-mini');
    assert.ok(record.usage.input > 0 && record.usage.output > 0);
    // GPT-5.4 Mini's list prices: $0.75 in, $0.075 cached, $4.50 out per MTok; never the workspace's zeros.
    const cost = expectedCost(record, { input: 750_000, cacheRead: 75_000, cacheWrite5m: 750_000, cacheWrite1h: 750_000, output: 4_500_000 });
    assert.ok(cost > 0);
    assert.equal(record.costMicroUsd, cost);
    assert.equal(statusBarItem.text, `${formatUsd(cost)} · ${formatTokens(totalTokens(record.usage))} tok`);
    await waitFor('the over-budget colour', () =>
      (statusBarItem.backgroundColor as vscode.ThemeColor | undefined)?.id === 'statusBarItem.errorBackground' || undefined);
  });

  it('lets the workspace route a task, and the tooltip says so', async () => {
    const { models, statusBarItem } = await activateTandem();
    assert.equal(models.settings.models().routes.explain.model, 'gpt-5.4-mini');
    assert.match((statusBarItem.tooltip as vscode.MarkdownString).value, /^Routing: explain → GPT-5\.4 Mini set by this workspace$/m);
  });
});

describe('A model the user added, with a long-context tier', () => {
  const TIER_ABOVE = 2_000;

  before(async () => {
    await storeKeys(['anthropic']);
    await tandem().update('models', {
      'claude-haiku-5-5': {
        provider: 'anthropic', displayName: 'Claude Haiku 5.5', inputPerMTok: 1, outputPerMTok: 5, contextWindow: 400_000, maxOutputTokens: 64_000,
        priceMultiplier: 1.1, longContext: { aboveInputTokens: TIER_ABOVE, inputPerMTok: 2, outputPerMTok: 7.5 },
      },
    }, vscode.ConfigurationTarget.Global);
    await tandem().update('routing', { explain: 'claude-haiku-5-5' }, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await tandem().update('models', undefined, vscode.ConfigurationTarget.Global);
    await tandem().update('routing', undefined, vscode.ConfigurationTarget.Global);
    await closeEditors();
    await clearKeys();
  });

  /** Explains `code` (all of it selected) and returns the call's ledger record. */
  async function explain(code: string): Promise<LedgerRecord> {
    await fake.reset();
    await openEditor(`|${code}|`, 'javascript');
    await fake.script({ match: { provider: 'anthropic' }, reply: { text: 'It adds numbers.' } });
    await vscode.commands.executeCommand('tandem.explainSelection');
    const [call] = await modelCalls();
    assert.equal((call.body as { model: string }).model, 'claude-haiku-5-5', 'the request names the user\'s model');
    const record = await lastRecord();
    assert.equal(record.model, 'claude-haiku-5-5');
    assert.equal(record.task, 'explain');
    assert.equal(record.estimated, false);
    return record;
  }

  it('bills a prompt below the threshold at the base prices × 1.1, to the micro-dollar', async () => {
    const record = await explain('const sum = (a, b) => a + b;');
    assert.ok(promptTokens(record.usage) <= TIER_ABOVE, `prompt of ${promptTokens(record.usage)} tokens`);
    // $1.10 in, $0.11 cached, $1.375 / $2.20 cache writes, $5.50 out per MTok.
    assert.equal(record.costMicroUsd, expectedCost(record, { input: 1_100_000, cacheRead: 110_000, cacheWrite5m: 1_375_000, cacheWrite1h: 2_200_000, output: 5_500_000 }));
    const { statusBarItem } = await activateTandem();
    assert.match((statusBarItem.tooltip as vscode.MarkdownString).value, /\| Claude Haiku 5\.5 \| \d+ \|/);
  });

  it('bills every token of a prompt above the threshold at the tier prices × 1.1, to the micro-dollar', async () => {
    const code = Array.from({ length: 400 }, (_, i) => `const value${i} = compute(${i}, input);`).join('\n');
    const record = await explain(code);
    assert.ok(promptTokens(record.usage) > TIER_ABOVE, `prompt of ${promptTokens(record.usage)} tokens`);
    // $2.20 in, $0.22 cached, $2.75 / $4.40 cache writes, $8.25 out per MTok: the whole request, output included.
    assert.equal(record.costMicroUsd, expectedCost(record, { input: 2_200_000, cacheRead: 220_000, cacheWrite5m: 2_750_000, cacheWrite1h: 4_400_000, output: 8_250_000 }));
  });
});
