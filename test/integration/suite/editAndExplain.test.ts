import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplanationPanel } from '../../../src/editor/commands/explanations';
import { explanationHtml } from '../../../src/webview/explanation/safeMarkdown';
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

  /** Tabs that show an explanation: Tandem's own panel (and, before it had one, VS Code's Markdown preview). */
  const explanationTabs = (): vscode.Tab[] =>
    vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /Explanation of/.test(t.label));

  /** Runs Explain Selection on a one-line file and waits until the page has the whole answer. */
  async function explain(answer: string): Promise<ExplanationPanel> {
    await openEditor('|const doubled = xs.map((x) => x * 2);|', 'javascript');
    await fake.script({ match: { provider: 'anthropic' }, reply: { text: answer } });
    const shown = await vscode.commands.executeCommand<ExplanationPanel | undefined>('tandem.explainSelection');
    assert.ok(shown, 'the explanation opened');
    await waitFor('the page to receive the whole explanation', () => (shown.delivered?.streaming === false || undefined), 20_000);
    return shown;
  }

  it('sends the selection to Haiku and shows the explanation in Tandem\'s own panel beside the code', async () => {
    const explanation = 'Doubles every number in `xs`.\n\n- Returns a **new** array; `xs` is unchanged.';
    const shown = await explain(explanation);
    const { session } = await activateTandem();
    assert.match(shown.markdown, /^# Untitled-\d+, line 1\n\n/);
    assert.ok(shown.markdown.endsWith(`${explanation}\n`));
    assert.equal(shown.delivered?.markdown, shown.markdown, 'the page shows the final text');
    const [call] = await modelCalls();
    assert.equal(call.provider, 'anthropic');
    assert.equal(session.records.at(-1)?.task, 'explain');

    const [tab, ...more] = explanationTabs();
    assert.equal(more.length, 0, 'one tab for the explanation');
    assert.ok(tab.input instanceof vscode.TabInputWebview);
    assert.match(tab.input.viewType, /tandem\.explanation$/, 'Tandem\'s panel, not the Markdown preview');
    assert.match(tab.label, /^Explanation of Untitled-\d+ \(line 1\)$/);
    assert.equal(tab.group.viewColumn, vscode.ViewColumn.Two, 'beside the code');
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'javascript', 'the focus stays in the code');
  });

  it('an answer with a remote image, a link and raw HTML leaves no remote reference in the page', async () => {
    const answer = [
      'Doubles every number.',
      '![x](https://example.invalid/leak?q=secret)',
      'See [the docs](https://example.invalid/docs?q=secret).',
      '<img src="https://example.invalid/raw?q=secret">',
    ].join('\n\n');
    const shown = await explain(answer);
    const { html, cspSource } = shown.panel.webview;
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    assert.deepEqual(Object.keys(directives), ['default-src', 'style-src', 'script-src'], 'no img-src, connect-src or frame-src: nothing but the page\'s own files');
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['style-src'], cspSource.split(' '));
    assert.match(directives['script-src'].join(' '), /^'nonce-[A-Za-z0-9+/=]+'$/);
    assert.doesNotMatch(html, /example\.invalid/);

    // What the page shows, rendered by the page's own renderer: the image and the link as text, no URL to load.
    const page = explanationHtml(shown.delivered?.markdown ?? '');
    const attributes = [...page.matchAll(/<[a-z][a-z0-9]*(\s[^>]*)?>/gi)].map((tag) => tag[1]?.trim()).filter((a) => a && !/^class="[\w -]*"$/.test(a));
    assert.deepEqual(attributes, [], 'no element carries a src, an href or anything but a class');
    assert.match(page, /\[image “x” from example\.invalid, not loaded\]/);
    assert.match(page, /the docs<\/span> <span class="link-url">\(https:\/\/example\.invalid\/docs\?q=secret\)<\/span>/);
    assert.match(page, /&lt;img src=&quot;https:\/\/example\.invalid\/raw\?q=secret&quot;&gt;/);
  });
});
