import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { clearKeys, closeEditors, fake, modelCalls, openEditor, storeKeys } from '../commandFixtures';
import { activateTandem, answerPrompt, captureMessages, waitFor } from '../tandem';

const ORIGINAL = 'function total(items) {\n|  let sum = 0;\n  for (const i of items) sum += i.price;\n  return sum;\n|}\n';
const PROPOSAL = '```js\nreturn items.reduce((sum, i) => sum + i.price, 0);\n```';

describe('Edit Selection', () => {
  let input: vscode.Disposable;

  beforeEach(async () => {
    await fake.reset();
    await storeKeys();
    input = answerPrompt('showInputBox', () => 'use reduce');
  });

  afterEach(async () => {
    input.dispose();
    await closeEditors();
    await clearKeys();
  });

  /** Runs the command and waits for the diff of original vs proposal. */
  async function propose(editor: vscode.TextEditor): Promise<vscode.Uri> {
    const { commands } = await activateTandem();
    await fake.script({ match: { provider: 'openai' }, reply: { text: PROPOSAL } });
    const messages = captureMessages();
    try {
      await vscode.commands.executeCommand('tandem.editSelection');
    } finally {
      messages.dispose();
    }
    const [uri] = commands.proposals.pending;
    assert.ok(uri, 'a proposal is pending');
    const diff = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(diff instanceof vscode.TabInputTextDiff, 'the proposal opens as a diff');
    assert.equal(diff.original.toString(), editor.document.uri.toString());
    assert.equal(diff.modified.toString(), uri.toString());
    return uri;
  }

  it('shows the proposal as a diff; accept applies it as one edit', async () => {
    const editor = await openEditor(ORIGINAL, 'javascript');
    const before = editor.document.getText();
    const uri = await propose(editor);
    const proposed = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.equal(proposed, 'function total(items) {\n  return items.reduce((sum, i) => sum + i.price, 0);\n}\n');
    assert.equal(editor.document.getText(), before, 'nothing changes before the user accepts');

    assert.equal(await vscode.commands.executeCommand('tandem.acceptEdit', uri), true);
    assert.equal(editor.document.getText(), proposed);
    assert.ok(!vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff)), 'the diff closes');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'one undo takes the edit back');
  });

  it('reject leaves the file untouched', async () => {
    const editor = await openEditor(ORIGINAL, 'javascript');
    const before = editor.document.getText();
    const uri = await propose(editor);
    await vscode.commands.executeCommand('tandem.rejectEdit', uri);
    assert.equal(editor.document.getText(), before);
    assert.equal((await activateTandem()).commands.proposals.pending.length, 0);
  });

  it('a file changed after the proposal is not clobbered: the user is told', async () => {
    const editor = await openEditor(ORIGINAL, 'javascript');
    const uri = await propose(editor);
    const meanwhile = new vscode.WorkspaceEdit();
    meanwhile.insert(editor.document.uri, new vscode.Position(0, 0), '// edited meanwhile\n');
    assert.ok(await vscode.workspace.applyEdit(meanwhile));
    const changed = editor.document.getText();
    const messages = captureMessages();
    try {
      assert.equal(await vscode.commands.executeCommand('tandem.acceptEdit', uri), false);
    } finally {
      messages.dispose();
    }
    assert.equal(editor.document.getText(), changed);
    assert.ok(messages.messages.some((m) => /changed after the edit was proposed, so it was not applied/.test(m)), messages.messages.join('\n'));
  });

  it('needs a selection, and says so without sending anything', async () => {
    await openEditor('const a = 1;|');
    const messages = captureMessages();
    try {
      await vscode.commands.executeCommand('tandem.editSelection');
    } finally {
      messages.dispose();
    }
    assert.deepEqual(messages.messages, ['Tandem: select the code to edit first.']);
    assert.equal((await modelCalls()).length, 0);
  });
});

describe('Explain Selection', () => {
  beforeEach(async () => {
    await fake.reset();
    await storeKeys();
  });

  afterEach(async () => {
    await closeEditors();
    await clearKeys();
  });

  it('sends the selection to Haiku and shows the explanation as rendered Markdown beside the code', async () => {
    await openEditor('|const doubled = xs.map((x) => x * 2);|', 'javascript');
    const explanation = 'Doubles every number in `xs`.\n\n- Returns a **new** array; `xs` is unchanged.';
    await fake.script({ match: { provider: 'anthropic' }, reply: { text: explanation } });
    const uri = await vscode.commands.executeCommand<vscode.Uri>('tandem.explainSelection');
    const { commands, session } = await activateTandem();
    assert.ok(uri);
    assert.match(commands.explanations.text(uri) ?? '', /^# Untitled-\d+, line 1\n\n/);
    assert.ok(commands.explanations.text(uri)?.endsWith(`${explanation}\n`));
    const [call] = await modelCalls();
    assert.equal(call.provider, 'anthropic');
    assert.equal(session.records.at(-1)?.task, 'explain');
    const preview = await waitFor('the Markdown preview', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)));
    assert.match(preview.label, /Explanation of/);
    // The preview renders the document the provider serves: once refreshed, it holds the whole explanation.
    await waitFor('the previewed document to hold the explanation', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.getText().includes('Returns a **new** array') || undefined);
  });
});
