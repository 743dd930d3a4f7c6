import assert from 'node:assert/strict';
import type { BatchJob } from '../../../../src/core/batch/job';
import { POLL_ERROR_BACKOFF, TELL_AFTER_FAILURES } from '../../../../src/core/batch/pollFailures';
import { counts, makeJob } from './fixtures';
import { makeWorld, runnerIn, succeeded } from './runnerFakes';

const job = makeJob();
const ended = (): BatchJob => makeJob({ phase: 'ended', counts: counts({ done: 3, succeeded: 3 }), polls: 4 });
const deletes = (calls: readonly string[]) => calls.filter((call) => call.startsWith('delete'));

describe('BatchRunner: what a landed job leaves at the provider', () => {
  it('once the job is stored as landed, deletes what it left at the provider, once however often it is polled', async () => {
    const world = makeWorld(ended());
    world.batch.results_ = job.items.map((i) => succeeded(i.customId));
    const runner = runnerIn(world);
    await runner.poll(job.id);
    assert.equal(world.store.get(job.id)?.landed, true);
    assert.deepEqual(world.batch.calls, [`results ${job.batchId}`, `delete ${job.batchId}`], 'deleted after the results were fetched and landed');
    for (let i = 0; i < 3; i++) await runner.poll(job.id);
    assert.deepEqual(deletes(world.batch.calls), [`delete ${job.batchId}`]);
    assert.match(world.logs.join('\n'), /deleted its files at the provider/);
  });

  it('a delete that fails is logged and changes nothing: the job has landed, the user was told, no poll is left', async () => {
    const world = makeWorld(ended());
    world.batch.results_ = job.items.map((i) => succeeded(i.customId));
    world.batch.failDelete = true;
    const done = await runnerIn(world).poll(job.id);
    assert.equal(done?.landed, true);
    assert.equal(world.told.length, 1);
    assert.equal(world.ledger.records.length, 3);
    assert.deepEqual(world.timers.delays(), []);
    assert.match(world.logs.join('\n'), /warn batch job job-7f3a: could not delete its files at the provider \(403 the key may not delete files\); they stay in the account until deleted there\./);
  });
});

describe('BatchRunner: polls that keep failing', () => {
  it('waits longer after each failure in a row, up to 15 minutes', async () => {
    const world = makeWorld(job);
    world.batch.failing = true;
    const runner = runnerIn(world);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      await runner.poll(job.id);
      waits.push(...world.timers.delays());
    }
    const schedule = [30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000];
    waits.forEach((wait, i) => assert.ok(wait <= schedule[i] && wait >= schedule[i] * 0.9, `failure ${i + 1}: ${wait} ms, expected about ${schedule[i]} ms`));
    assert.equal(Math.max(...waits) <= POLL_ERROR_BACKOFF.maxMs, true);
    assert.equal(world.store.get(job.id)?.phase, 'running', 'the job is kept, never given up');
  });

  it('tells the user once per job after several failures in a row: what failed, that Tandem keeps trying, how to stop it', async () => {
    const world = makeWorld(job);
    world.batch.failing = true;
    const runner = runnerIn(world);
    for (let i = 1; i < TELL_AFTER_FAILURES; i++) await runner.poll(job.id);
    assert.deepEqual(world.troubles, [], 'a few failures pass silently: a network blip is not news');
    await runner.poll(job.id);
    assert.equal(world.troubles.length, 1);
    assert.match(world.troubles[0], /^Tandem: checking the batch job "Review src\/ \(3 files\)" has failed 4 times in a row \(connect ECONNREFUSED\)\. Tandem keeps trying, less and less often \(next in about [34] min\), and the results land once it gets through\. To stop, run Tandem: Show Batch Jobs and cancel the job, or remove it from the list\.$/);
    for (let i = 0; i < 10; i++) await runner.poll(job.id);
    assert.equal(world.troubles.length, 1, 'once per job');
  });

  it('says in the log when polling works again, and polls on the normal schedule after', async () => {
    const world = makeWorld(job);
    world.batch.failing = true;
    const runner = runnerIn(world);
    for (let i = 0; i < 5; i++) await runner.poll(job.id);
    world.batch.failing = false;
    await runner.poll(job.id);
    assert.match(world.logs.join('\n'), /info batch job job-7f3a: polling works again after 5 failed tries\./);
    const [next] = world.timers.delays();
    assert.ok(next < POLL_ERROR_BACKOFF.firstMs, `back on the poll backoff (${next} ms), not the failure backoff`);

    // A new failure starts a new count at 30 s.
    world.batch.failNext = true;
    await runner.poll(job.id);
    const [retry] = world.timers.delays();
    assert.ok(retry <= POLL_ERROR_BACKOFF.firstMs && retry >= POLL_ERROR_BACKOFF.firstMs * 0.9, String(retry));
  });

  it('each job has its own count and its own notice', async () => {
    const other = makeJob({ id: 'job-8b2c', title: 'Bulk edit: add JSDoc (2 files)', batchId: 'batch_2' });
    const world = makeWorld(job, other);
    world.batch.failing = true;
    const runner = runnerIn(world);
    for (let i = 0; i < TELL_AFTER_FAILURES; i++) await Promise.all([runner.poll(job.id), runner.poll(other.id)]);
    assert.equal(world.troubles.length, 2);
    assert.ok(world.troubles.some((m) => m.includes('Review src/')) && world.troubles.some((m) => m.includes('Bulk edit: add JSDoc')));
  });
});
