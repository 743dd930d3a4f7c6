import assert from 'node:assert/strict';
import { parseJobs, type BatchJob } from '../../../../src/core/batch/job';
import { counts, makeItems, makeJob } from './fixtures';

const running = makeJob();
const bulkEdit = makeJob({
  id: 'job-b210',
  kind: 'bulkEdit',
  provider: 'openai',
  model: 'gpt-5.4-mini',
  title: 'Bulk edit: add JSDoc (2 files)',
  phase: 'submitting',
  batchId: undefined,
  items: makeItems(['lib/a.ts', 'lib/b.ts']).map((item, i) => ({ ...item, sentHash: `v${i + 1}:9f2c` })),
  instruction: 'Add JSDoc to every exported function.',
});
const landed = makeJob({
  id: 'job-c0de',
  phase: 'ended',
  counts: counts({ done: 3, succeeded: 2, errored: 1 }),
  polls: 14,
  landed: true,
  outcomes: [
    { customId: 'f0000-src-app-ts', kind: 'succeeded' },
    { customId: 'f0001-src-db-query-ts', kind: 'succeeded' },
    { customId: 'f0002-src-util-strings-ts', kind: 'errored', reason: 'overloaded_error' },
  ],
  message: 'done',
  nextPollAt: '2025-03-04T09:20:00.000Z',
});

/** Stored as the Memento stores it: through JSON. */
const stored = (jobs: readonly unknown[]): unknown => JSON.parse(JSON.stringify(jobs));

