import type { RoutingTable } from '../models/modelTable';
import { isTaskKind, TASK_KINDS, type TaskKind } from '../models/tasks';
import { TRIAL_DAYS, TRIAL_SHARE } from './routingTrial';

/** What starting a trial needs: the tasks, the share (a fraction) and the length in days. */
export interface TrialStartOptions {
  readonly tasks: readonly TaskKind[];
  readonly share: number;
  readonly days: number;
}

const MIN_PERCENT = Math.round(TRIAL_SHARE.min * 100);
const MAX_PERCENT = Math.round(TRIAL_SHARE.max * 100);

/** The share box's text ("20" or "20%") as a whole percent, or what is wrong with it. */
export function sharePercentProblem(text: string): string | undefined {
  const percent = wholeNumber(text.trim().replace(/%$/, ''));
  if (percent === undefined || percent < MIN_PERCENT || percent > MAX_PERCENT) {
    return `Enter a whole percent from ${MIN_PERCENT} to ${MAX_PERCENT}: the share of calls sent to the other model.`;
  }
  return undefined;
}

export function daysProblem(text: string): string | undefined {
  const days = wholeNumber(text.trim());
  if (days === undefined || days < TRIAL_DAYS.min || days > TRIAL_DAYS.max) return `Enter a whole number of days from ${TRIAL_DAYS.min} to ${TRIAL_DAYS.max}.`;
  return undefined;
}

/** Call only with text that passed sharePercentProblem / daysProblem. */
export function shareFromText(text: string): number {
  return Number(text.trim().replace(/%$/, '')) / 100;
}

export function daysFromText(text: string): number {
  return Number(text.trim());
}

/** The tasks a trial may cover: those the user has not pinned in tandem.routing. */
export function trialableTasks(routes: RoutingTable): TaskKind[] {
  return TASK_KINDS.filter((task) => !routes[task].pinned);
}

/**
 * `tandem.startRoutingTrial`'s arguments for scripts and tests, `{ tasks, share, days }` with the share in whole
 * percent, checked as the boxes check what a user types. Says what is wrong, naming the argument.
 */
export function parseStartArgs(raw: unknown, routes: RoutingTable): TrialStartOptions | { readonly problem: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problem: 'the arguments must be an object { tasks, share, days }' };
  const { tasks, share, days } = raw as Record<string, unknown>;
  if (!Array.isArray(tasks) || tasks.length === 0) return { problem: `"tasks" must be a non-empty list of tasks (known: ${TASK_KINDS.join(', ')})` };
  const unknown = tasks.filter((t) => !isTaskKind(t));
  if (unknown.length > 0) return { problem: `"tasks": ${unknown.map((t) => JSON.stringify(t)).join(', ')} is not a task (known: ${TASK_KINDS.join(', ')})` };
  const pinned = (tasks as TaskKind[]).filter((t) => routes[t].pinned);
  if (pinned.length > 0) return { problem: `"tasks": ${pinned.join(', ')} ${pinned.length === 1 ? 'is' : 'are'} pinned in tandem.routing, and a trial never moves a pinned task` };
  // A string or a fraction is refused as a user's typing would be.
  const shareProblem = sharePercentProblem(typeof share === 'number' ? String(share) : '');
  if (shareProblem) return { problem: `"share": ${shareProblem}` };
  const dayProblem = daysProblem(typeof days === 'number' ? String(days) : '');
  if (dayProblem) return { problem: `"days": ${dayProblem}` };
  return { tasks: [...new Set(tasks as TaskKind[])], share: (share as number) / 100, days: days as number };
}

function wholeNumber(text: string): number | undefined {
  return /^\d{1,3}$/.test(text) ? Number(text) : undefined;
}
