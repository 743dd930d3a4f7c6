import { BUILT_IN_MODEL, type ModelId, type ModelTable, type RoutingTable, type TaskRoute } from '../models/modelTable';
import type { ProviderId } from '../models/providers';
import { TASK_KINDS, type TaskKind } from '../models/tasks';

/** Tasks whose input can be split, answered in parts and combined (map then reduce). */
const SEGMENTABLE: ReadonlySet<TaskKind> = new Set<TaskKind>(['review', 'explain']);

export interface RouteInput {
  readonly task: TaskKind;
  /** Estimated input tokens as each provider would count them. */
  readonly inputTokens: Readonly<Record<ProviderId, number>>;
  readonly hasKey: (provider: ProviderId) => boolean;
  readonly isCoolingDown: (provider: ProviderId) => boolean;
  readonly fallbackEnabled: boolean;
  /** The user chose this model for this call (e.g. after being asked for a missing key). */
  readonly forceModel?: ModelId;
}

export type RouteDecision =
  | { readonly kind: 'call'; readonly model: ModelId; readonly route: TaskRoute; readonly reason: string; readonly fallback?: ModelId }
  | { readonly kind: 'segment'; readonly model: ModelId; readonly route: TaskRoute; readonly reason: string; readonly maxSegmentTokens: number }
  | { readonly kind: 'needs-key'; readonly model: ModelId; readonly alternative?: ModelId; readonly reason: string }
  | { readonly kind: 'refuse'; readonly reason: string };

/** Room left in a model's window for the answer and the prompt's own overhead, per segment. */
const SEGMENT_HEADROOM = 0.8;

/**
 * The other provider's model a task moves to when its model fails or cannot hold the input: the one the
 * routing table gives the most tasks (the user's own choice on that provider), else that provider's
 * built-in model, which also wins ties. GPT-5.4 Mini ↔ Claude Haiku 4.5 with the default routes.
 */
export function fallbackFor(model: ModelId, models: ModelTable, routes: RoutingTable): ModelId {
  const other: ProviderId = models[model].provider === 'openai' ? 'anthropic' : 'openai';
  const tasks = new Map<ModelId, number>();
  for (const task of TASK_KINDS) {
    const routed = routes[task].model;
    if (models[routed]?.provider === other) tasks.set(routed, (tasks.get(routed) ?? 0) + 1);
  }
  let best = BUILT_IN_MODEL[other];
  for (const [id, count] of tasks) if (count > (tasks.get(best) ?? 0)) best = id;
  return best;
}

/** The models a task may run on: the chosen one, then its fallback. */
export function routeCandidates(task: TaskKind, models: ModelTable, routes: RoutingTable, forceModel?: ModelId): readonly [ModelId, ModelId] {
  const preferred = forceModel ?? routes[task].model;
  return [preferred, fallbackFor(preferred, models, routes)];
}

/**
 * Picks the model for a task from the routing table and says why. Oversized input goes to the candidate
 * that fits; input that fits none is segmented (where the task allows) or refused; never truncated.
 */
export function route(input: RouteInput, models: ModelTable, routes: RoutingTable): RouteDecision {
  const taskRoute = routes[input.task];
  const [preferred, fallback] = routeCandidates(input.task, models, routes, input.forceModel);
  const name = (id: ModelId): string => models[id].displayName;
  const tokensFor = (id: ModelId): number => input.inputTokens[models[id].provider];
  const fits = (id: ModelId): boolean =>
    tokensFor(id) <= models[id].maxInput && tokensFor(id) + Math.min(taskRoute.maxOutputTokens, models[id].maxOutput) <= models[id].contextWindow;

  let model = preferred;
  let reason = input.forceModel
    ? `${input.task} → ${name(model)}: chosen for this call`
    : `${input.task} → ${name(model)}: ${taskRoute.reason}`;

  if (!fits(model)) {
    if (fits(fallback)) {
      reason = `${input.task} → ${name(fallback)}: the input (~${tokensFor(model).toLocaleString('en-US')} tokens) is over ${name(model)}'s `
        + `${models[model].maxInput.toLocaleString('en-US')}-token input limit; ${name(fallback)} fits it`;
      model = fallback;
    } else {
      const largest = models[fallback].maxInput > models[model].maxInput ? fallback : model;
      const limit = models[largest].maxInput.toLocaleString('en-US');
      if (!SEGMENTABLE.has(input.task)) {
        return {
          kind: 'refuse',
          reason: `The input is about ${tokensFor(largest).toLocaleString('en-US')} tokens, more than any model can read at once `
            + `(the largest takes ${limit}). Select a smaller part and run it again; Tandem never cuts input silently.`,
        };
      }
      if (!input.hasKey(models[largest].provider)) return needsKey(largest, undefined, reason, models);
      return {
        kind: 'segment',
        model: largest,
        route: taskRoute,
        maxSegmentTokens: Math.floor(models[largest].maxInput * SEGMENT_HEADROOM),
        reason: `${input.task} → ${name(largest)} in parts: the input (~${tokensFor(largest).toLocaleString('en-US')} tokens) is over every `
          + `model's input limit (largest ${limit}); it is read in segments and the answers combined`,
      };
    }
  }

  const provider = models[model].provider;
  const other = model === preferred ? fallback : preferred;
  const otherUsable = input.fallbackEnabled && input.hasKey(models[other].provider) && fits(other);
  if (!input.hasKey(provider)) return needsKey(model, fits(other) && input.hasKey(models[other].provider) ? other : undefined, reason, models);
  if (!input.forceModel && input.isCoolingDown(provider) && otherUsable && !input.isCoolingDown(models[other].provider)) {
    return {
      kind: 'call',
      model: other,
      route: taskRoute,
      reason: `${input.task} → ${name(other)}: ${name(model)} failed moments ago and is cooling down`,
    };
  }
  return { kind: 'call', model, route: taskRoute, reason, fallback: otherUsable ? other : undefined };
}

function needsKey(model: ModelId, alternative: ModelId | undefined, reason: string, models: ModelTable): RouteDecision {
  return { kind: 'needs-key', model, alternative, reason: `${reason} — but no ${models[model].provider === 'openai' ? 'OpenAI' : 'Anthropic'} API key is set` };
}
