import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { clearKeys, fake, modelCalls, openEditor, requestText } from '../commandFixtures';
import { activateTandem, captureMessages, waitFor } from '../tandem';
import { completionsConfig, type, useCompletionSuite } from '../typing';

const FUNCTION = 'function add(a: number, b: number): number {\n|\n}\n';

describe('Inline completions', () => {
  useCompletionSuite();

  it('typing shows ghost text from the model, and the inline-suggest commit accepts it', async () => {
    const editor = await openEditor(FUNCTION);
    await fake.script({ match: { provider: 'openai' }, reply: { text: 'a + b;' } });
    await type('  return ');
    await waitFor('the ghost text to be accepted', async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      return editor.document.getText().includes('return a + b;');
    });
    assert.equal(editor.document.getText(), 'function add(a: number, b: number): number {\n  return a + b;\n}\n');

    const calls = await modelCalls();
    assert.equal(calls.length, 1, 'one request for the pause after typing');
    assert.match(requestText(calls[0]), /return <\|cursor\|>\\n\}/, 'the prompt marks the cursor');
    const { session } = await activateTandem();
    assert.deepEqual(session.records.map((r) => [r.task, r.model, r.outcome]), [['completion', 'gpt-5.4-mini', 'ok']]);
    assert.ok(session.totals.costMicroUsd > 0, 'the completion counts in the session spend');
  });

  it('asks by itself at a slot in the middle of a line, and completes that one line', async () => {
    const editor = await openEditor('SELECT id, name FROM users WHER| ORDER BY name;\n', 'sql');
    await fake.script({ match: { provider: 'openai' }, times: 10, reply: { text: 'active = true\nAND age > 18' } });
    await type('E ');
    await waitFor('the ghost text to be accepted', async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      return editor.document.getText().includes('active = true');
    });
    assert.equal(editor.document.getText(), 'SELECT id, name FROM users WHERE active = true ORDER BY name;\n');
  });

  it('a slow request shows a working state in the status bar, then clears it', async () => {
    const { completions } = await activateTandem();
    await openEditor(FUNCTION);
    await fake.script({ match: { provider: 'openai' }, reply: { text: 'a * b;' }, fault: { kind: 'delay', ms: 1_800 } });
    await type('  return ');
    await waitFor('the working state', () => completions.status.isWorking && completions.status.text === '$(loading~spin)');
    await waitFor('the working state to clear', () => !completions.status.isWorking, 5_000);
    assert.equal(completions.status.text, '$(sparkle)');
  });

  it('Toggle Inline Completions stops requests; the per-language switch does the same for one language', async () => {
    const { completions } = await activateTandem();
    const messages = captureMessages();
    try {
      await vscode.commands.executeCommand('tandem.toggleCompletions');
      assert.equal(completionsConfig().get('enabled'), false);
      const editor = await openEditor(FUNCTION);
      await type('  return ');
      await new Promise((r) => setTimeout(r, 400));
      assert.equal((await modelCalls()).length, 0, 'off: nothing sent');
      assert.equal(completions.status.current.kind, 'off');

      await vscode.commands.executeCommand('tandem.toggleCompletions');
      await vscode.commands.executeCommand('tandem.toggleCompletionsForLanguage');
      assert.deepEqual(completionsConfig().get('disabledLanguages'), [...(completionsConfig().inspect<string[]>('disabledLanguages')?.defaultValue ?? []), 'typescript']);
      await vscode.window.showTextDocument(editor.document);
      await type('x');
      await new Promise((r) => setTimeout(r, 400));
      assert.equal((await modelCalls()).length, 0, 'off for TypeScript: nothing sent');
      assert.deepEqual(completions.status.current, { kind: 'off-language', language: 'typescript' });
      assert.deepEqual(messages.messages, [
        'Tandem: inline completions off.',
        'Tandem: inline completions on.',
        'Tandem: inline completions off for typescript.',
      ]);
    } finally {
      messages.dispose();
    }
  });

  it('without an OpenAI key nothing is sent and the status item asks for the key, without a dialog', async () => {
    await clearKeys();
    const { completions } = await activateTandem();
    const messages = captureMessages();
    try {
      await openEditor(FUNCTION);
      await type('  return ');
      await waitFor('the needs-key state', () => completions.status.current.kind === 'needs-key');
      assert.equal(completions.status.text, '$(key)');
      assert.equal((await modelCalls()).length, 0);
      assert.deepEqual(messages.messages, []);
    } finally {
      messages.dispose();
    }
  });
});
