import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatTokens } from '../../../src/core/format/spend';
import { clearKeys, closeEditors, fake, modelCalls, storeKeys } from '../commandFixtures';
import { activateTandem, answerPrompt, captureMessages, waitFor } from '../tandem';
import { REVIEWED_CODE as CODE, SECRET_FINDING as SECRET } from '../reviewFixtures';

/** Rules long enough for Haiku's 4,096-token cache minimum (the fake counts 4 characters a token). */
const LONG_RULES = [
  '# Team rules',
  '',
  '- SEC-1: No secrets in source. API keys, passwords and tokens come from the environment or a secret store.',
  '- NAME-1: Booleans start with is, has, can or should.',
  ...Array.from({ length: 120 }, (_, i) => `- STYLE-${i + 1}: Rule ${i + 1} of the house style: prefer small functions with one job, names that say what things are, and comments that say why, briefly, when the code cannot.`),
  '',
].join('\n');

const BOOLEAN = { ruleId: 'NAME-1', severity: 'warning', startLine: 3, endLine: 3, message: 'Boolean should start with is/has.', replacement: null };

function rulesUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests run in a workspace');
  return vscode.Uri.joinPath(folder.uri, '.tandem', 'rules.md');
}

async function writeFile(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** A file of the workspace with `text`, open, the lines from `first` to `last` (1-based) selected. */
async function openWorkspaceFile(name: string, text: string, first?: number, last?: number): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(rulesUri(), '..', '..', 'src', name);
  await writeFile(uri, text);
  const editor = await vscode.window.showTextDocument(uri);
  if (first !== undefined && last !== undefined) editor.selection = new vscode.Selection(first - 1, 0, last - 1, editor.document.lineAt(last - 1).text.length);
  return editor;
}

function tandemDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Tandem');
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

