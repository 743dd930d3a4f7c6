import { ITEM_OUTCOME_KINDS, type ItemOutcomeKind, type JobItem, type JobItemOutcome } from './job';

/** The part of a provider's per-request result the join looks at; adapters add their payload. */
export interface ResultLine {
  readonly customId: string;
  readonly kind: string;
  readonly reason?: string;
}

export interface Joined<R extends ResultLine> {
  readonly matched: Map<string, { readonly item: JobItem; readonly result: R }>;
  /** Items with no result at all: reported as errored, "no result returned". */
  readonly missing: JobItem[];
  /** Custom ids the provider returned that are not this job's: logged, never applied. */
  readonly unknown: string[];
  /** Custom ids returned more than once: the first result is kept, the others logged. */
  readonly duplicates: string[];
}

export const NO_RESULT_REASON = 'no result returned';

/**
 * Pairs results with the job's items by custom id, never by position: both providers return results in
 * any order (Anthropic says so outright), and a missing line would shift every answer after it onto the
 * wrong file.
 */
export function joinResults<R extends ResultLine>(items: readonly JobItem[], results: readonly R[]): Joined<R> {
  const byId = new Map(items.map((item) => [item.customId, item]));
  const matched = new Map<string, { item: JobItem; result: R }>();
  const unknown: string[] = [];
  const duplicates: string[] = [];
  for (const result of results) {
    const item = byId.get(result.customId);
    if (!item) unknown.push(result.customId);
    else if (matched.has(result.customId)) duplicates.push(result.customId);
    else matched.set(result.customId, { item, result });
  }
  const missing = items.filter((item) => !matched.has(item.customId));
  return { matched, missing, unknown, duplicates };
}

/**
 * One outcome per item, in the job's order, for `landed`. Anthropic spells its kind `canceled`; a kind
 * neither provider documents counts as errored, naming it, rather than being taken for a success.
 */
export function jobOutcomes(items: readonly JobItem[], joined: Joined<ResultLine>): JobItemOutcome[] {
  return items.map((item) => {
    const result = joined.matched.get(item.customId)?.result;
    if (!result) return { customId: item.customId, kind: 'errored', reason: NO_RESULT_REASON };
    const kind = result.kind === 'canceled' ? 'cancelled' : result.kind;
    if (!(ITEM_OUTCOME_KINDS as readonly string[]).includes(kind)) {
      return { customId: item.customId, kind: 'errored', reason: `unknown result kind "${result.kind}"` };
    }
    const outcome = { customId: item.customId, kind: kind as ItemOutcomeKind };
    return result.reason === undefined ? outcome : { ...outcome, reason: result.reason };
  });
}
