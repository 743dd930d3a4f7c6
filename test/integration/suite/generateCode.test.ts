import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { clearKeys, fake, modelCalls, openEditor, requestText, useCommandSuite } from '../commandFixtures';
import { activateTandem, captureMessages, waitFor } from '../tandem';

const ANSWER = 'Here is the function:\n\n```ts\nfunction add(a: number, b: number): number {\n  return a + b;\n}\n```\nIt adds two numbers.';
const CODE = 'function add(a: number, b: number): number {\n    return a + b;\n  }';

describe('Generate Code', () => {
  useCommandSuite('a function that adds two numbers');

  it('streams the code in at the cursor, indented, without the fence or the prose', async () => {
    const editor = await openEditor('class Calc {\n  |\n}\n');
    await fake.script({ match: { provider: 'openai' }, reply: { text: ANSWER } });
    await vscode.commands.executeCommand('tandem.generateCode');
    assert.equal(editor.document.getText(), `class Calc {\n  ${CODE}\n}\n`);

    const [call] = await modelCalls();
    assert.equal(call.provider, 'openai');
    assert.match(requestText(call), /a function that adds two numbers/);
    assert.match(requestText(call), /class Calc \{\\n {2}<\|cursor\|>\\n\}/, 'the code around the cursor, with the cursor marked');
    const { session } = await activateTandem();
    assert.equal(session.records.at(-1)?.task, 'generateCode');
    assert.equal(session.records.at(-1)?.outcome, 'ok');
  });

  it('replaces the selection, and the whole insertion is one undo step', async () => {
    const editor = await openEditor('const x = 1;\n|// TODO: add|\nconst y = 2;\n');
    await fake.script({ match: { provider: 'openai' }, reply: { text: 'function add(a, b) {\n  return a + b;\n}' }, chunkDelayMs: 5 });
    await vscode.commands.executeCommand('tandem.generateCode');
    const generated = 'const x = 1;\nfunction add(a, b) {\n  return a + b;\n}\nconst y = 2;\n';
    assert.equal(editor.document.getText(), generated);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'const x = 1;\n// TODO: add\nconst y = 2;\n', 'one undo takes all of it back');
    await vscode.commands.executeCommand('redo');
    assert.equal(editor.document.getText(), generated);
  });

  it('cancel mid-stream closes the request, leaves the file as it was and records a cancelled call', async () => {
    const original = 'let a = 1;\n|\nlet b = 2;\n';
    const editor = await openEditor(original);
    const long = Array.from({ length: 60 }, (_, i) => `const v${i} = ${i};`).join('\n');
    await fake.script({ match: { provider: 'openai' }, reply: { text: long }, chunkDelayMs: 40 });
    const messages = captureMessages();
    try {
      const running = vscode.commands.executeCommand('tandem.generateCode');
      await waitFor('code streaming into the file', () => editor.document.getText().includes('const v1 = 1;') || undefined);
      await vscode.commands.executeCommand('tandem.cancelRequest');
      await running;
      assert.equal(editor.document.getText(), original.replace('|', ''), 'the file is as it was');
      assert.ok(messages.messages.some((m) => /cancelled\. The file is as it was/.test(m)), messages.messages.join('\n'));
    } finally {
      messages.dispose();
    }
    const [call] = await waitFor('the fake server to see the connection end', async () => {
      const calls = await modelCalls();
      return calls[0]?.outcome === 'client-closed' ? calls : undefined;
    });
    assert.equal(call.outcome, 'client-closed');
    const { session } = await activateTandem();
    assert.equal(session.records.at(-1)?.outcome, 'cancelled');
  });

  it('takes back what it wrote when its editor goes away mid-stream', async () => {
    const editor = await openEditor('let a = 1;\n|\n');
    const before = editor.document.getText();
    const long = Array.from({ length: 60 }, (_, i) => `const w${i} = ${i};`).join('\n');
    await fake.script({ match: { provider: 'openai' }, reply: { text: long }, chunkDelayMs: 40 });
    const messages = captureMessages();
    try {
      const running = vscode.commands.executeCommand('tandem.generateCode');
      await waitFor('code streaming into the file', () => editor.document.getText().includes('const w1 = 1;') || undefined);
      // Another file takes the editor's place: the one being written into is no longer shown.
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'other', language: 'plaintext' }));
      await running;
      assert.ok(messages.messages.some((m) => /editor closed while the code was being written/.test(m)), messages.messages.join('\n'));
    } finally {
      messages.dispose();
    }
    assert.equal(editor.document.getText(), before, 'nothing half-written is left behind');
  });

  it('a stream that breaks mid-way falls back: the fallback\'s whole answer lands once, as one undo step', async () => {
    const original = 'const before = 0;\n|\nconst after = 1;\n';
    const editor = await openEditor(original);
    const broken = Array.from({ length: 80 }, (_, i) => `const half${i} = ${i};`).join('\n');
    const fallback = 'function sum(values: number[]): number {\n  return values.reduce((a, b) => a + b, 0);\n}';
    // The broken answer arrives in a burst, so its last edits are still being applied when the fallback's
    // first words come: the take-back and the new text must not race each other into the file.
    await fake.script(
      { match: { provider: 'anthropic' }, reply: { text: 'ok' } },
      { match: { provider: 'openai' }, reply: { text: broken }, fault: { kind: 'stream-error', afterDeltas: 60 } },
      { match: { provider: 'anthropic' }, reply: { text: `Here it is:\n\n\`\`\`ts\n${fallback}\n\`\`\`` } },
    );
    // Both SDKs loaded, as in a session that has used both: the fallback's first words then arrive at once.
    const tandem = await activateTandem();
    await tandem.models.service.run({ task: 'explain', system: ['Be brief.'], messages: [{ role: 'user', content: 'warm up' }] });
    tandem.session.reset();
    const messages = captureMessages();
    try {
      await vscode.commands.executeCommand('tandem.generateCode');
    } finally {
      messages.dispose();
      // GPT-5.4 Mini is cooling down after its failure: the next tests expect it to be routed to.
      tandem.models.cooldowns.clear();
    }
    const expected = `const before = 0;\n${fallback}\nconst after = 1;\n`;
    assert.equal(editor.document.getText(), expected, 'the fallback\'s answer, whole, once, and nothing of the broken one');
    assert.ok(!messages.messages.some((m) => /closed or changed/.test(m)), messages.messages.join('\n'));
    assert.ok(messages.messages.some((m) => /ran this on Claude Haiku 4\.5 instead/.test(m)), messages.messages.join('\n'));
    assert.deepEqual(tandem.session.records.map((r) => [r.model, r.outcome]), [['gpt-5.4-mini', 'fallback'], ['claude-haiku-4-5', 'ok']]);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original.replace('|', ''), 'one undo takes the whole insertion back');
  });

  it('without a key, sends nothing and offers to set one', async () => {
    await clearKeys();
    await openEditor('|');
    const messages = captureMessages();
    try {
      await vscode.commands.executeCommand('tandem.generateCode');
    } finally {
      messages.dispose();
    }
    assert.ok(messages.messages.some((m) => /needs an OpenAI API key\. Run "Tandem: Set API Key…"/.test(m)), messages.messages.join('\n'));
    assert.equal((await modelCalls()).length, 0);
  });
});
