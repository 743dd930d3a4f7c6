import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { analyzeRouting } from '../../../src/core/quality/analyzeRouting';
import { parseLedgerExport } from '../../../src/core/report/ledgerImport';
import { parseRoutingHistory } from '../../../src/core/quality/routingHistory';
import type { RoutingReportModel } from '../../../src/core/report/routingReport';
import { routingTrialLedger, TRIAL_FROM, TRIAL_TASK, TRIAL_TO } from '../../fixtures/routingTrialLedger';
import { activateTandem, answerPrompt, waitFor } from '../tandem';

const WRITE = 'Write to User Settings';

/**
 * Routing advice in the real extension host: a trial in the ledger and the quality log (Haiku as good and
 * cheaper for Generate SQL) gives the switch advice in the report's Routing view; applying it shows the diff,
 * asks, writes `tandem.routing` to user settings and lists the change.
 */
describe('Routing advice', () => {
  let originalRouting: unknown;

  before(async () => {
    const { models } = await activateTandem();
    originalRouting = vscode.workspace.getConfiguration('tandem').inspect('routing')?.globalValue;
    // Ended a day and a half ago, so today's spend (budget and status bar tests) is untouched.
    const trial = routingTrialLedger({ end: new Date(Date.now() - 36 * 3_600_000), idPrefix: `it-${Date.now().toString(36)}` });
    for (const { record } of trial) await models.ledger.append(record);
    for (const { record, signal } of trial) models.quality.record(record.id, signal);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('tandem').update('routing', originalRouting, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function openRouting(): Promise<{ panel: NonNullable<ReturnType<Awaited<ReturnType<typeof activateTandem>>['report']>>; sql: () => RoutingReportModel['tasks'][number] | undefined }> {
    const api = await activateTandem();
    await vscode.commands.executeCommand('tandem.showRoutingAdvice', '30d');
    const panel = await waitFor('the report panel', () => api.report());
    const sql = (): RoutingReportModel['tasks'][number] | undefined => panel.lastRouting?.tasks.find((t) => t.task === TRIAL_TASK);
    await waitFor('the Routing view\'s data', () => (panel.lastRouting?.period === '30d' ? sql() : undefined), 20_000);
    return { panel, sql };
  }

  it('opens the report on the Routing tab with the switch advice for the task', async () => {
    const { panel, sql } = await openRouting();
    assert.equal(panel.panel.title, 'Tandem: Usage and Cost');
    const task = sql();
    assert.ok(task);
    assert.equal(task.current, TRIAL_FROM);
    assert.deepEqual(task.rows.map((r) => [r.displayName, r.calls]), [['GPT-5.4 Mini', 120], ['Claude Haiku 4.5', 120]]);
    assert.equal(task.advice.kind, 'switch');
    assert.match(task.advice.text, /^Generate SQL → Claude Haiku 4\.5: valid first time 1\.00 vs 0\.98 \(.*\), 15% cheaper per call; about \$\d+\.\d\d a month less at your volume$/);
  });

  it('exports the calls with their signals, and the export alone gives the same advice', async () => {
    const api = await activateTandem();
    const { panel, sql } = await openRouting();
    const target = vscode.Uri.file(path.join(mkdtempSync(path.join(tmpdir(), 'tandem-routing-export-')), 'usage.json'));
    assert.equal((await panel.exportLedger('json', '30d', target))?.fsPath, target.fsPath);
    const exported = parseLedgerExport(readFileSync(target.fsPath, 'utf8'));
    const { models, routes } = api.models.settings.models();
    const fromExport = analyzeRouting(exported.records, exported.signals, { routes, models, now: new Date() });
    // The same words up to the monthly saving, which moves with the clock between the two builds.
    const words = (text?: string): string | undefined => text?.split('; about')[0];
    const advice = fromExport.advice.find((a) => a.task === TRIAL_TASK);
    assert.equal(advice?.kind, 'switch');
    assert.equal(words(advice?.text), words(sql()?.advice.text));
  });

  it('writes nothing when the confirmation is dismissed', async () => {
    const { panel } = await openRouting();
    const historyBefore = parseRoutingHistory((await activateTandem()).context.globalState.get('tandem.routingHistory')).length;
    const modal = answerPrompt('showInformationMessage', () => undefined);
    try {
      assert.equal(await panel.applyRouting(TRIAL_TASK, TRIAL_TO), false);
    } finally {
      modal.dispose();
    }
    assert.equal(vscode.workspace.getConfiguration('tandem').get<Record<string, string>>('routing')?.[TRIAL_TASK], undefined);
    assert.equal(parseRoutingHistory((await activateTandem()).context.globalState.get('tandem.routingHistory')).length, historyBefore);
    assert.equal(diffTabs().length, 0, 'the preview is closed');
  });

  it('applies it: the diff first, a modal, then tandem.routing in user settings and the history', async () => {
    const api = await activateTandem();
    const { panel, sql } = await openRouting();
    let asked: { message: string; modal: boolean; diff: string } | undefined;
    const modal = answerPrompt('showInformationMessage', async (message: string, ...rest: unknown[]) => {
      const options = rest[0] as vscode.MessageOptions | undefined;
      if (!options?.modal) return undefined;
      // The diff is on screen while the user is asked: its right side is the settings after the change.
      const [tab] = diffTabs();
      const diff = tab ? (await vscode.workspace.openTextDocument((tab.input as vscode.TabInputTextDiff).modified)).getText() : '';
      asked = { message, modal: true, diff };
      return rest.includes(WRITE) ? WRITE : undefined;
    });
    try {
      assert.equal(await panel.applyRouting(TRIAL_TASK, TRIAL_TO), true);
    } finally {
      modal.dispose();
    }
    assert.equal(asked?.message, 'Route Generate SQL to Claude Haiku 4.5?');
    assert.match(asked?.diff ?? '', /"tandem\.routing": \{[\s\S]*"generateSql": "claude-haiku-4-5"/);

    const routing = vscode.workspace.getConfiguration('tandem').inspect<Record<string, string>>('routing');
    assert.equal(routing?.globalValue?.[TRIAL_TASK], TRIAL_TO, 'written to user settings');
    assert.equal(routing?.workspaceValue, undefined, 'never to the workspace');
    assert.equal(api.models.settings.models().routes[TRIAL_TASK].model, TRIAL_TO, 'the route in force now');

    const [latest] = parseRoutingHistory(api.context.globalState.get('tandem.routingHistory'));
    assert.deepEqual([latest.task, latest.from, latest.to], [TRIAL_TASK, TRIAL_FROM, TRIAL_TO]);
    assert.match(latest.why, /^Generate SQL → Claude Haiku 4\.5/);

    // The view refreshes: the task is now on Haiku, the change is listed.
    const refreshed = await waitFor('the refreshed Routing view', () => (sql()?.current === TRIAL_TO ? panel.lastRouting : undefined), 20_000);
    assert.equal(refreshed.history[0].toName, 'Claude Haiku 4.5');
    assert.equal(sql()?.advice.kind, 'keep');
    assert.equal(diffTabs().length, 0, 'the preview is closed');
  });

  it('refuses an apply the view does not advise', async () => {
    const { panel } = await openRouting();
    assert.equal(await panel.applyRouting('explain', 'not-a-model'), false);
  });
});

function diffTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'tandem-routing');
}
