import assert from 'node:assert/strict';
import { nextPollDelayMs } from '../../../../src/core/batch/backoff';
import type { BatchJob, JobPhase } from '../../../../src/core/batch/job';
import { isActive, landed, observed, progressLabel, submitFailed, submitted } from '../../../../src/core/batch/jobState';
import { counts, makeJob } from './fixtures';

const NOW = new Date('2025-03-04T09:00:30.000Z');
const at = (ms: number): string => new Date(NOW.getTime() + ms).toISOString();
const frozen = (job: BatchJob): BatchJob => Object.freeze({ ...job });

describe('submitted / submitFailed', () => {
  const fresh = frozen(makeJob({ phase: 'submitting', batchId: undefined }));

  it('starts polling the provider\'s batch, first after the shortest wait', () => {
    const job = submitted(fresh, 'msgbatch_01', NOW);
    assert.equal(job.phase, 'running');
    assert.equal(job.batchId, 'msgbatch_01');
    assert.equal(job.polls, 0);
    assert.equal(job.nextPollAt, at(nextPollDelayMs(0, fresh.id)));
    assert.equal(fresh.phase, 'submitting');
  });

  it('refuses to submit a job twice', () => {
    assert.throws(() => submitted(makeJob(), 'msgbatch_02', NOW), /already running/);
  });

  it('fails a job whose upload was refused, with nothing left to poll', () => {
    const job = submitFailed(fresh, 'The file is over 200 MB.');
    assert.equal(job.phase, 'failed');
    assert.equal(job.message, 'The file is over 200 MB.');
    assert.equal(isActive(job), false);
    assert.throws(() => submitFailed(makeJob(), 'late'), /running, not submitting/);
  });
});

describe('observed', () => {
  const job = frozen(makeJob({ polls: 4, nextPollAt: '2025-03-04T09:00:00.000Z', message: 'in_progress' }));

  it('records progress, counts the poll and schedules the next one from the backoff', () => {
    const next = observed(job, { phase: 'running', counts: counts({ done: 2, succeeded: 2 }) }, NOW);
    assert.deepEqual(next.counts, counts({ done: 2, succeeded: 2 }));
    assert.equal(next.polls, 5);
    assert.equal(next.nextPollAt, at(nextPollDelayMs(5, job.id)));
    assert.equal('message' in next, false, 'an old message does not outlive its status');
    assert.equal(job.polls, 4);
  });

  it('seeds the jitter with what the caller passes (a window id), else the job id', () => {
    const status = { phase: 'running', counts: counts({}) } as const;
    assert.equal(observed(job, status, NOW, `${job.id}/window-2`).nextPollAt, at(nextPollDelayMs(5, `${job.id}/window-2`)));
    assert.notEqual(observed(job, status, NOW, `${job.id}/window-2`).nextPollAt, observed(job, status, NOW).nextPollAt);
  });

  it('keeps an ended job active, with a poll scheduled, until its results land', () => {
    const next = observed(job, { phase: 'ended', counts: counts({ done: 3, succeeded: 3 }), message: 'ended' }, NOW);
    assert.equal(next.phase, 'ended');
    assert.equal(next.message, 'ended');
    assert.equal(isActive(next), true);
    assert.equal(next.nextPollAt, at(nextPollDelayMs(5, job.id)));
  });

  it('stops polling a batch that failed', () => {
    const next = observed(job, { phase: 'failed', counts: counts({}), message: 'input file invalid' }, NOW);
    assert.equal(next.phase, 'failed');
    assert.equal(next.nextPollAt, undefined);
    assert.equal(isActive(next), false);
  });

  it('ignores a stale answer that would move a finished job back, and any answer after landing', () => {
    const ended = observed(job, { phase: 'ended', counts: counts({ done: 3, succeeded: 3 }) }, NOW);
    assert.equal(observed(ended, { phase: 'running', counts: counts({ done: 1 }) }, NOW), ended);
    const done = landed(ended, []);
    assert.equal(observed(done, { phase: 'ended', counts: counts({ done: 3 }) }, NOW), done);
  });

  it('follows a cancel through cancelling to cancelled', () => {
    const cancelling = observed(job, { phase: 'cancelling', counts: counts({ done: 1, succeeded: 1 }) }, NOW);
    const cancelled = observed(cancelling, { phase: 'cancelled', counts: counts({ done: 3, succeeded: 1, cancelled: 2 }) }, NOW);
    assert.deepEqual([cancelling.phase, cancelled.phase, cancelled.polls], ['cancelling', 'cancelled', 6]);
    assert.equal(isActive(cancelled), true, 'what finished before the cancel still lands');
  });
});

