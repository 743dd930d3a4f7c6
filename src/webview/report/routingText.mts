import type { Interval, RoutingReportModel, TrialSummary } from '../../core/report/routingReport.js';
import { formatInt, formatPercent, plural, taskLabel } from './labels.mjs';

/** A share measure to two decimals, as the advice writes it. */
function share(value: number): string {
  return value.toFixed(2);
}

/** "0.81 (0.74–0.87), n = 120"; a measure with no observation yet has no estimate to show. */
export function measureText(estimate: number, ci: Interval, n: number): string {
  if (n === 0) return 'no data yet';
  return `${share(estimate)} (${share(ci.low)}–${share(ci.high)}), n = ${formatInt(n)}`;
}

/** "needs 10 more ratings" / "needs 1 more call". */
export function neededText(needed: number, noun: string): string {
  return `needs ${formatInt(needed)} more ${noun}`;
}

export function callsNeededText(needed: number): string {
  return neededText(needed, needed === 1 ? 'call' : 'calls');
}

/** A latency: milliseconds below a second, seconds to one decimal from there. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${formatInt(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** "In 1,200 · out 220": mean tokens per call. */
export function tokensText(input: number, output: number): string {
  return `in ${formatInt(input)} · out ${formatInt(output)}`;
}

/** What the rule asks for, under the tables. */
export function ruleText(rule: RoutingReportModel['rule']): string {
  return (
    `Advice compares the route with the other model once each has ${plural(rule.minimumCalls, 'call')} and ` +
    `${formatInt(rule.minimumObservations)} observations of the task's deciding measure (marked ★). It advises a switch only when ` +
    `the other model is cheaper per call and, at the worse end of the 95% interval, not worse by more than ${share(rule.margin)}.`
  );
}

const endDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });

/** "A routing trial is running on Generate SQL and Explain: 20% of their calls go to the other model until Dec 20." */
export function trialText(trial: TrialSummary): string {
  const tasks = trial.tasks.map(taskLabel);
  const list = tasks.length <= 1 ? (tasks[0] ?? 'no task') : `${tasks.slice(0, -1).join(', ')} and ${tasks[tasks.length - 1]}`;
  const theirs = tasks.length === 1 ? 'its' : 'their';
  return `A routing trial is running on ${list}: ${formatPercent(trial.share)} of ${theirs} calls go to the other model until ${endDay.format(new Date(trial.endsAt))}.`;
}

const changeTime = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "Explain: Claude Haiku 4.5 → GPT-5.4 Mini" and when. */
export function historyText(entry: RoutingReportModel['history'][number]): { readonly change: string; readonly when: string } {
  const at = new Date(entry.time);
  return { change: `${taskLabel(entry.task)}: ${entry.fromName} → ${entry.toName}`, when: Number.isNaN(at.getTime()) ? '' : changeTime.format(at) };
}