describe('Compliance review', () => {
  let ok: vscode.Disposable;

  beforeEach(async () => {
    await fake.reset();
    await storeKeys();
    (await activateTandem()).session.reset();
    await writeFile(rulesUri(), LONG_RULES);
    // "N findings … Show Problems": answered with nothing, so the tests do not wait on a notification.
    ok = answerPrompt('showInformationMessage', () => undefined);
  });

  afterEach(async () => {
    ok.dispose();
    await closeEditors();
    await clearKeys();
  });

  it('reviews a selection: diagnostics at the right lines, and the quick fix applies the replacement', async () => {
    const editor = await openWorkspaceFile('secret.ts', CODE, 2, 3);
    await fake.script({ match: { provider: 'anthropic' }, reply: { json: { findings: [SECRET, BOOLEAN] } } });
    await vscode.commands.executeCommand('tandem.reviewSelection');

    const diagnostics = tandemDiagnostics(editor.document.uri);
    assert.deepEqual(diagnostics.map((d) => [codeOf(d), d.range.start.line, d.severity, d.message]), [
      ['SEC-1', 1, vscode.DiagnosticSeverity.Error, 'A key is hard-coded.'],
      ['NAME-1', 2, vscode.DiagnosticSeverity.Warning, 'Boolean should start with is/has.'],
    ]);
    const [call] = await modelCalls();
    assert.equal(call.provider, 'anthropic');
    assert.equal((call.body as { model: string }).model, 'claude-haiku-4-5');
    const user = JSON.stringify((call.body as { messages: unknown }).messages);
    assert.match(user, /2\| const apiKey = \\"sk-live-1234\\";/, 'the code goes with its line numbers');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostics[0].range);
    const fix = actions.find((a) => a.title === "Apply Tandem's fix for SEC-1");
    assert.ok(fix?.edit, `a quick fix is offered (got ${actions.map((a) => a.title).join(', ')})`);
    assert.ok(!actions.some((a) => a.title === "Apply Tandem's fix for NAME-1"), 'no fix where the finding has no replacement');
    await vscode.workspace.applyEdit(fix.edit);
    assert.equal(editor.document.lineAt(1).text, 'const apiKey = process.env.API_KEY ?? "";');
    assert.deepEqual(tandemDiagnostics(editor.document.uri).map(codeOf), ['NAME-1'], 'the fixed finding is gone');
  });

  it('the second review of a file sends the same rules prefix and reads it from the cache', async () => {
    const editor = await openWorkspaceFile('twice.ts', CODE);
    await fake.script({ match: { provider: 'anthropic' }, times: 2, reply: { json: { findings: [] } } });
    await vscode.commands.executeCommand('tandem.reviewFile');
    await vscode.commands.executeCommand('tandem.reviewFile');

    const [first, second] = await modelCalls();
    type Body = { system: { text: string; cache_control?: unknown }[] };
    const [a, b] = [first.body as Body, second.body as Body];
    assert.equal(JSON.stringify(a.system), JSON.stringify(b.system), 'byte-identical up to the cache breakpoint');
    assert.deepEqual(a.system.at(-1)?.cache_control, { type: 'ephemeral' });
    assert.ok(a.system.at(-1)?.text.includes('SEC-1'), 'the rules are in the cached prefix');

    const { session, statusBarItem } = await activateTandem();
    const [r1, r2] = session.records;
    assert.ok(r1.usage.cacheWrite5m > 4096, `the first review writes the rules to the cache (${r1.usage.cacheWrite5m})`);
    assert.equal(r2.usage.cacheRead, r1.usage.cacheWrite5m, 'the second reads them');
    assert.ok(r2.costMicroUsd < r1.costMicroUsd);
    const tooltip = (statusBarItem.tooltip as vscode.MarkdownString).value;
    const cached = formatTokens(r2.usage.cacheRead).replace('.', '\\.');
    assert.match(tooltip, new RegExp(`\\| review \\| 2 \\| [^|]+ \\| ${cached} \\|`), 'the status bar tooltip shows the cache reads of the reviews');
    assert.equal(tandemDiagnostics(editor.document.uri).length, 0);
  });

  it('drops a finding whose lines do not exist; an unreadable answer gets one repair, then a clear message', async () => {
    const editor = await openWorkspaceFile('range.ts', CODE);
    const outside = { ...BOOLEAN, startLine: 40, endLine: 41 };
    await fake.script(
      { match: { provider: 'anthropic' }, reply: { text: 'Here are the findings: none really.' } },
      { match: { provider: 'anthropic' }, reply: { json: { findings: [SECRET, outside] } } },
    );
    await vscode.commands.executeCommand('tandem.reviewFile');
    assert.deepEqual(tandemDiagnostics(editor.document.uri).map(codeOf), ['SEC-1'], 'the finding on lines 40–41 is dropped');
    const calls = await modelCalls();
    assert.equal(calls.length, 2, 'one repair round-trip');
    assert.match(JSON.stringify(calls[1].body), /Here are the findings: none really\./, 'the repair quotes the refused answer');

    await fake.script({ match: { provider: 'anthropic' }, times: 2, reply: { text: 'still not JSON' } });
    const messages = captureMessages();
    try {
      await vscode.commands.executeCommand('tandem.reviewFile');
      assert.equal((await modelCalls()).length, 4);
      assert.ok(messages.messages.some((m) => /could not be read, even after one repair/.test(m)), messages.messages.join(' | '));
      assert.deepEqual(tandemDiagnostics(editor.document.uri).map(codeOf), ['SEC-1'], 'earlier findings are left as they were');
    } finally {
      messages.dispose();
    }
  });

  it('edits move the diagnostics with the code; a re-review of the range replaces them', async () => {
    const editor = await openWorkspaceFile('moves.ts', CODE);
    await fake.script({ match: { provider: 'anthropic' }, reply: { json: { findings: [SECRET, BOOLEAN] } } });
    await vscode.commands.executeCommand('tandem.reviewFile');
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// header\n// more\n'));
    await waitFor('the diagnostics to move', () => tandemDiagnostics(editor.document.uri).map((d) => d.range.start.line).join() === '3,4');
    await editor.edit((e) => e.replace(editor.document.lineAt(4).range, 'let isReady = false;'));
    assert.deepEqual(tandemDiagnostics(editor.document.uri).map(codeOf), ['SEC-1'], 'an edit on the finding\'s line clears it');

    await fake.script({ match: { provider: 'anthropic' }, reply: { json: { findings: [{ ...SECRET, startLine: 6, endLine: 6, message: 'Again.' }] } } });
    editor.selection = new vscode.Selection(3, 0, 7, 0);
    await vscode.commands.executeCommand('tandem.reviewSelection');
    assert.deepEqual(tandemDiagnostics(editor.document.uri).map((d) => [d.range.start.line, d.message]), [[5, 'Again.']]);
  });

  it('without a rules file, says so and creates a starter one on request', async () => {
    await vscode.workspace.fs.delete(rulesUri());
    const choose = answerPrompt('showInformationMessage', (message: unknown) => (String(message).includes('no rules file found') ? 'Create Starter Rules' : undefined));
    try {
      await openWorkspaceFile('norules.ts', CODE);
      await vscode.commands.executeCommand('tandem.reviewFile');
      assert.equal((await modelCalls()).length, 0, 'nothing sent');
      const starter = new TextDecoder().decode(await vscode.workspace.fs.readFile(rulesUri()));
      assert.match(starter, /^- [A-Z]+-\d+: /m, 'the starter file follows the convention');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), rulesUri().toString(), 'and is opened');
    } finally {
      choose.dispose();
    }
  });

  it('reviews a large file in parts with overlapping context and merges a finding seen twice', async () => {
    const long = Array.from({ length: 900 }, (_, i) => `export const value${i + 1} = ${i + 1};`).join('\n');
    const editor = await openWorkspaceFile('large.ts', long);
    const acrossTheBorder = { ...BOOLEAN, startLine: 298, endLine: 304, message: 'Seen from both parts.' };
    await fake.script({ match: { provider: 'anthropic' }, times: 3, reply: { json: { findings: [acrossTheBorder] } } });
    await vscode.commands.executeCommand('tandem.reviewFile');

    const calls = await modelCalls();
    assert.equal(calls.length, 3, 'three parts of 300 lines');
    const asked = calls.map((c) => /Review lines (\d+)[–-](\d+)/.exec(JSON.stringify(c.body))?.slice(1, 3).join('-'));
    assert.deepEqual(asked, ['1-300', '301-600', '601-900']);
    assert.match(JSON.stringify(calls[1].body), /281\| export const value281/, 'the second part shows the lines before it as context');
    assert.deepEqual(tandemDiagnostics(editor.document.uri).map((d) => [d.range.start.line, d.range.end.line, d.message]), [[297, 303, 'Seen from both parts.']]);
  });

  it('the report says when the rules are too short to be cached', async () => {
    await writeFile(rulesUri(), '# Rules\n\n- SEC-1: No secrets in source.\n- NAME-1: Booleans start with is or has.\n');
    await openWorkspaceFile('short.ts', CODE);
    await fake.script({ match: { provider: 'anthropic' }, reply: { json: { findings: [] } } });
    await vscode.commands.executeCommand('tandem.reviewFile');
    const [call] = await modelCalls();
    assert.equal((call.body as { system: { cache_control?: unknown }[] }).system.some((b) => b.cache_control), false, 'no cache mark below the minimum');

    const api = await activateTandem();
    await vscode.commands.executeCommand('tandem.showUsage', 'session');
    const panel = await waitFor('the report panel', () => api.report());
    try {
      const report = await waitFor('the report', () => panel.lastReport, 20_000);
      assert.ok(report.notes.some((n) => /rules\.md.*under Claude Haiku 4\.5's 4,096-token minimum/.test(n)), report.notes.join(' | '));
    } finally {
      panel.panel.dispose();
    }
  });
});

