import type { TaskKind } from '../models/tasks';
import type { MetricId } from './routingAnalysis';
import type { QualitySignal, SignalName } from './signal';

/** A quality measure as the analysis treats it. */
export interface MetricSpec {
  readonly id: MetricId;
  /** 'rate': each observation is 0 or 1; 'mean': each is a share 0–1. */
  readonly kind: 'rate' | 'mean';
  readonly higherIsBetter: boolean;
}

const rate = (id: MetricId, higherIsBetter = true): MetricSpec => ({ id, kind: 'rate', higherIsBetter });
const meanOf = (id: MetricId): MetricSpec => ({ id, kind: 'mean', higherIsBetter: true });

/**
 * Each task's measures, the deciding one first: the one the advice compares, chosen as the most direct
 * "did the answer do the job" each task records (the others are shown beside it).
 */
export const TASK_METRICS: Readonly<Record<TaskKind, readonly MetricSpec[]>> = {
  completion: [rate('accepted'), meanOf('survival30s'), meanOf('survival5m')],
  generateCode: [rate('kept'), meanOf('survival5m')],
  editSelection: [rate('diffAccepted')],
  generateSql: [rate('validFirst'), rate('validAtAll')],
  generateJson: [rate('validFirst'), rate('validAtAll')],
  review: [rate('findingsActedOn'), rate('findingsDismissed', false)],
  explain: [rate('thumbsUp')],
};

export function decidingMetric(task: TaskKind): MetricSpec {
  return TASK_METRICS[task][0];
}

/** What a measure is called in the advice, and what one of its observations is. */
const WORDS: Readonly<Record<MetricId, { readonly label: string; readonly one: string; readonly many: string }>> = {
  accepted: { label: 'acceptance', one: 'settled completion', many: 'settled completions' },
  survival30s: { label: 'kept after 30 s', one: 'taken completion', many: 'taken completions' },
  survival5m: { label: 'kept after 5 min', one: 'measured insertion', many: 'measured insertions' },
  kept: { label: 'code kept', one: 'settled insertion', many: 'settled insertions' },
  diffAccepted: { label: 'diffs accepted', one: 'diff decision', many: 'diff decisions' },
  validFirst: { label: 'valid first time', one: 'checked answer', many: 'checked answers' },
  validAtAll: { label: 'valid at all', one: 'checked answer', many: 'checked answers' },
  findingsActedOn: { label: 'findings acted on', one: 'settled finding', many: 'settled findings' },
  findingsDismissed: { label: 'findings dismissed', one: 'settled finding', many: 'settled findings' },
  thumbsUp: { label: 'rated 👍', one: 'rating', many: 'ratings' },
};

/** "acceptance", "valid first time", …: a measure as the advice and the Routing view name it. */
export function metricLabel(metric: MetricId): string {
  return WORDS[metric].label;
}

/** What `count` observations of a measure are: "rating" for 1, "settled completions" for 20. */
export function observationNoun(metric: MetricId, count: number): string {
  return count === 1 ? WORDS[metric].one : WORDS[metric].many;
}

/** One call's observations per measure: 0 or 1 each for a rate, a share each for a mean; absent = none yet. */
export type Observations = Partial<Record<MetricId, readonly number[]>>;

/**
 * What one call's signals say, in time order (the latest decides where a call or finding changed state).
 * A call counts for a measure only once it is settled: a completion only shown, a review finding with no
 * state, an answer nobody rated are not observations.
 */
export function observeCall(task: TaskKind, signals: readonly QualitySignal[], keptSurvival: number): Observations {
  switch (task) {
    case 'completion': {
      // Taking it is an event the editor reports; a dismissal is inferred from the next edit, so taking wins.
      const taken = has(signals, 'accepted') || has(signals, 'partial');
      const accepted = taken ? [1] : has(signals, 'dismissed') ? [0] : [];
      return { accepted, survival30s: lastShare(signals, 'survival30s'), survival5m: lastShare(signals, 'survival5m') };
    }
    case 'generateCode': {
      // Undone is the clearest "not kept": nothing of it survives, whatever was measured before.
      const survival = has(signals, 'undone') ? [0] : lastShare(signals, 'survival5m');
      return { kept: survival.map((share) => (share >= keptSurvival ? 1 : 0)), survival5m: survival };
    }
    case 'editSelection':
      return { diffAccepted: oneOf(signals, ['diffRejected', 'diffAccepted']) };
    case 'generateSql':
    case 'generateJson': {
      const last = latest(signals, ['validFirst', 'validRepaired', 'invalid']);
      if (last === undefined) return {};
      return { validFirst: [last === 'validFirst' ? 1 : 0], validAtAll: [last === 'invalid' ? 0 : 1] };
    }
    case 'review':
      return observeFindings(signals);
    case 'explain':
      return { thumbsUp: oneOf(signals, ['thumbsDown', 'thumbsUp']) };
  }
}

/** Every finding whose state is known is one observation; its latest state counts. */
function observeFindings(signals: readonly QualitySignal[]): Observations {
  const states = new Map<number, SignalName>();
  for (const signal of signals) {
    if (signal.item !== undefined && FINDING_STATES.includes(signal.name)) states.set(signal.item, signal.name);
  }
  const actedOn: number[] = [];
  const dismissed: number[] = [];
  for (const state of states.values()) {
    actedOn.push(state === 'findingFixed' || state === 'findingEdited' ? 1 : 0);
    dismissed.push(state === 'findingDismissed' ? 1 : 0);
  }
  return { findingsActedOn: actedOn, findingsDismissed: dismissed };
}

const FINDING_STATES: readonly SignalName[] = ['findingFixed', 'findingDismissed', 'findingEdited', 'findingLeft'];

function has(signals: readonly QualitySignal[], name: SignalName): boolean {
  return signals.some((s) => s.name === name);
}

function latest(signals: readonly QualitySignal[], names: readonly SignalName[]): SignalName | undefined {
  for (let i = signals.length - 1; i >= 0; i--) if (names.includes(signals[i].name)) return signals[i].name;
  return undefined;
}

/** One 0/1 observation from the latest of a pair: [no, yes]. */
function oneOf(signals: readonly QualitySignal[], [no, yes]: readonly [SignalName, SignalName]): number[] {
  const last = latest(signals, [no, yes]);
  return last === undefined ? [] : [last === yes ? 1 : 0];
}

function lastShare(signals: readonly QualitySignal[], name: SignalName): number[] {
  for (let i = signals.length - 1; i >= 0; i--) {
    const value = signals[i].value;
    if (signals[i].name === name && value !== undefined) return [value];
  }
  return [];
}
