import assert from 'node:assert/strict';
import { nextPollDelayMs } from '../../../../src/core/batch/backoff';
import { batchRecordId } from '../../../../src/core/batch/batchRecords';
import type { BatchJob } from '../../../../src/core/batch/job';
import { POLL_ERROR_BACKOFF } from '../../../../src/core/batch/pollFailures';
import type { Lander } from '../../../../src/core/batch/runnerPorts';
import { sentFileProblem } from '../../../../src/core/batch/sentFile';
import { costMicroUsd } from '../../../../src/core/cost/cost';
import { DEFAULT_MODELS } from '../../../../src/core/models/modelTable';
import { counts, makeItems, makeJob } from './fixtures';
import { FakeBatch, makeWorld, recordingLander, runnerIn, succeeded } from './runnerFakes';

const haiku = DEFAULT_MODELS['claude-haiku-4-5'];
/** A review of three files whose batch has ended, results not yet landed. */
const ended = (overrides: Partial<BatchJob> = {}): BatchJob => makeJob({ phase: 'ended', counts: counts({ done: 3, succeeded: 3 }), polls: 4, ...overrides });
const job = makeJob();
const [a, b, c] = job.items.map((i) => i.customId);
const allSucceeded = () => [succeeded(a, 1_000, 100), succeeded(b, 2_000, 200), succeeded(c, 3_000, 300)];
const idsOf = (records: readonly { id: string }[]) => records.map((r) => r.id).sort();
const expectedIds = (j: BatchJob = job) => j.items.map((i) => batchRecordId(j.id, i.customId)).sort();
/** The wait after a first failed poll: 30 s, shortened by the jitter (at most 10%). */
const isFirstRetry = (delays: number[]) => delays.length === 1 && delays[0] <= POLL_ERROR_BACKOFF.firstMs && delays[0] >= POLL_ERROR_BACKOFF.firstMs * 0.9;

