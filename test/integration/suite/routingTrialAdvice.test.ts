import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LedgerRecord } from '../../../src/core/ledger/record';
import type { RoutingTrial } from '../../../src/core/trial/routingTrial';
import { clearKeys, closeEditors, fake, openEditor, storeKeys } from '../commandFixtures';
import { activateTandem, answerPrompt, waitFor } from '../tandem';

const GOOD = 'SELECT c.name, SUM(o.total_cents) AS total\nFROM customers c\nJOIN orders o ON o.customer_id = c.id\nGROUP BY c.name;';
const BAD = 'SELECT c.name, SUM(o.total_cents) FORM customers c GROPU BY c.name;';
const WRITE = 'Write to User Settings';
/** The advice's minimum per model (DEFAULT_QUALITY_PARAMETERS.minimumCalls): no fewer calls per arm are enough. */
const PER_ARM = 30;

/**
 * The whole loop in the real extension host: a routing trial splits Generate SQL between the models, the
 * fake's GPT-5.4 Mini answers never parse the first time (one repair each) while Claude Haiku 4.5's do, and
 * Haiku is made the cheaper model in user settings; the Routing view then advises moving Generate SQL to
 * Haiku, and applying the advice writes `tandem.routing` in user settings.
 */
describe('Routing trial to advice', () => {
  let originalModels: unknown;
  let originalRouting: unknown;
  let prompts: vscode.Disposable;

  before(async () => {
    const tandem = vscode.workspace.getConfiguration('tandem');
    originalModels = tandem.inspect('models')?.globalValue;
    originalRouting = tandem.inspect('routing')?.globalValue;
    await tandem.update('models', { 'claude-haiku-4-5': { inputPerMTok: 0.1, outputPerMTok: 0.5 } }, vscode.ConfigurationTarget.Global);
    await storeKeys();
    prompts = answerPrompt('showInputBox', () => 'total order value per customer');
    // The report's "session" period holds only this test's calls.
    (await activateTandem()).session.reset();
  });

  after(async () => {
    prompts.dispose();
    await (await activateTandem()).models.trial.stop();
    const tandem = vscode.workspace.getConfiguration('tandem');
    await tandem.update('models', originalModels, vscode.ConfigurationTarget.Global);
    await tandem.update('routing', originalRouting, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await clearKeys();
  });

  /** One Generate SQL through the command: OpenAI's first answer does not parse, its repair does; Anthropic's parses. */
  async function generateSql(): Promise<void> {
    await fake.reset();
    await fake.script(
      { match: { provider: 'openai' }, reply: { text: BAD } },
      { match: { provider: 'openai' }, reply: { text: GOOD } },
      { match: { provider: 'anthropic' }, reply: { text: GOOD } },
    );
    const editor = await openEditor('|', 'sql');
    await vscode.commands.executeCommand('tandem.generateSql');
    assert.equal(editor.document.getText(), GOOD, 'every run ends with valid SQL in the file');
    await closeEditors();
  }

  async function trialRecords(trial: RoutingTrial): Promise<LedgerRecord[]> {
    const { models } = await activateTandem();
    return (await models.ledger.read()).records.filter((r) => r.trial?.id === trial.id);
  }

  it('yields "Generate SQL → Claude Haiku 4.5", and applying it routes Generate SQL to Haiku in user settings', async function () {
    // Sixty and more commands through the real editor, until both arms have the minimum.
    this.timeout(600_000);
    const api = await activateTandem();
    const trial = await vscode.commands.executeCommand<RoutingTrial | undefined>('tandem.startRoutingTrial', { tasks: ['generateSql'], share: 50, days: 14 });
    assert.ok(trial, 'the trial started');

    for (let run = 0; run < 4 * PER_ARM; run++) {
      await generateSql();
      const records = await trialRecords(trial);
      const arms = ['routed', 'trial'].map((arm) => records.filter((r) => r.trial?.arm === arm).length);
      if (Math.min(...arms) >= PER_ARM) break;
    }
    const records = await trialRecords(trial);
    const tried = records.filter((r) => r.trial?.arm === 'trial');
    const routed = records.filter((r) => r.trial?.arm === 'routed');
    assert.ok(tried.length >= PER_ARM && routed.length >= PER_ARM, `${tried.length} tried, ${routed.length} routed`);
    assert.ok(tried.every((r) => r.model === 'claude-haiku-4-5') && routed.every((r) => r.model === 'gpt-5.4-mini'));

    // Each first answer's fate is on its own record: OpenAI's were repaired, Anthropic's valid the first time.
    const signals = (await api.models.quality.read({ from: new Date(trial.startedAt) })).signals;
    const fate = (r: LedgerRecord): string | undefined => signals.find((s) => s.call === r.id)?.name;
    assert.deepEqual(new Set(routed.map(fate)), new Set(['validRepaired']));
    assert.deepEqual(new Set(tried.map(fate)), new Set(['validFirst']));
    // Each repair names the call it repairs, and costs with it: GPT-5.4 Mini's cost per call is per answer.
    const all = (await api.models.ledger.read()).records;
    const repairs = all.filter((r) => r.repairOf !== undefined && routed.some((first) => first.id === r.repairOf));
    assert.equal(repairs.length, routed.length, 'one repair per GPT-5.4 Mini answer');
    assert.ok(repairs.every((r) => r.model === 'gpt-5.4-mini' && r.trial === undefined));

    await vscode.commands.executeCommand('tandem.showRoutingAdvice', 'session');
    const panel = await waitFor('the report panel', () => api.report());
    const sql = await waitFor('the Generate SQL advice', () =>
      panel.lastRouting?.period === 'session' ? panel.lastRouting.tasks.find((t) => t.task === 'generateSql') : undefined, 20_000);
    assert.equal(sql.advice.kind, 'switch', sql.advice.text);
    const mini = sql.rows.find((row) => row.model === 'gpt-5.4-mini');
    const perAnswer = [...routed, ...repairs].reduce((sum, r) => sum + r.costMicroUsd, 0) / routed.length;
    assert.ok(mini && Math.abs(mini.costPerCallMicroUsd - perAnswer) < 1e-6, `${mini?.costPerCallMicroUsd} vs ${perAnswer} per answer`);
    assert.match(sql.advice.text, /^Generate SQL → Claude Haiku 4\.5: valid first time 1\.00 vs 0\.00 \(.*\), \d+% cheaper per call; about \$\d+\.\d\d a month less at your volume$/);

    const modal = answerPrompt('showInformationMessage', (_message: string, ...rest: unknown[]) => (rest.includes(WRITE) ? WRITE : undefined));
    try {
      assert.equal(await panel.applyRouting('generateSql', 'claude-haiku-4-5'), true);
    } finally {
      modal.dispose();
    }
    const routing = vscode.workspace.getConfiguration('tandem').inspect<Record<string, string>>('routing');
    assert.equal(routing?.globalValue?.generateSql, 'claude-haiku-4-5', 'tandem.routing in user settings');
    assert.equal(routing?.workspaceValue, undefined);
    assert.equal(api.models.settings.models().routes.generateSql.model, 'claude-haiku-4-5', 'the route in force');
  });
});
