import { otherModel, type ModelId, type ModelTable, type RoutingTable, type TaskRoute } from '../models/modelTable';
import type { ProviderId } from '../models/providers';
import type { TaskKind } from '../models/tasks';

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
 * Picks the model for a task from the routing table and says why. Oversized input goes to the model
 * that fits; input that fits none is segmented (where the task allows) or refused; never truncated.
 */
export function route(input: RouteInput, models: ModelTable, routes: RoutingTable): RouteDecision {
  const taskRoute = routes[input.task];
  const preferred = input.forceModel ?? taskRoute.model;
  const name = (id: ModelId): string => models[id].displayName;
  const tokensFor = (id: ModelId): number => input.inputTokens[models[id].provider];
  const fits = (id: ModelId): boolean =>
    tokensFor(id) <= models[id].maxInput && tokensFor(id) + Math.min(taskRoute.maxOutputTokens, models[id].maxOutput) <= models[id].contextWindow;

  let model = preferred;
  let reason = input.forceModel
    ? `${input.task} → ${name(model)}: chosen for this call`
    : `${input.task} → ${name(model)}: ${taskRoute.reason}`;

  if (!fits(model)) {
    const other = otherModel(model);
    if (fits(other)) {
      reason = `${input.task} → ${name(other)}: the input (~${tokensFor(model).toLocaleString('en-US')} tokens) is over ${name(model)}'s `
        + `${models[model].maxInput.toLocaleString('en-US')}-token input limit; ${name(other)} fits it`;
      model = other;
    } else {
      const largest = models[other].maxInput > models[model].maxInput ? other : model;
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
  const other = otherModel(model);
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
