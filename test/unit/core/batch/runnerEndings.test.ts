import assert from 'node:assert/strict';
import { batchRecordId } from '../../../../src/core/batch/batchRecords';
import { counts, makeJob } from './fixtures';
import { makeWorld, runnerIn, succeeded } from './runnerFakes';

// Landing, re-landing and a file gone are in runner.test.ts; these are the two endings the user chooses or waits out.
const job = makeJob();
const [a, b, c] = job.items.map((i) => i.customId);

describe('BatchRunner: a job cancelled or expired', () => {
  it('cancel: a job cancelled part-way lands what finished; the rest end cancelled, billed for nothing; the user is told once', async () => {
    const world = makeWorld(job);
    const runner = runnerIn(world);
    await runner.cancel(job.id);
    assert.equal(world.store.get(job.id)?.phase, 'cancelling');

    world.batch.status_ = { phase: 'cancelled', counts: counts({ done: 3, succeeded: 1, cancelled: 2 }) };
    world.batch.results_ = [succeeded(a), { customId: b, kind: 'cancelled', reason: 'The batch was cancelled.' }, { customId: c, kind: 'cancelled', reason: 'The batch was cancelled.' }];
    world.timers.fireAll(); // the poll cancel scheduled at once
    const done = await runner.poll(job.id);

    assert.equal(done?.phase, 'cancelled');
    assert.equal(done.landed, true);
    assert.deepEqual(done.outcomes, [
      { customId: a, kind: 'succeeded' },
      { customId: b, kind: 'cancelled', reason: 'The batch was cancelled.' },
      { customId: c, kind: 'cancelled', reason: 'The batch was cancelled.' },
    ]);
    assert.deepEqual(world.landers.review.landings.map((l) => l.map((x) => x.item.customId)), [[a]], 'only the finished answer lands');
    assert.deepEqual(world.ledger.records.map((r) => r.id), [batchRecordId(job.id, a)], 'only the finished request is billed');
    assert.deepEqual(world.told.map((j) => j.phase), ['cancelled']);
    assert.deepEqual(world.timers.delays(), [], 'nothing left to poll');

    await runner.poll(job.id);
    assert.equal(world.landers.review.landings.length, 1, 'a later poll lands nothing again');
  });

  it('expiry: a batch that ran out its 24 hours lands what finished; the rest end expired with the provider\'s reason, billed for nothing', async () => {
    const world = makeWorld(job);
    world.batch.status_ = { phase: 'expired', counts: counts({ done: 3, succeeded: 2, expired: 1 }) };
    const expired = 'This request could not be processed before the batch expired.';
    world.batch.results_ = [succeeded(a), succeeded(b), { customId: c, kind: 'expired', reason: expired }];
    const runner = runnerIn(world);
    const done = await runner.poll(job.id);

    assert.equal(done?.phase, 'expired');
    assert.equal(done.landed, true);
    assert.deepEqual(done.outcomes?.map((o) => [o.customId, o.kind, o.reason]), [[a, 'succeeded', undefined], [b, 'succeeded', undefined], [c, 'expired', expired]]);
    assert.deepEqual(world.landers.review.landings.map((l) => l.map((x) => x.item.customId)), [[a, b]]);
    assert.deepEqual(world.ledger.records.map((r) => r.id).sort(), [batchRecordId(job.id, a), batchRecordId(job.id, b)].sort());
    assert.deepEqual(world.told.map((j) => j.phase), ['expired']);
    assert.deepEqual(world.batch.calls, [`status ${job.batchId}`, `results ${job.batchId}`, `delete ${job.batchId}`], 'results fetched once, then deleted at the provider');
    assert.deepEqual(world.timers.delays(), []);
  });
});