describe('landed', () => {
  const ended = frozen(makeJob({ phase: 'ended', counts: counts({ done: 3, succeeded: 3 }), nextPollAt: '2025-03-04T09:01:00.000Z' }));
  const outcomes = ended.items.map((i) => ({ customId: i.customId, kind: 'succeeded' as const }));

  it('marks the results landed so that a later session does not land them again', () => {
    const job = landed(ended, outcomes);
    assert.equal(job.landed, true);
    assert.deepEqual(job.outcomes, outcomes);
    assert.equal('nextPollAt' in job, false);
    assert.equal(isActive(job), false);
    assert.equal(ended.landed, false);
  });

  it('refuses to land a job still running', () => {
    assert.throws(() => landed(makeJob(), outcomes), /running: its results cannot land yet/);
  });
});

describe('isActive', () => {
  const cases: readonly [JobPhase, boolean, boolean][] = [
    ['submitting', false, true], ['running', false, true], ['cancelling', false, true],
    ['ended', false, true], ['cancelled', false, true], ['expired', false, true], ['failed', false, false],
    ['ended', true, false], ['cancelled', true, false], ['expired', true, false], ['failed', true, false],
  ];
  for (const [phase, wasLanded, active] of cases) {
    it(`is ${active} for ${phase}${wasLanded ? ', landed' : ''}`, () => {
      assert.equal(isActive(makeJob({ phase, landed: wasLanded })), active);
    });
  }
});

describe('progressLabel', () => {
  const twelve = (c: Partial<ReturnType<typeof counts>>) => counts({ total: 12, ...c });
  const cases: readonly [string, Partial<BatchJob>, string][] = [
    ['submitting', { phase: 'submitting', counts: undefined }, 'submitting 3 files'],
    ['running, nothing reported yet', { phase: 'running' }, '0 of 3 done'],
    ['running', { phase: 'running', counts: twelve({ done: 7, succeeded: 7 }) }, '7 of 12 done'],
    ['cancelling', { phase: 'cancelling', counts: twelve({ done: 4 }) }, 'cancelling (4 of 12 done)'],
    ['ended with problems', { phase: 'ended', counts: twelve({ done: 12, succeeded: 10, errored: 1, expired: 1 }) }, 'ended: 10 succeeded, 1 errored, 1 expired'],
    ['ended cleanly', { phase: 'ended', counts: twelve({ done: 12, succeeded: 12 }) }, 'ended: 12 succeeded'],
    ['cancelled before anything ran', { phase: 'cancelled', counts: twelve({ done: 12, cancelled: 12 }) }, 'cancelled'],
    ['cancelled after some ran', { phase: 'cancelled', counts: twelve({ done: 12, succeeded: 5, cancelled: 7 }) }, 'cancelled: 5 succeeded, 7 cancelled'],
    ['expired', { phase: 'expired', counts: twelve({ done: 12, succeeded: 3, expired: 9 }) }, 'expired: 3 succeeded, 9 expired'],
    ['failed with a reason', { phase: 'failed', message: 'input file invalid' }, 'failed: input file invalid'],
    ['failed', { phase: 'failed' }, 'failed'],
  ];
  for (const [what, overrides, label] of cases) {
    it(`reads "${label}" when ${what}`, () => assert.equal(progressLabel(makeJob(overrides)), label));
  }

  it('says "file" for one file', () => {
    assert.equal(progressLabel(makeJob({ phase: 'submitting', items: makeJob().items.slice(0, 1) })), 'submitting 1 file');
  });
});
