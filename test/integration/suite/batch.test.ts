import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { costMicroUsd } from '../../../src/core/cost/cost';
import { DEFAULT_MODELS } from '../../../src/core/models/modelTable';
import { answerBatchQuestions, forgetJobs, landedJob, newestJob, RULES, textOf, workspaceUri, write } from '../batchFixtures';
import { clearKeys, closeEditors, fake, storeKeys } from '../commandFixtures';
import { activateTandem, answerPrompt, tandemLog, waitFor } from '../tandem';

const tandem = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Tandem');

describe('Batch jobs', () => {
  let answers: (vscode.Disposable & { confirmations: string[] }) | undefined;

  before(async () => {
    // Written before the suite, so the file watcher's events for them are over before any refactor preview
    // opens (the preview treats a file event during the preview as a conflict and refuses to apply).
    await write(workspaceUri('batch-edit', 'x.ts'), 'export const x = 1;\n');
    await write(workspaceUri('batch-edit', 'y.ts'), 'export const y = 2;\n');
    await new Promise((r) => setTimeout(r, 1500));
  });

  beforeEach(async () => {
    await fake.reset();
    await fake.setBatchDelay(600);
    await storeKeys();
    (await activateTandem()).session.reset();
    await write(workspaceUri('.tandem', 'rules.md'), RULES);
  });

  afterEach(async () => {
    answers?.dispose();
    await closeEditors();
    await clearKeys();
    await forgetJobs();
  });

  it('reviews a folder through the Message Batches API: diagnostics for every file, costs at the batch rate', async () => {
    const files = ['a.ts', 'b.ts', 'c.ts'].map((name) => workspaceUri('batch-review', name));
    for (const [i, uri] of files.entries()) await write(uri, `const token${i} = "sk-${i}";\nexport const ready = true;\n`);
    answers = answerBatchQuestions('**/*.ts');
    await vscode.commands.executeCommand('tandem.reviewFolderBatch', workspaceUri('batch-review'));
    assert.match(answers.confirmations[0] ?? '', /3 requests to Claude Haiku 4\.5 through the Batch API.*at the batch rate/);

    const job = await newestJob();
    assert.equal(job.items.length, 3);
    for (const [i, item] of job.items.entries()) {
      await fake.batchOutcome(item.customId, 'succeeded', { json: { findings: [{ ruleId: 'SEC-1', severity: 'error', startLine: 1, endLine: 1, message: `Secret ${i}.`, replacement: null }] } });
    }
    const done = await landedJob(job.id);
    assert.equal(done.phase, 'ended');
    await waitFor('the landed batch to be deleted at Anthropic', async () =>
      (await fake.requests()).some((r) => r.method === 'DELETE' && r.path === `/v1/messages/batches/${job.batchId}`) || undefined);
    for (const uri of files) assert.deepEqual(tandem(uri).map((d) => [d.range.start.line, d.severity]), [[0, vscode.DiagnosticSeverity.Error]], uri.path);

    const { session } = await activateTandem();
    const batchRecords = session.records.filter((r) => r.batch);
    assert.equal(batchRecords.length, 3);
    for (const r of batchRecords) {
      assert.equal(r.task, 'review');
      assert.equal(r.costMicroUsd, costMicroUsd(r.usage, DEFAULT_MODELS['claude-haiku-4-5'].prices, { batch: true }));
      assert.ok(r.costMicroUsd < costMicroUsd(r.usage, DEFAULT_MODELS['claude-haiku-4-5'].prices), 'half the interactive price');
    }
  });

  it('bulk edits files through the OpenAI Batch API: the refactor preview shows the edits, applied file by file', async () => {
    const x = workspaceUri('batch-edit', 'x.ts');
    const y = workspaceUri('batch-edit', 'y.ts');
    answers = answerBatchQuestions('add a header comment');
    await vscode.commands.executeCommand('tandem.bulkEditBatch', x, [x, y]);
    const job = await newestJob();
    assert.equal(job.provider, 'openai');
    const [first, second] = job.items;
    await fake.batchOutcome(first.customId, 'succeeded', { text: '// header\nexport const x = 1;' });
    await fake.batchOutcome(second.customId, 'succeeded', { text: '```ts\n// header\nexport const y = 2;\n```' });
    await landedJob(job.id);
    assert.equal(await textOf(x), 'export const x = 1;\n', 'nothing changes before the user applies the preview');
    await waitFor('the uploaded requests and the output file to be deleted at OpenAI', async () =>
      (await fake.requests()).filter((r) => r.method === 'DELETE' && r.path.startsWith('/v1/files/')).length === 2 || undefined);

    // The user ticks the first file in the preview (each file needs confirmation) and applies.
    await new Promise((r) => setTimeout(r, 1000));
    await vscode.commands.executeCommand('list.focusFirst');
    await vscode.commands.executeCommand('refactorPreview.toggleCheckedState');
    await vscode.commands.executeCommand('refactorPreview.apply');
    await waitFor('the ticked file to change', async () => (await textOf(x)).startsWith('// header'));
    assert.equal(await textOf(x), '// header\nexport const x = 1;\n');
    assert.equal(await textOf(y), 'export const y = 2;\n', 'a file the user did not tick is left alone');

    // Shown again from the jobs list, the second file can be taken too.
    const { batch } = await activateTandem();
    const previewed = batch.bulkEdits.preview(job.id);
    await new Promise((r) => setTimeout(r, 1000));
    await vscode.commands.executeCommand('list.focusLast');
    await vscode.commands.executeCommand('list.focusParent');
    await vscode.commands.executeCommand('refactorPreview.toggleCheckedState');
    await vscode.commands.executeCommand('refactorPreview.apply');
    await waitFor('the second file to change', async () => (await textOf(y)).startsWith('// header'));
    await previewed;
    assert.equal(await textOf(y), '// header\nexport const y = 2;\n', 'fence left out, final newline kept');
    const { session } = await activateTandem();
    assert.deepEqual(session.records.filter((r) => r.batch).map((r) => [r.task, r.model]), [['editSelection', 'gpt-5.4-mini'], ['editSelection', 'gpt-5.4-mini']]);
  });

  it('reports an errored and an expired request by file and reason; the rest land', async () => {
    const files = ['ok.ts', 'broken.ts', 'late.ts'].map((name) => workspaceUri('batch-mixed', name));
    for (const uri of files) await write(uri, 'let ready = false;\n');
    answers = answerBatchQuestions('**/*.ts');
    const warnings: string[] = [];
    const warned = answerPrompt('showWarningMessage', (message: unknown) => {
      warnings.push(String(message));
      return undefined;
    });
    try {
      await vscode.commands.executeCommand('tandem.reviewFolderBatch', workspaceUri('batch-mixed'));
      const job = await newestJob();
      const byPath = (name: string) => job.items.find((i) => i.path.endsWith(name))!;
      await fake.batchOutcome(byPath('ok.ts').customId, 'succeeded', { json: { findings: [{ ruleId: 'NAME-1', severity: 'warning', startLine: 1, endLine: 1, message: 'Say isReady.', replacement: 'let isReady = false;' }] } });
      await fake.batchOutcome(byPath('broken.ts').customId, 'errored');
      await fake.batchOutcome(byPath('late.ts').customId, 'expired');
      const done = await landedJob(job.id);
      const kinds = Object.fromEntries((done.outcomes ?? []).map((o) => [job.items.find((i) => i.customId === o.customId)?.path.split('/').pop(), o.kind]));
      assert.deepEqual(kinds, { 'ok.ts': 'succeeded', 'broken.ts': 'errored', 'late.ts': 'expired' });
      assert.equal(tandem(files[0]).length, 1);
      assert.equal(tandem(files[1]).length + tandem(files[2]).length, 0);
      const told = await waitFor('the summary', () => warnings.find((m) => m.includes('did not')));
      assert.match(told, /broken\.ts \(errored/);
      assert.match(told, /late\.ts \(expired/);
    } finally {
      warned.dispose();
    }
  });

  it('a folder with a binary and a huge file: the rest is submitted, the two are named in the dialog and never sent', async () => {
    const folder = 'batch-skip';
    await write(workspaceUri(folder, 'ok.ts'), 'let ready = false;\n');
    await write(workspaceUri(folder, 'other.ts'), 'export const other = 1;\n');
    await vscode.workspace.fs.writeFile(workspaceUri(folder, 'compiled.ts'), Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x61]));
    await write(workspaceUri(folder, 'generated.ts'), `export const data = "${'x'.repeat(300 * 1024)}";\n`);
    answers = answerBatchQuestions('**/*.ts');
    await vscode.commands.executeCommand('tandem.reviewFolderBatch', workspaceUri(folder));

    const [confirmation] = answers.confirmations;
    assert.match(confirmation ?? '', /2 requests to Claude Haiku 4\.5 through the Batch API/);
    assert.match(confirmation, /Left out, never sent \(2\): .*compiled\.ts is not a text file \(it holds NUL bytes, as binary files do\)/);
    assert.match(confirmation, /generated\.ts is 300 KB; Tandem reads a file in a batch job of at most 256 KB\./);
    const job = await newestJob();
    assert.deepEqual(job.items.map((i) => i.path.split('/').pop()), ['ok.ts', 'other.ts']);
    const sent = JSON.stringify((await fake.requests()).filter((r) => r.method === 'POST' && r.path === '/v1/messages/batches').map((r) => r.body));
    assert.ok(sent.includes('let ready = false') && !sent.includes('xxxxxxxxxx'), 'the good files were sent, the huge one was not');
    await waitFor('the log line naming the binary file', () => /skipped .*compiled\.ts is not a text file/.test(tandemLog()) || undefined);
  });

  it('cancel calls the provider\'s cancel endpoint and the job ends as cancelled', async () => {
    await fake.setBatchDelay(9_000); // long enough to cancel; the cancel then takes a third of it
    await write(workspaceUri('batch-cancel', 'z.ts'), 'export const z = 0;\n');
    answers = answerBatchQuestions('**/*.ts');
    await vscode.commands.executeCommand('tandem.reviewFolderBatch', workspaceUri('batch-cancel'));
    const job = await newestJob();
    const { batch } = await activateTandem();
    assert.match(batch.status.text, /\$\(layers\)/, 'the status bar shows the running job');
    await vscode.commands.executeCommand('tandem.cancelBatchJob', job.id);
    const cancels = (await fake.requests()).filter((r) => r.method === 'POST' && r.path.endsWith(`/v1/messages/batches/${job.batchId}/cancel`));
    assert.equal(cancels.length, 1);
    const done = await landedJob(job.id);
    assert.equal(done.phase, 'cancelled');
  });
});
