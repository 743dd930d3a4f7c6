import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LedgerRecord } from '../../../src/core/ledger/record';
import type { QualitySignal, SignalName } from '../../../src/core/quality/signal';
import { DEFAULT_SIGNAL_PARAMETERS } from '../../../src/core/quality/signalParameters';
import { fake, openEditor } from '../commandFixtures';
import { activateTandem, answerPrompt, waitFor } from '../tandem';
import { acceptGhostText, modelAnswers, type, useCompletionSuite } from '../typing';

const FUNCTION = 'function add(a: number, b: number): number {\n|\n}\n';

/** The newest ledger record of a task in this session. */
async function lastRecord(task: LedgerRecord['task']): Promise<LedgerRecord> {
  const { session } = await activateTandem();
  return waitFor(`a ${task} record`, () => [...session.records].reverse().find((r) => r.task === task));
}

/** The quality log's signals about one call, since the test began, read as the report reads them. */
async function signalsFor(call: string, since: Date): Promise<QualitySignal[]> {
  const { models } = await activateTandem();
  return (await models.quality.read({ from: since })).signals.filter((s) => s.call === call);
}

async function waitForSignal(call: string, name: SignalName, since: Date, timeoutMs = 10_000): Promise<QualitySignal> {
  return waitFor(`the ${name} signal for call ${call}`, async () => (await signalsFor(call, since)).find((s) => s.name === name), timeoutMs);
}

describe('Quality signals of completions and generated code', () => {
  useCompletionSuite();
  let since: Date;

  beforeEach(async () => {
    since = new Date();
    // Short survival delays, so the 30 s and 5 min measurements happen within the test.
    (await activateTandem()).signalParameters = { completionShortMs: 1_500, completionLongMs: 2_500, generatedMs: 1_500 };
  });

  afterEach(async () => {
    (await activateTandem()).signalParameters = DEFAULT_SIGNAL_PARAMETERS;
  });

  it('an accepted completion: shown and accepted on its call, then the share of it left after the user edited part of it', async () => {
    const editor = await openEditor(FUNCTION);
    await modelAnswers('a + b;');
    await type('  return ');
    assert.equal(await acceptGhostText(editor), 'function add(a: number, b: number): number {\n  return a + b;\n}\n');
    const record = await lastRecord('completion');
    await waitForSignal(record.id, 'accepted', since);

    // The user deletes " + b" of "a + b;": 2 of its 6 characters are left.
    const start = editor.document.getText().indexOf(' + b;');
    await editor.edit((b) => b.delete(new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(start + 4))));
    assert.equal(editor.document.lineAt(1).text, '  return a;');

    const short = await waitForSignal(record.id, 'survival30s', since);
    const long = await waitForSignal(record.id, 'survival5m', since);
    assert.equal(short.value, 2 / 6);
    assert.equal(long.value, 2 / 6);
    const names = (await signalsFor(record.id, since)).map((s) => s.name);
    assert.deepEqual(names, ['shown', 'accepted', 'survival30s', 'survival5m'], 'one of each, in order, on the call that answered');
  });

  it('a completion the user typed past is dismissed on its call', async () => {
    const editor = await openEditor(FUNCTION);
    await modelAnswers('a * b;');
    await type('  return ');
    const record = await lastRecord('completion');
    await waitForSignal(record.id, 'shown', since);
    await type('0');
    await waitForSignal(record.id, 'dismissed', since);
    assert.equal(editor.document.lineAt(1).text, '  return 0');
    const names = (await signalsFor(record.id, since)).map((s) => s.name);
    assert.deepEqual(names, ['shown', 'dismissed']);
  });

  it('generated code taken back with one undo is undone on its call; none of it is measured afterwards', async () => {
    const input = answerPrompt('showInputBox', () => 'a function that adds two numbers');
    try {
      const editor = await openEditor('const x = 1;\n|\n');
      await fake.script({ match: { provider: 'openai' }, reply: { text: 'function add(a, b) {\n  return a + b;\n}' }, chunkDelayMs: 5 });
      await vscode.commands.executeCommand('tandem.generateCode');
      assert.match(editor.document.getText(), /return a \+ b;/);
      const record = await lastRecord('generateCode');
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), 'const x = 1;\n\n');
      await waitForSignal(record.id, 'undone', since);
      await new Promise((r) => setTimeout(r, 2_000)); // past the survival delay: nothing more comes for it
      assert.deepEqual((await signalsFor(record.id, since)).map((s) => s.name), ['undone']);
    } finally {
      input.dispose();
    }
  });

  it('generated code left in place: survival5m of 1 on its call', async () => {
    const input = answerPrompt('showInputBox', () => 'a function that adds two numbers');
    try {
      const editor = await openEditor('const x = 1;\n|\n');
      await fake.script({ match: { provider: 'openai' }, reply: { text: 'function add(a, b) {\n  return a + b;\n}' } });
      await vscode.commands.executeCommand('tandem.generateCode');
      const record = await lastRecord('generateCode');
      // Typing after the block is not a change to it.
      await editor.edit((b) => b.insert(editor.document.lineAt(editor.document.lineCount - 1).range.end, '// done\n'));
      const kept = await waitForSignal(record.id, 'survival5m', since);
      assert.equal(kept.value, 1);
      assert.deepEqual((await signalsFor(record.id, since)).map((s) => s.name), ['survival5m']);
    } finally {
      input.dispose();
    }
  });
});
