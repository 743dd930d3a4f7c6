import type { SettingsSnapshot } from '../calls/settingsSnapshot';
import { checkBudget, type SpentSoFar } from '../cost/budget';
import { costMicroUsd } from '../cost/cost';
import type { LedgerRecord } from '../ledger/record';
import type { ModelId } from '../models/modelTable';
import type { ProviderId } from '../models/providers';
import type { TaskKind } from '../models/tasks';
import { fallbackFor } from '../routing/router';
import { ZERO_USAGE } from '../usage/usage';
import { TrialAssigner, type TrialAssignerOptions } from './assignment';
import { isTrialActive, sharePercent, type RoutingTrial } from './routingTrial';

export type TrialTag = NonNullable<LedgerRecord['trial']>;

/**
 * What a routing trial does to one request:
 * - 'outside': not part of the comparison, no tag (no trial, its task not in it, or the trial arm was not
 *   possible for this call; `why` says which, for the log);
 * - 'routed': drawn for the task's own route, tagged so the analysis compares like with like;
 * - 'trial': drawn for the other model, which the call is forced to (its fallback still applies).
 */
export type TrialCallDecision =
  | { readonly kind: 'outside'; readonly why?: string }
  | { readonly kind: 'routed'; readonly tag: TrialTag }
  | { readonly kind: 'trial'; readonly tag: TrialTag; readonly model: ModelId; readonly reason: string };

/** What the decision needs to know about the request and the moment. */
export interface TrialCallFacts {
  readonly task: TaskKind;
  readonly forceModel?: ModelId;
  readonly promptCacheKey?: string;
  readonly maxOutputTokens?: number;
  readonly settings: SettingsSnapshot;
  /** Estimated input tokens as each provider counts them. */
  readonly inputTokens: Readonly<Record<ProviderId, number>>;
  readonly hasKey: (provider: ProviderId) => boolean;
  readonly isCoolingDown: (provider: ProviderId) => boolean;
  /** Spend so far, read only when a budget cap is set. */
  readonly spent: () => Promise<SpentSoFar>;
}

/**
 * Decides each request's part in the running trial. A call for which the trial arm is not possible (the user
 * chose the model, the other model has no key, either provider is cooling down, the trial call would cross a
 * budget cap) stays on its route and out of the comparison, whatever it would have drawn: counting it on the
 * routed arm would give that arm conditions (outages, budget pressure) the trial arm never sees.
 */
export class TrialRouting {
  private readonly assigner: TrialAssigner;

  constructor(private readonly trial: () => RoutingTrial | undefined, private readonly now: () => Date, assigner: TrialAssignerOptions) {
    this.assigner = new TrialAssigner(assigner);
  }

  async decide(facts: TrialCallFacts): Promise<TrialCallDecision> {
    const trial = this.trial();
    if (!trial || !isTrialActive(trial, this.now()) || !trial.tasks.includes(facts.task)) return { kind: 'outside' };
    const { models, routes } = facts.settings;
    const route = routes[facts.task];
    if (route.pinned) return { kind: 'outside', why: `${facts.task} is pinned in tandem.routing` };
    if (facts.forceModel) return { kind: 'outside', why: 'the model was chosen for this call' };
    const other = fallbackFor(route.model, models, routes);
    const unavailable = await this.whyNotTried(facts, route.model, other);
    if (unavailable) return { kind: 'outside', why: unavailable };
    // Completions draw once per burst of typing in a file (their prompt cache key names the file).
    const burst = facts.task === 'completion' ? facts.promptCacheKey : undefined;
    const { arm, seed } = this.assigner.draw(trial.id, trial.share, burst);
    const tag: TrialTag = { id: trial.id, arm, seed };
    if (arm === 'routed') return { kind: 'routed', tag };
    const reason = `${facts.task} → ${models[other].displayName}: routing trial (${sharePercent(trial)}% share)`;
    return { kind: 'trial', tag, model: other, reason };
  }

  private async whyNotTried(facts: TrialCallFacts, routed: ModelId, other: ModelId): Promise<string | undefined> {
    const { models, budget } = facts.settings;
    const spec = models[other];
    if (!facts.hasKey(spec.provider)) return `${spec.displayName} has no ${spec.provider === 'openai' ? 'OpenAI' : 'Anthropic'} key`;
    const cooling = [models[routed], spec].find((m) => facts.isCoolingDown(m.provider));
    if (cooling) return `${cooling.displayName} failed moments ago and is cooling down`;
    const { caps } = budget;
    if (!caps.sessionMicroUsd && !caps.dailyMicroUsd && !caps.monthlyMicroUsd) return undefined;
    const output = Math.min(facts.maxOutputTokens ?? facts.settings.routes[facts.task].maxOutputTokens, spec.maxOutput);
    const estimate = costMicroUsd({ ...ZERO_USAGE, input: facts.inputTokens[spec.provider], output }, spec.prices);
    const check = checkBudget(caps, await facts.spent(), estimate);
    return check.state === 'over' ? `the call on ${spec.displayName} would cross a budget cap` : undefined;
  }
}

/** The log's line about a request's part in the trial, if it had one. */
export function trialLogLine(task: TaskKind, decision: TrialCallDecision): string | undefined {
  if (decision.kind !== 'outside') return `trial: ${task} on the ${decision.tag.arm} arm of ${decision.tag.id}`;
  return decision.why && `trial: ${task} not tried this call: ${decision.why}`;
}
