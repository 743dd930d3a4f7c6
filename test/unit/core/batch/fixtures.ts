import type { BatchJob, JobCounts, JobItem } from '../../../../src/core/batch/job';

export const CREATED = '2025-03-04T09:00:00.000Z';

export function makeItems(paths: readonly string[]): JobItem[] {
  return paths.map((path, i) => ({ customId: `f${String(i).padStart(4, '0')}-${path.replace(/[^A-Za-z0-9]+/g, '-')}`, path, uri: `file:///work/app/${path}` }));
}

/** A folder review of three files, submitted and running; tests override what they care about. */
export function makeJob(overrides: Partial<BatchJob> = {}): BatchJob {
  return {
    v: 1,
    id: 'job-7f3a',
    kind: 'review',
    provider: 'anthropic',
    model: 'claude-haiku-4-5',
    title: 'Review src/ (3 files)',
    createdAt: CREATED,
    batchId: 'msgbatch_013Zva2CMHLNnXjNJJKqJ2EF',
    phase: 'running',
    items: makeItems(['src/app.ts', 'src/db/query.ts', 'src/util/strings.ts']),
    estimate: { batchMicroUsd: 3_457, interactiveMicroUsd: 6_914 },
    polls: 0,
    landed: false,
    ...overrides,
  };
}

export function counts(c: Partial<JobCounts>): JobCounts {
  return { total: 3, done: 0, succeeded: 0, errored: 0, expired: 0, cancelled: 0, ...c };
}
