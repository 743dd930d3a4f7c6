/**
 * A batch job whose files were deleted, renamed or changed before it landed: each file says what happened,
 * the others land, and every result is in the ledger once, however often the job is polled and after a
 * reload (a second runner over the same job store and ledger, as a new extension host builds).
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { batchRecordId } from '../../../src/core/batch/batchRecords';
import type { BatchJob } from '../../../src/core/batch/job';
import { BatchRunner } from '../../../src/core/batch/runner';
import { answerBatchQuestions, forgetJobs, landedJob, newestJob, RULES, workspaceUri, write } from '../batchFixtures';
import { clearKeys, closeEditors, fake, storeKeys } from '../commandFixtures';
import { activateTandem, captureMessages } from '../tandem';

const FILES = ['closed.ts', 'edited.ts', 'gone.ts', 'old-name.ts'];
const POLLS = 5;

const tandem = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Tandem');

/** Writes the four files of a job in `folder`, each a different constant. */
async function writeFiles(folder: string): Promise<vscode.Uri[]> {
  const uris = FILES.map((name) => workspaceUri(folder, name));
  for (const [i, uri] of uris.entries()) await write(uri, `export const value${i} = ${i};\n`);
  return uris;
}

/** Before the job lands: one file deleted, one renamed, one changed on disk; closed.ts left alone and never shown. */
async function disturb(folder: string): Promise<void> {
  await vscode.workspace.fs.delete(workspaceUri(folder, 'gone.ts'));
  await vscode.workspace.fs.rename(workspaceUri(folder, 'old-name.ts'), workspaceUri(folder, 'new-name.ts'));
  await write(workspaceUri(folder, 'edited.ts'), 'export const value1 = 100;\n');
}

/** Each item's file name with its outcome and reason, by name. */
function outcomesByFile(job: BatchJob): Record<string, string> {
  return Object.fromEntries((job.outcomes ?? []).map((o) => [
    job.items.find((i) => i.customId === o.customId)?.path.split('/').pop() ?? o.customId,
    `${o.kind}${o.reason ? `: ${o.reason}` : ''}`,
  ]));
}

/** How many times the ledger files hold each of the job's results, by file name. */
async function ledgerCopies(job: BatchJob): Promise<Record<string, number>> {
  const { models } = await activateTandem();
  const { records } = await models.ledger.read();
  return Object.fromEntries(job.items.map((item) => [
    item.path.split('/').pop() ?? item.customId,
    records.filter((r) => r.id === batchRecordId(job.id, item.customId)).length,
  ]));
}

/** Polls the landed job again and again, as its timer and the jobs list's Check Now would. */
async function pollMore(runner: Pick<BatchRunner, 'poll'>, id: string): Promise<void> {
  for (let i = 0; i < POLLS; i++) await runner.poll(id);
}

/**
 * A reload in the middle of a landing: the results were recorded, the job not yet marked landed. A new
 * runner over the same store and ledger (what the next extension host builds) picks it up.
 */
async function afterReload(job: BatchJob): Promise<BatchJob> {
  const { batch } = await activateTandem();
  await batch.store.put({ ...job, landed: false, outcomes: undefined });
  const reloaded = new BatchRunner(batch.runnerDeps);
  try {
    await pollMore(reloaded, job.id);
  } finally {
    reloaded.dispose();
  }
  const again = batch.store.get(job.id);
  assert.ok(again);
  return again;
}

/**
 * The first landing's deletes at the provider are refused (a failed delete never fails a landing), so the
 * results are still there for afterReload: a window reloaded in the middle of a landing never got to delete.
 */
async function keepAtProvider(provider: 'openai' | 'anthropic', deletes: number): Promise<void> {
  await fake.script({ match: { provider, method: 'DELETE' }, times: deletes, fault: { kind: 'status', status: 403 } });
}

const ONCE = Object.fromEntries(FILES.map((name) => [name, 1]));