describe('parseJobs', () => {
  it('round-trips jobs of every kind and phase through JSON unchanged', () => {
    const { jobs, problems } = parseJobs(stored([running, bulkEdit, landed]));
    assert.deepEqual(problems, []);
    assert.deepEqual(jobs, JSON.parse(JSON.stringify([running, bulkEdit, landed])));
    assert.equal(jobs[1].items[0].sentHash, 'v1:9f2c');
    assert.equal(jobs[2].outcomes?.[2].reason, 'overloaded_error');
  });

  it('reads nothing stored yet as no jobs and no problem', () => {
    assert.deepEqual(parseJobs(undefined), { jobs: [], problems: [] });
    assert.deepEqual(parseJobs([]), { jobs: [], problems: [] });
  });

  it('loads nothing, with one problem, from a value that is not a list', () => {
    for (const value of [null, 'jobs', 42, { 0: running }]) {
      const { jobs, problems } = parseJobs(value);
      assert.deepEqual(jobs, []);
      assert.equal(problems.length, 1, String(value));
      assert.match(problems[0], /not a list/);
    }
  });

  const damaged: readonly [string, (j: Record<string, unknown>) => void, RegExp][] = [
    ['a future version', (j) => { j.v = 2; }, /unknown version 2/],
    ['no id', (j) => { delete j.id; }, /no id/],
    ['an unknown kind', (j) => { j.kind = 'summary'; }, /unknown kind "summary"/],
    ['an unknown provider', (j) => { j.provider = 'google'; }, /unknown provider "google"/],
    ['no model', (j) => { j.model = ''; }, /bad model ""/],
    ['a creation time that is no time', (j) => { j.createdAt = 'yesterday'; }, /bad createdAt/],
    ['an unknown phase', (j) => { j.phase = 'paused'; }, /unknown phase "paused"/],
    ['phase running but no provider batch id', (j) => { delete j.batchId; }, /phase "running" without a batchId/],
    ['no items', (j) => { j.items = []; }, /no items/],
    ['items that are not a list', (j) => { j.items = { a: 1 }; }, /no items/],
    ['an item without a uri', (j) => { j.items = [{ customId: 'f0000', path: 'a.ts' }]; }, /item f0000 has no path or uri/],
    ['an item that is not an object', (j) => { j.items = ['a.ts']; }, /item 0 is not an object/],
    ['a numeric sentHash', (j) => { j.items = [{ customId: 'f0000', path: 'a.ts', uri: 'file:///a.ts', sentHash: 7 }]; }, /bad sentHash/],
    ['two items with one custom id', (j) => { j.items = [...makeItems(['a.ts']), ...makeItems(['a.ts'])]; }, /custom id f0000-a-ts is used twice/],
    ['negative counts', (j) => { j.counts = counts({ done: -1 }); }, /bad counts/],
    ['fractional counts', (j) => { j.counts = counts({ done: 1.5 }); }, /bad counts/],
    ['an estimate in dollars as text', (j) => { j.estimate = { batchMicroUsd: '$0.01', interactiveMicroUsd: 20 }; }, /bad estimate/],
    ['no estimate', (j) => { delete j.estimate; }, /bad estimate/],
    ['a negative poll count', (j) => { j.polls = -1; }, /bad polls/],
    ['landed as text', (j) => { j.landed = 'no'; }, /bad landed/],
    ['an outcome of an unknown kind', (j) => { j.outcomes = [{ customId: 'f0000', kind: 'ok' }]; }, /bad outcomes/],
    ['a poll time that is no time', (j) => { j.nextPollAt = 'soon'; }, /bad nextPollAt/],
    ['a numeric instruction', (j) => { j.instruction = 3; }, /bad instruction/],
  ];

  for (const [what, damage, problem] of damaged) {
    it(`drops a job with ${what}, names it, and keeps the others`, () => {
      const bad = JSON.parse(JSON.stringify(makeJob({ id: 'job-bad' }))) as Record<string, unknown>;
      damage(bad);
      const { jobs, problems } = parseJobs(stored([running, bad, bulkEdit]));
      assert.deepEqual(jobs.map((j) => j.id), [running.id, bulkEdit.id]);
      assert.equal(problems.length, 1);
      assert.match(problems[0], bad.id === undefined ? /^batch job #2 dropped: / : /^batch job job-bad dropped: /);
      assert.match(problems[0], problem);
    });
  }

  it('accepts a job that failed or was cancelled before the provider gave it an id', () => {
    const failed = makeJob({ id: 'job-f', phase: 'failed', batchId: undefined, message: 'upload refused' });
    const cancelled = makeJob({ id: 'job-c', phase: 'cancelled', batchId: undefined });
    assert.deepEqual(parseJobs(stored([failed, cancelled])).problems, []);
  });

  it('keeps a job for a model the catalog no longer holds (the user added it, then removed it)', () => {
    const userModel = makeJob({ id: 'job-user-model', model: 'gpt-5.6' });
    const { jobs, problems } = parseJobs(stored([userModel]));
    assert.deepEqual(problems, []);
    assert.equal(jobs[0].model, 'gpt-5.6');
  });

  it('keeps the first of two jobs with the same id', () => {
    const copy: BatchJob = { ...running, title: 'the copy' };
    const { jobs, problems } = parseJobs(stored([running, copy]));
    assert.deepEqual(jobs.map((j) => j.title), [running.title]);
    assert.deepEqual(problems, [`batch job ${running.id} dropped: a second job with the same id`]);
  });

  it('drops entries that are not objects, by position', () => {
    const { jobs, problems } = parseJobs([null, 'job', [running], running]);
    assert.deepEqual(jobs.map((j) => j.id), [running.id]);
    assert.deepEqual(problems, [
      'batch job #1 dropped: not an object',
      'batch job #2 dropped: not an object',
      'batch job #3 dropped: not an object',
    ]);
  });

  it('never throws, even on values JSON could not hold', () => {
    const cyclic: Record<string, unknown> = { ...running };
    cyclic.kind = cyclic;
    const big = { ...running, id: 'job-big', v: BigInt(1) };
    const { jobs, problems } = parseJobs([cyclic, big, running]);
    assert.deepEqual(jobs.map((j) => j.id), [running.id]);
    assert.deepEqual(problems, [`batch job ${running.id} dropped: unknown kind an object`, 'batch job job-big dropped: unknown version 1']);
  });
});
