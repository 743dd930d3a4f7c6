import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { answerBatchQuestions, forgetJobs, landedJob, newestJob, textOf, workspaceUri, write } from '../batchFixtures';
import { clearKeys, closeEditors, fake, modelCalls, openEditor, storeKeys, useCommandSuite } from '../commandFixtures';
import { recordsOf, settledSignals, signalsOf } from '../qualitySignals';
import { activateTandem, captureMessages, waitFor } from '../tandem';

const ORIGINAL = 'function total(items) {\n|  let sum = 0;\n  for (const i of items) sum += i.price;\n  return sum;\n|}\n';
const PROPOSAL = '```js\nreturn items.reduce((sum, i) => sum + i.price, 0);\n```';

describe('Quality signals: Edit Selection', () => {
  useCommandSuite('use reduce');

  /** Proposes an edit of the selection; gives the proposal's diff and the ledger id of the call that wrote it. */
  async function propose(): Promise<{ uri: vscode.Uri; call: string }> {
    const { commands } = await activateTandem();
    await fake.script({ match: { provider: 'openai' }, reply: { text: PROPOSAL } });
    const messages = captureMessages();
    try {
      await vscode.commands.executeCommand('tandem.editSelection');
    } finally {
      messages.dispose();
    }
    const uri = commands.proposals.pending.at(-1);
    assert.ok(uri, 'a proposal is pending');
    const call = (await recordsOf('editSelection')).at(-1)?.id;
    assert.ok(call, 'the call is in the ledger');
    return { uri, call };
  }

  function diffTab(uri: vscode.Uri): vscode.Tab | undefined {
    return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === uri.toString());
  }

  it('accepting the diff records diffAccepted on that call, once', async () => {
    const editor = await openEditor(ORIGINAL, 'javascript');
    const { uri, call } = await propose();
    assert.deepEqual(await signalsOf(call), [], 'nothing before the user decides');
    assert.equal(await vscode.commands.executeCommand('tandem.acceptEdit', uri), true);
    assert.match(editor.document.getText(), /items\.reduce/);
    assert.deepEqual(await settledSignals(call), ['diffAccepted']);
  });

  it('rejecting it records diffRejected', async () => {
    await openEditor(ORIGINAL, 'javascript');
    const { uri, call } = await propose();
    await vscode.commands.executeCommand('tandem.rejectEdit', uri);
    assert.deepEqual(await settledSignals(call), ['diffRejected']);
  });

  it('closing the diff without accepting is a rejection; Accept afterwards says nothing was applied', async () => {
    const editor = await openEditor(ORIGINAL, 'javascript');
    const before = editor.document.getText();
    const { uri, call } = await propose();
    const tab = diffTab(uri);
    assert.ok(tab, 'the diff is open');
    await vscode.window.tabGroups.close(tab);
    assert.deepEqual(await settledSignals(call), ['diffRejected']);
    assert.equal((await activateTandem()).commands.proposals.pending.length, 0);

    const messages = captureMessages();
    try {
      assert.equal(await vscode.commands.executeCommand('tandem.acceptEdit', uri), false);
    } finally {
      messages.dispose();
    }
    assert.match(messages.messages.join('\n'), /already closed or replaced, so nothing was applied\. Run Edit Selection again/);
    assert.equal(editor.document.getText(), before, 'the file is untouched');
    assert.deepEqual(await signalsOf(call), ['diffRejected'], 'still one signal for the proposal');
  });

  it('a new proposal for the same file replaces the older one, which counts as rejected', async () => {
    const editor = await openEditor(ORIGINAL, 'javascript');
    const first = await propose();
    editor.selection = new vscode.Selection(1, 0, 3, 12);
    await vscode.window.showTextDocument(editor.document);
    const second = await propose();
    assert.notEqual(first.call, second.call);
    assert.deepEqual(await settledSignals(first.call), ['diffRejected']);
    assert.equal(diffTab(first.uri), undefined, 'the older diff is closed');
    assert.deepEqual((await activateTandem()).commands.proposals.pending.map(String), [second.uri.toString()]);
    assert.equal(await vscode.commands.executeCommand('tandem.acceptEdit', second.uri), true);
    assert.deepEqual(await settledSignals(second.call), ['diffAccepted']);
    assert.deepEqual(await signalsOf(first.call), ['diffRejected']);
  });
});

