import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RULES, workspaceUri, write } from '../batchFixtures';
import { clearKeys, closeEditors, fake, storeKeys } from '../commandFixtures';
import { recordsOf, settledSignals, signalsOf } from '../qualitySignals';
import { activateTandem, answerPrompt, waitFor } from '../tandem';
import { REVIEWED_CODE as CODE, SECRET_FINDING as SECRET } from '../reviewFixtures';

const BOOLEAN = { ruleId: 'NAME-1', severity: 'warning', startLine: 3, endLine: 3, message: 'Boolean should start with is/has.', replacement: 'let isReady = false;' };
/** Dropped by the check (no such line): it still takes index 0 of the answer. */
const OUTSIDE = { ...BOOLEAN, startLine: 40, endLine: 40 };

const tandemDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Tandem');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

describe('Quality signals: review findings', () => {
  let ok: vscode.Disposable;

  beforeEach(async () => {
    await fake.reset();
    await storeKeys();
    (await activateTandem()).session.reset();
    await write(workspaceUri('.tandem', 'rules.md'), RULES);
    ok = answerPrompt('showInformationMessage', () => undefined);
  });

  afterEach(async () => {
    ok.dispose();
    await closeEditors();
    await clearKeys();
  });

  /** Reviews a fresh file whose answer is `findings`; gives the editor and the review call's ledger id. */
  async function review(name: string, findings: unknown[]): Promise<{ editor: vscode.TextEditor; call: string }> {
    const uri = workspaceUri('src', name);
    await write(uri, CODE);
    const editor = await vscode.window.showTextDocument(uri);
    await fake.script({ match: { provider: 'anthropic' }, reply: { json: { findings } } });
    await vscode.commands.executeCommand('tandem.reviewFile');
    const call = (await recordsOf('review')).at(-1)?.id;
    assert.ok(call, 'the review call is in the ledger');
    return { editor, call };
  }

  /** The code actions offered for a finding, by title. */
  async function actionsFor(editor: vscode.TextEditor, rule: string): Promise<vscode.CodeAction[]> {
    const diagnostic = tandemDiagnostics(editor.document.uri).find((d) => codeOf(d) === rule);
    assert.ok(diagnostic, `a ${rule} finding is shown`);
    return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range);
  }

  it('applying a finding\'s quick fix records findingFixed with its index in the answer', async () => {
    const { editor, call } = await review('fixed.ts', [OUTSIDE, SECRET, BOOLEAN]);
    const fix = (await actionsFor(editor, 'SEC-1')).find((a) => a.title === "Apply Tandem's fix for SEC-1");
    assert.ok(fix?.edit, 'the quick fix is offered');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(1).text, SECRET.replacement);
    assert.deepEqual(await settledSignals(call), ['findingFixed#1'], 'SEC-1 was the second finding of the answer');
  });

  it('dismissing a finding records findingDismissed', async () => {
    const { editor, call } = await review('dismissed.ts', [SECRET, BOOLEAN]);
    const dismiss = (await actionsFor(editor, 'NAME-1')).find((a) => a.title === 'Dismiss this NAME-1 finding');
    assert.ok(dismiss?.command, 'Dismiss is offered');
    await vscode.commands.executeCommand(dismiss.command.command, ...(dismiss.command.arguments ?? []));
    assert.deepEqual(tandemDiagnostics(editor.document.uri).map(codeOf), ['SEC-1']);
    assert.deepEqual(await settledSignals(call), ['findingDismissed#1']);
  });

  it('the user editing a finding\'s lines records findingEdited (not fixed, even when near its fix)', async () => {
    const { editor, call } = await review('edited.ts', [SECRET, BOOLEAN]);
    await editor.edit((e) => e.replace(editor.document.lineAt(2).range, 'let isLoaded = false;'));
    await waitFor('the finding to clear', () => tandemDiagnostics(editor.document.uri).length === 1);
    assert.deepEqual(await settledSignals(call), ['findingEdited#1']);
  });

  it('a re-review records findingLeft for the findings still open, and nothing more for settled ones', async () => {
    const { editor, call } = await review('left.ts', [SECRET, BOOLEAN]);
    const dismiss = (await actionsFor(editor, 'SEC-1')).find((a) => a.title === 'Dismiss this SEC-1 finding');
    assert.ok(dismiss?.command);
    await vscode.commands.executeCommand(dismiss.command.command, ...(dismiss.command.arguments ?? []));
    await fake.script({ match: { provider: 'anthropic' }, reply: { json: { findings: [] } } });
    await vscode.commands.executeCommand('tandem.reviewFile');
    assert.equal(tandemDiagnostics(editor.document.uri).length, 0);
    assert.deepEqual(await settledSignals(call, 2), ['findingDismissed#0', 'findingLeft#1']);
    const again = (await recordsOf('review')).at(-1)?.id;
    assert.ok(again && again !== call);
    assert.deepEqual(await signalsOf(again), [], 'the clean re-review has no findings to settle');
  });
});
