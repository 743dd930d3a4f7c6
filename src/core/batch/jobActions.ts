import type { BatchJob } from './job';
import { isActive } from './jobState';

/** What the user can do with a job, from the jobs list or the Tandem view. */
export type JobAction = 'cancel' | 'refresh' | 'preview' | 'problems' | 'forget';

/**
 * The actions a job offers, in the order offered: a running one can be checked, cancelled or dropped; a
 * finished one shows its results again (a bulk edit only while this session still holds its edits).
 */
export function jobActions(job: BatchJob, editsHeld: boolean): JobAction[] {
  if (isActive(job)) return ['refresh', 'cancel', 'forget'];
  return [
    ...(job.kind === 'bulkEdit' && editsHeld ? ['preview' as const] : []),
    ...(job.kind === 'review' ? ['problems' as const] : []),
    'forget',
  ];
}
