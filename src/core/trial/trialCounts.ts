import type { LedgerRecord, TrialArm } from '../ledger/record';
import type { TaskKind } from '../models/tasks';
import type { RoutingTrial } from './routingTrial';

export type ArmCounts = Readonly<Record<TrialArm, number>>;

/** Calls so far per task and arm of one trial (batch calls never carry a trial tag), in the trial's task order. */
export function trialCallCounts(records: readonly LedgerRecord[], trial: RoutingTrial): ReadonlyMap<TaskKind, ArmCounts> {
  const counts = new Map<TaskKind, { routed: number; trial: number }>(trial.tasks.map((task) => [task, { routed: 0, trial: 0 }]));
  for (const record of records) {
    if (record.trial?.id !== trial.id) continue;
    const ofTask = counts.get(record.task);
    if (ofTask) ofTask[record.trial.arm]++;
  }
  return counts;
}
