import { isTaskKind, taskLabel, type TaskKind } from '../models/tasks';

/**
 * A routing trial: for a while, a share of the chosen tasks' calls goes to the other model, drawn at random per
 * call, so the report can compare the two models on the same kind of work (core/quality/analyzeRouting.ts).
 */
export interface RoutingTrial {
  /** Names the trial in the ledger (LedgerRecord.trial.id). */
  readonly id: string;
  readonly tasks: readonly TaskKind[];
  /** The fraction of calls sent to the other model, TRIAL_SHARE.min–max. */
  readonly share: number;
  /** ISO-8601. */
  readonly startedAt: string;
  readonly endsAt: string;
  /** Drawn at the start; it makes the id unique across windows and machines sharing a ledger. */
  readonly seed: number;
}

/** Above half, the trial would no longer be a trial of the other model but a new route; below 1% it never ends. */
export const TRIAL_SHARE = { min: 0.01, max: 0.5 } as const;
export const TRIAL_DAYS = { min: 1, max: 90 } as const;
export const DEFAULT_TRIAL_SHARE_PERCENT = 20;
export const DEFAULT_TRIAL_DAYS = 14;

const DAY_MS = 86_400_000;

export function newRoutingTrial(options: { tasks: readonly TaskKind[]; share: number; days: number; now: Date; seed: number }): RoutingTrial {
  const { tasks, share, days, now, seed } = options;
  return {
    id: `trial-${now.toISOString().slice(0, 10)}-${(seed >>> 0).toString(36)}`,
    tasks: [...new Set(tasks)],
    share,
    startedAt: now.toISOString(),
    endsAt: new Date(now.getTime() + days * DAY_MS).toISOString(),
    seed: seed >>> 0,
  };
}

export type ParsedTrial = { readonly trial: RoutingTrial } | { readonly problem: string };

/** A stored trial, checked: the stored state may be damaged or written by another version. */
export function parseRoutingTrial(raw: unknown): ParsedTrial {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problem: 'the stored routing trial is not an object' };
  const value = raw as Record<string, unknown>;
  const { id, tasks, share, startedAt, endsAt, seed } = value;
  if (typeof id !== 'string' || id.length === 0) return { problem: 'the stored routing trial has no id' };
  if (!Array.isArray(tasks) || tasks.length === 0 || !tasks.every(isTaskKind)) return { problem: `routing trial ${id}: its tasks are not a list of known tasks` };
  if (typeof share !== 'number' || !(share >= TRIAL_SHARE.min && share <= TRIAL_SHARE.max)) {
    return { problem: `routing trial ${id}: its share ${String(share)} is not between ${TRIAL_SHARE.min} and ${TRIAL_SHARE.max}` };
  }
  const started = typeof startedAt === 'string' ? Date.parse(startedAt) : NaN;
  const ends = typeof endsAt === 'string' ? Date.parse(endsAt) : NaN;
  if (!Number.isFinite(started) || !Number.isFinite(ends) || ends <= started) return { problem: `routing trial ${id}: its start and end are not times in order` };
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) return { problem: `routing trial ${id}: its seed is not a 32-bit number` };
  return { trial: { id, tasks: [...new Set(tasks)], share, startedAt: startedAt as string, endsAt: endsAt as string, seed } };
}

/** Running between its start and its end. */
export function isTrialActive(trial: RoutingTrial, now: Date): boolean {
  const at = now.getTime();
  return at >= Date.parse(trial.startedAt) && at < Date.parse(trial.endsAt);
}

export function sharePercent(trial: RoutingTrial): number {
  return Math.round(trial.share * 100);
}

/** "6 Dec 2026": the same on every machine, whatever its locale. */
export function trialDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** Whole days left, rounded up: "1 day left" until the last moment. */
export function daysLeft(trial: RoutingTrial, now: Date): number {
  return Math.max(0, Math.ceil((Date.parse(trial.endsAt) - now.getTime()) / DAY_MS));
}

/** "20% of Generate SQL and Explain calls go to the other model until 20 Dec 2026". */
export function describeTrial(trial: RoutingTrial): string {
  return `${whatItSends(trial)} until ${trialDate(trial.endsAt)}`;
}

function whatItSends(trial: RoutingTrial): string {
  return `${sharePercent(trial)}% of ${listOf(trial.tasks.map(taskLabel))} calls go to the other model`;
}

function listOf(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The status tooltip's lines while a trial runs (Markdown, each followed by an empty line). */
export function trialTooltipLines(trial: RoutingTrial | undefined): string[] {
  if (!trial) return [];
  return [`$(beaker) Routing trial running until ${trialDate(trial.endsAt)}: ${whatItSends(trial)}.`, ''];
}