describe('Batch jobs whose files moved before landing', () => {
  let answers: (vscode.Disposable & { confirmations: string[] }) | undefined;
  let told: (vscode.Disposable & { readonly messages: string[] }) | undefined;

  beforeEach(async () => {
    await fake.reset();
    await fake.setBatchDelay(600);
    await storeKeys();
    (await activateTandem()).session.reset();
    await write(workspaceUri('.tandem', 'rules.md'), RULES);
  });

  afterEach(async () => {
    told?.dispose();
    answers?.dispose();
    // A bulk edit's refactor preview left open would ask the next one whether to replace it.
    await vscode.commands.executeCommand('refactorPreview.discard').then(undefined, () => undefined);
    await closeEditors();
    await clearKeys();
    await forgetJobs();
  });

  it('bulk edit: deleted, renamed and changed files are reported with what to do, the closed one lands, each result recorded once', async () => {
    const uris = await writeFiles('batch-moved-edit');
    answers = answerBatchQuestions('add a header comment');
    await vscode.commands.executeCommand('tandem.bulkEditBatch', uris[0], uris);
    answers.dispose();
    const job = await newestJob();
    assert.equal(job.kind, 'bulkEdit');
    for (const item of job.items) await fake.batchOutcome(item.customId, 'succeeded', { text: `// header\nexport const edited = "${item.path}";` });
    await disturb('batch-moved-edit');
    await keepAtProvider('openai', 2);
    told = captureMessages();

    const { batch, session } = await activateTandem();
    const done = await landedJob(job.id);
    await pollMore(batch.runner, job.id);
    const again = 'run the edit again for it';
    const expected = {
      'closed.ts': 'succeeded',
      'edited.ts': `errored: the file changed after it was sent; ${again}`,
      'gone.ts': `errored: the file was deleted or moved after it was sent; ${again}`,
      'old-name.ts': `errored: the file was deleted or moved after it was sent; ${again}`,
    };
    assert.deepEqual(outcomesByFile(done), expected);
    assert.ok(batch.bulkEdits.has(job.id), 'the closed file\'s edit is in the refactor preview');
    const summary = told.messages.filter((m) => m.includes(job.title));
    assert.equal(summary.length, 1, 'told once');
    assert.match(summary[0], /1 file done.*3 did not: .*edited\.ts \(errored: the file changed after it was sent; run the edit again for it\)/);
    assert.match(summary[0], /gone\.ts \(errored: the file was deleted or moved after it was sent; run the edit again for it\)/);
    assert.match(summary[0], /old-name\.ts \(errored: the file was deleted or moved/);
    assert.deepEqual(await ledgerCopies(job), ONCE, `every result once in the ledger after ${POLLS + 1} polls or more`);
    assert.equal(session.records.filter((r) => r.batch).length, FILES.length, 'and once in the session spend');

    await vscode.commands.executeCommand('refactorPreview.discard').then(undefined, () => undefined);
    const reloaded = await afterReload(done);
    assert.equal(reloaded.landed, true);
    assert.deepEqual(outcomesByFile(reloaded), expected);
    assert.deepEqual(await ledgerCopies(job), ONCE, 'still once after the reload');
    assert.equal(session.records.filter((r) => r.batch).length, FILES.length);
    assert.deepEqual(await vscode.workspace.fs.readDirectory(workspaceUri('batch-moved-edit')).then((entries) => entries.map(([name]) => name).sort()),
      ['closed.ts', 'edited.ts', 'new-name.ts'], 'the deleted file is not brought back, nothing is written without the user');
  });

  it('folder review: findings only for the file as it was sent, the others reported, each result recorded once', async () => {
    const uris = await writeFiles('batch-moved-review');
    answers = answerBatchQuestions('**/*.ts');
    await vscode.commands.executeCommand('tandem.reviewFolderBatch', workspaceUri('batch-moved-review'));
    answers.dispose();
    const job = await newestJob();
    assert.equal(job.kind, 'review');
    for (const item of job.items) {
      await fake.batchOutcome(item.customId, 'succeeded', { json: { findings: [{ ruleId: 'NAME-1', severity: 'warning', startLine: 1, endLine: 1, message: `Finding for ${item.path}.`, replacement: null }] } });
    }
    await disturb('batch-moved-review');
    await keepAtProvider('anthropic', 1);
    told = captureMessages();

    const { batch, session } = await activateTandem();
    const done = await landedJob(job.id);
    await pollMore(batch.runner, job.id);
    const again = 'review it again';
    const expected = {
      'closed.ts': 'succeeded',
      'edited.ts': `errored: the file changed after it was sent; ${again}`,
      'gone.ts': `errored: the file was deleted or moved after it was sent; ${again}`,
      'old-name.ts': `errored: the file was deleted or moved after it was sent; ${again}`,
    };
    assert.deepEqual(outcomesByFile(done), expected);
    const [closed, edited, gone, oldName] = uris;
    const newName = workspaceUri('batch-moved-review', 'new-name.ts');
    assert.deepEqual(tandem(closed).map((d) => d.message), ['Finding for batch-moved-review/closed.ts.']);
    for (const uri of [edited, gone, oldName, newName]) assert.deepEqual(tandem(uri), [], uri.path);
    const summary = told.messages.filter((m) => m.includes(job.title));
    assert.equal(summary.length, 1, 'told once');
    assert.match(summary[0], /1 file reviewed.*3 did not: .*gone\.ts \(errored: the file was deleted or moved after it was sent; review it again\)/);
    assert.deepEqual(await ledgerCopies(job), ONCE);
    assert.equal(session.records.filter((r) => r.batch).length, FILES.length);

    const reloaded = await afterReload(done);
    assert.equal(reloaded.landed, true);
    assert.deepEqual(outcomesByFile(reloaded), expected);
    assert.deepEqual(await ledgerCopies(job), ONCE, 'still once after the reload');
    assert.equal(session.records.filter((r) => r.batch).length, FILES.length);
    assert.equal(tandem(closed).length, 1, 'the findings are replaced, not doubled');
  });
});