describe('Quality signals: Generate SQL', () => {
  useCommandSuite('total order value per customer');
  const GOOD = 'SELECT c.name, SUM(o.total_cents) AS total\nFROM customers c\nJOIN orders o ON o.customer_id = c.id\nGROUP BY c.name;';
  const BAD = 'SELECT c.name, SUM(o.total_cents) FORM customers c GROPU BY c.name;';

  /** Runs Generate SQL; gives the ledger ids of its calls, first ask first. */
  async function generate(): Promise<string[]> {
    await openEditor('|', 'sql');
    const messages = captureMessages();
    try {
      await vscode.commands.executeCommand('tandem.generateSql');
    } finally {
      messages.dispose();
    }
    return (await recordsOf('generateSql')).map((r) => r.id);
  }

  it('a first answer that parses: validFirst on its call', async () => {
    await fake.script({ match: { provider: 'openai' }, reply: { text: GOOD } });
    const [call] = await generate();
    assert.deepEqual(await settledSignals(call), ['validFirst']);
  });

  it('valid after the repair: validRepaired on the FIRST call, none on the repair; the repair went to the same model', async () => {
    await fake.script({ match: { provider: 'openai' }, reply: { text: BAD } }, { match: { provider: 'openai' }, reply: { text: GOOD } });
    const [first, repair] = await generate();
    assert.ok(repair, 'two calls');
    assert.deepEqual(await settledSignals(first), ['validRepaired']);
    assert.deepEqual(await signalsOf(repair), []);
    const models = (await modelCalls()).map((c) => (c.body as { model: string }).model);
    assert.equal(models.length, 2);
    assert.equal(models[1], models[0]);
  });

  it('never valid: invalid on the first call', async () => {
    await fake.script({ match: { provider: 'openai' }, times: 2, reply: { text: BAD } });
    const [first, repair] = await generate();
    assert.deepEqual(await settledSignals(first), ['invalid']);
    assert.deepEqual(await signalsOf(repair), []);
  });
});

describe('Quality signals: Bulk Edit', () => {
  let answers: (vscode.Disposable & { confirmations: string[] }) | undefined;

  before(async () => {
    // Written before the suite: a file event while the refactor preview is open makes it refuse to apply.
    await write(workspaceUri('quality-bulk', 'p.ts'), 'export const p = 1;\n');
    await write(workspaceUri('quality-bulk', 'q.ts'), 'export const q = 2;\n');
    await new Promise((r) => setTimeout(r, 1500));
  });

  beforeEach(async () => {
    await fake.reset();
    await fake.setBatchDelay(600);
    await storeKeys();
    (await activateTandem()).session.reset();
  });

  afterEach(async () => {
    answers?.dispose();
    await closeEditors();
    await clearKeys();
    await forgetJobs();
  });

  it('each proposed file is recorded on its result\'s ledger record: the applied one accepted, the unticked one rejected', async () => {
    const p = workspaceUri('quality-bulk', 'p.ts');
    const q = workspaceUri('quality-bulk', 'q.ts');
    answers = answerBatchQuestions('add a header comment');
    await vscode.commands.executeCommand('tandem.bulkEditBatch', p, [p, q]);
    const job = await newestJob();
    const [first, second] = job.items;
    await fake.batchOutcome(first.customId, 'succeeded', { text: '// header\nexport const p = 1;' });
    await fake.batchOutcome(second.customId, 'succeeded', { text: '// header\nexport const q = 2;' });
    await landedJob(job.id);
    const records = (await activateTandem()).session.records.filter((r) => r.batch);
    const recordOf = (name: string) => {
      const item = job.items.find((i) => i.path.endsWith(name));
      return records.find((r) => item && r.id.endsWith(`:${item.customId}`))?.id;
    };
    const [pCall, qCall] = [recordOf('p.ts'), recordOf('q.ts')];
    assert.ok(pCall && qCall, `both results are in the ledger (${records.map((r) => r.id).join(', ')})`);

    // The user ticks the first file only, and applies.
    await new Promise((r) => setTimeout(r, 1000));
    await vscode.commands.executeCommand('list.focusFirst');
    await vscode.commands.executeCommand('refactorPreview.toggleCheckedState');
    await vscode.commands.executeCommand('refactorPreview.apply');
    await waitFor('the ticked file to change', async () => (await textOf(p)).startsWith('// header'));
    assert.equal(await textOf(q), 'export const q = 2;\n', 'the unticked file is left alone');
    assert.deepEqual(await settledSignals(pCall), ['diffAccepted']);
    assert.deepEqual(await settledSignals(qCall), ['diffRejected']);
  });
});