describe('BatchRunner: polling', () => {
  it('landing: polls a running job with backoff, then lands it once it ends: each answer in the ledger at the batch rate', async () => {
    const world = makeWorld(job);
    const runner = runnerIn(world);
    const polled = await runner.poll(job.id);
    assert.equal(polled?.phase, 'running');
    assert.equal(world.store.get(job.id)?.polls, 1);
    assert.deepEqual(world.timers.delays(), [nextPollDelayMs(1, `${job.id}/session-1`)], 'the next poll after the backoff, jittered for this window');

    world.batch.status_ = { phase: 'ended', counts: counts({ done: 3, succeeded: 3 }) };
    world.batch.results_ = allSucceeded();
    world.timers.fireAll();
    const done = await runner.poll(job.id); // the poll the timer started
    assert.equal(done?.landed, true);
    assert.deepEqual(done.outcomes?.map((o) => o.kind), ['succeeded', 'succeeded', 'succeeded']);
    assert.deepEqual(idsOf(world.ledger.records), expectedIds());
    for (const record of world.ledger.records) {
      assert.equal(record.batch, true);
      assert.equal(record.session, 'session-1');
      assert.equal(record.costMicroUsd, costMicroUsd(record.usage, haiku.prices, { batch: true }));
    }
    assert.equal(world.told.length, 1, 'the user is told once');
    assert.deepEqual(world.timers.delays(), [], 'nothing left to poll');
  });

  it('polled many times, one after another and at once: each result is recorded once and the job lands once', async () => {
    const world = makeWorld(ended());
    world.batch.results_ = allSucceeded();
    const runner = runnerIn(world);
    for (let i = 0; i < 5; i++) await runner.poll(job.id);
    await Promise.all(Array.from({ length: 5 }, () => runner.poll(job.id)));
    assert.deepEqual(idsOf(world.ledger.records), expectedIds());
    assert.equal(world.landers.review.landings.length, 1);
    assert.equal(world.told.length, 1);
    assert.equal(world.batch.calls.filter((call) => call.startsWith('results')).length, 1, 'results fetched once');
  });

  it('runs one poll at a time per job: a second call while one is in flight waits for it', async () => {
    const world = makeWorld(job);
    const runner = runnerIn(world);
    const [first, second] = await Promise.all([runner.poll(job.id), runner.poll(job.id)]);
    assert.equal(first, second);
    assert.equal(world.batch.calls.length, 1);
    assert.equal(world.store.get(job.id)?.polls, 1);
  });

  it('prices the results of a model removed from the catalog since the job was sent from the prices the job kept', async () => {
    const prices = { ...haiku.prices, input: 3_000_000, output: 15_000_000 };
    const gone = ended({ model: 'claude-removed-1', prices });
    const world = makeWorld(gone);
    world.batch.results_ = allSucceeded();
    await runnerIn(world).poll(gone.id);
    assert.equal(world.ledger.records.length, 3);
    for (const record of world.ledger.records) {
      assert.equal(record.model, 'claude-removed-1');
      assert.equal(record.costMicroUsd, costMicroUsd(record.usage, prices, { batch: true }));
    }
  });

  it('tries a failed poll again in about 30 s, and lands nothing meanwhile', async () => {
    const world = makeWorld(job);
    world.batch.failNext = true;
    const runner = runnerIn(world);
    const after = await runner.poll(job.id);
    assert.equal(after?.phase, 'running');
    assert.ok(isFirstRetry(world.timers.delays()), String(world.timers.delays()));
    assert.match(world.logs.join('\n'), /polling failed \(connect ECONNREFUSED\); trying again in (2[7-9]|30) s/);
    assert.equal(world.ledger.records.length, 0);
  });

  it('never moves a job back: another window\'s stale "running" arriving after the job ended leaves it ended and landed once', async () => {
    const world = makeWorld(job);
    world.batch.status_ = { phase: 'ended', counts: counts({ done: 3, succeeded: 3 }) };
    world.batch.results_ = allSucceeded();
    const stale = new FakeBatch(); // still says running
    const here = runnerIn(world, 'session-1');
    const there = runnerIn(world, 'session-2', { client: async () => stale });
    await Promise.all([there.poll(job.id), here.poll(job.id)]);
    const stored = world.store.get(job.id);
    assert.equal(stored?.phase, 'ended');
    assert.equal(stored.landed, true);
    await there.poll(job.id);
    assert.equal(world.store.get(job.id)?.landed, true);
    assert.deepEqual(idsOf(world.ledger.records), expectedIds());
  });

  it('does not bring back a job the user removed while its poll was in flight', async () => {
    const world = makeWorld(job);
    const runner = runnerIn(world);
    const polling = runner.poll(job.id);
    world.store.jobs.delete(job.id);
    assert.equal(await polling, undefined);
    assert.equal(world.store.all().length, 0);
    assert.deepEqual(world.timers.delays(), []);
  });

  it('cancel asks the provider, keeps the job as cancelling and polls it at once', async () => {
    const world = makeWorld(job);
    const runner = runnerIn(world);
    const next = await runner.cancel(job.id);
    assert.equal(next?.phase, 'cancelling');
    assert.deepEqual(world.batch.calls, [`cancel ${job.batchId}`]);
    assert.equal(world.store.get(job.id)?.phase, 'cancelling');
    assert.deepEqual(world.timers.delays(), [0]);
  });

  it('after dispose, no timer is left and a poll ending later schedules none', async () => {
    const world = makeWorld(job);
    const runner = runnerIn(world);
    runner.schedule(job, 5_000);
    const polling = runner.poll(job.id);
    runner.dispose();
    await polling;
    assert.deepEqual(world.timers.delays(), []);
  });
});

describe('BatchRunner: each result recorded once, whatever happens', () => {
  it('re-landing: a landing that dies before the job is marked landed: the next poll lands it and records nothing again', async () => {
    const world = makeWorld(ended());
    world.batch.results_ = allSucceeded();
    world.store.failPut = (j) => j.landed;
    const runner = runnerIn(world);
    await runner.poll(job.id);
    assert.equal(world.store.get(job.id)?.landed, false);
    assert.deepEqual(idsOf(world.ledger.records), expectedIds(), 'recorded before landing: billed money is never lost');
    assert.ok(isFirstRetry(world.timers.delays()), String(world.timers.delays()));
    assert.ok(!world.batch.calls.some((call) => call.startsWith('delete')), 'nothing deleted at the provider while the results may be needed again');

    world.store.failPut = undefined;
    for (let i = 0; i < 3; i++) await runner.poll(job.id);
    assert.equal(world.store.get(job.id)?.landed, true);
    assert.deepEqual(idsOf(world.ledger.records), expectedIds());
    assert.equal(world.ledger.offered, 6, 'offered again once, refused by the ledger');
    assert.equal(world.told.length, 1);
  });

  it('re-landing across a reload: a new runner over the same store and ledger lands the job; what the old window recorded counts once', async () => {
    const world = makeWorld(ended());
    world.batch.results_ = allSucceeded();
    world.store.failPut = (j) => j.landed; // the window closes mid-landing
    const before = runnerIn(world, 'session-1');
    await before.poll(job.id);
    before.dispose();
    world.store.failPut = undefined;

    const after = runnerIn(world, 'session-2');
    after.resume();
    assert.deepEqual(world.timers.delays(), [0], 'the job is due at once');
    world.timers.fireAll();
    const done = await after.poll(job.id);
    assert.equal(done?.landed, true);
    assert.deepEqual(idsOf(world.ledger.records), expectedIds());
    assert.deepEqual(world.ledger.records.map((r) => r.session), ['session-1', 'session-1', 'session-1'], 'still the first window\'s records');

    const again = runnerIn(world, 'session-3');
    again.resume();
    assert.deepEqual(world.timers.delays(), [], 'a landed job is not picked up again');
    assert.equal(world.told.length, 1);
  });

  it('two windows polling the same job at once: each result is recorded once and the job ends landed', async () => {
    const world = makeWorld(job);
    world.batch.status_ = { phase: 'ended', counts: counts({ done: 3, succeeded: 3 }) };
    world.batch.results_ = allSucceeded();
    const windows = [runnerIn(world, 'session-1'), runnerIn(world, 'session-2')];
    await Promise.all(windows.flatMap((w) => [w.poll(job.id), w.poll(job.id)]));
    await Promise.all(windows.map((w) => w.poll(job.id)));
    assert.deepEqual(idsOf(world.ledger.records), expectedIds());
    assert.equal(world.store.get(job.id)?.landed, true);
  });

  it('a lander that throws: its answers end as errored with the reason, the job lands, later polls record and land nothing again', async () => {
    const world = makeWorld(ended());
    world.batch.results_ = allSucceeded();
    let landings = 0;
    world.landers.review = Object.assign(async () => {
      landings++;
      throw new Error('Unable to read file (EntryNotFound)');
    }, { landings: [] });
    const runner = runnerIn(world);
    for (let i = 0; i < 4; i++) await runner.poll(job.id);
    const done = world.store.get(job.id);
    assert.equal(done?.landed, true);
    assert.deepEqual(done.outcomes?.map((o) => [o.kind, o.reason]), Array.from({ length: 3 }, () => ['errored', 'the result could not be shown (Unable to read file (EntryNotFound)); review it again']));
    assert.equal(landings, 1);
    assert.deepEqual(idsOf(world.ledger.records), expectedIds());
    assert.equal(world.told.length, 1);
  });
});

describe('BatchRunner: outcomes', () => {
  it('one per file in the job\'s order: the lander\'s for answers, the provider\'s reason for the rest; strays are logged, never landed', async () => {
    const four = makeJob({ phase: 'ended', items: [...job.items, { customId: 'f0003-src-late-ts', path: 'src/late.ts', uri: 'file:///work/app/src/late.ts' }] });
    const world = makeWorld(four);
    world.batch.results_ = [
      { customId: 'f0003-src-late-ts', kind: 'expired', reason: 'The batch expired.' },
      succeeded(c),
      { customId: b, kind: 'errored', reason: 'overloaded_error: Overloaded' },
      succeeded('f0099-stray'),
      succeeded(c),
    ];
    world.landers.review = recordingLander((answer) => ({ customId: answer.item.customId, kind: 'errored', reason: 'the answer was not valid findings (no findings array)' }));
    await runnerIn(world).poll(four.id);
    const done = world.store.get(four.id);
    assert.deepEqual(done?.outcomes, [
      { customId: a, kind: 'errored', reason: 'no result returned' },
      { customId: b, kind: 'errored', reason: 'overloaded_error: Overloaded' },
      { customId: c, kind: 'errored', reason: 'the answer was not valid findings (no findings array)' },
      { customId: 'f0003-src-late-ts', kind: 'expired', reason: 'The batch expired.' },
    ]);
    assert.deepEqual(world.landers.review.landings.map((l) => l.map((x) => x.item.customId)), [[c]], 'only answers reach the lander');
    assert.deepEqual(idsOf(world.ledger.records), [batchRecordId(four.id, c)], 'only answered requests are billed');
    assert.match(world.logs.join('\n'), /unknown request \(f0099-stray\) was ignored/);
    assert.match(world.logs.join('\n'), new RegExp(`a second result for ${c} was ignored`));
  });

  it('a failed batch: every file errored with the batch\'s reason, nothing recorded, and the job lands', async () => {
    const world = makeWorld(job);
    world.batch.status_ = { phase: 'failed', counts: counts({}), message: 'The input file could not be parsed.' };
    const done = await runnerIn(world).poll(job.id);
    assert.equal(done?.landed, true);
    assert.deepEqual(done.outcomes?.map((o) => o.reason), Array.from({ length: 3 }, () => 'The input file could not be parsed.'));
    assert.equal(world.ledger.records.length, 0);
    assert.deepEqual(world.batch.calls, [`status ${job.batchId}`, `delete ${job.batchId}`], 'a failed batch has no results to fetch; its upload is deleted');
  });
});

describe('BatchRunner: files deleted, renamed, changed or closed before the job landed', () => {
  // The workspace as the lander finds it: uri → text; a fingerprint is the text itself here.
  const sent: Record<string, string> = { 'src/gone.ts': 'const gone = 1;\n', 'src/old-name.ts': 'const moved = 2;\n', 'src/edited.ts': 'const edited = 3;\n', 'src/closed.ts': 'const closed = 4;\n' };
  const items = makeItems(Object.keys(sent)).map((i) => ({ ...i, sentHash: sent[i.path] }));
  const bulkEdit = makeJob({ id: 'job-b210', kind: 'bulkEdit', provider: 'openai', model: 'gpt-5.4-mini', phase: 'ended', items, title: 'Bulk edit: rename (4 files)' });
  const workspace = new Map<string, string>([
    // src/gone.ts deleted; src/old-name.ts renamed: the new name holds its text, the old one nothing.
    ['file:///work/app/src/new-name.ts', sent['src/old-name.ts']],
    ['file:///work/app/src/edited.ts', 'const edited = 30;\n'],
    // Never opened in an editor: read from disk like any other.
    ['file:///work/app/src/closed.ts', sent['src/closed.ts']],
  ]);
  const landedOn: string[] = [];
  const lander: Lander = async (job, answers) => answers.map(({ item }) => {
    const text = workspace.get(item.uri);
    const problem = sentFileProblem(job.kind, item, text === undefined ? { kind: 'missing' } : { kind: 'read', fingerprint: text });
    if (problem) return { customId: item.customId, kind: 'errored', reason: problem };
    landedOn.push(item.path);
    return { customId: item.customId, kind: 'succeeded' };
  });

  it('a file gone: each such file errored with what to do, the rest landed, every answer recorded once however often polled', async () => {
    const world = makeWorld(bulkEdit);
    world.batch.results_ = items.map((i) => succeeded(i.customId));
    const runner = runnerIn(world, 'session-1', { landers: { ...world.landers, bulkEdit: lander } });
    for (let i = 0; i < 5; i++) await runner.poll(bulkEdit.id);
    await runnerIn(world, 'session-2', { landers: { ...world.landers, bulkEdit: lander } }).poll(bulkEdit.id);

    const done = world.store.get(bulkEdit.id);
    assert.equal(done?.landed, true);
    assert.deepEqual(done.outcomes?.map((o) => [items.find((i) => i.customId === o.customId)?.path, o.kind, o.reason]), [
      ['src/gone.ts', 'errored', 'the file was deleted or moved after it was sent; run the edit again for it'],
      ['src/old-name.ts', 'errored', 'the file was deleted or moved after it was sent; run the edit again for it'],
      ['src/edited.ts', 'errored', 'the file changed after it was sent; run the edit again for it'],
      ['src/closed.ts', 'succeeded', undefined],
    ]);
    assert.deepEqual(landedOn, ['src/closed.ts'], 'landed once');
    // Every request was answered and billed, whether or not its file could take the answer.
    assert.deepEqual(idsOf(world.ledger.records), expectedIds(bulkEdit));
    assert.ok(world.ledger.records.every((r) => r.task === 'editSelection' && r.model === 'gpt-5.4-mini'));
    assert.equal(world.told.length, 1);
    assert.match(world.logs.join('\n'), /src\/gone\.ts errored: the file was deleted or moved after it was sent/);
  });
});
