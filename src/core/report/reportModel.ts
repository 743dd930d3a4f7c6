import type { BudgetState } from '../cost/budget';
import type { Period } from '../ledger/query';
import type { ModelId } from '../models/modelTable';
import type { TaskKind } from '../models/tasks';
import type { Usage } from '../usage/usage';

/**
 * Everything the usage report draws, aggregated in the extension so the webview receives only this
 * (never the ledger's records). Money in integer micro-dollars; the webview formats it.
 */
export interface ReportModel {
  readonly period: Period;
  /** Things the user should know that the figures cannot show (e.g. review rules too short to be cached). */
  readonly notes: readonly string[];
  /** ISO time the report was built. */
  readonly generatedAt: string;
  readonly totals: { readonly calls: number; readonly tokens: number; readonly costMicroUsd: number; readonly usage: Usage };
  /** One entry per local day in the period that has calls (the 'all' period: every day with calls), oldest first. */
  readonly costByDay: readonly { readonly day: string; readonly costMicroUsd: number; readonly byModel: Readonly<Record<ModelId, number>> }[];
  readonly byTask: readonly TaskStats[];
  readonly byModel: readonly ModelStats[];
  /** What cache reads saved against paying full input price for the same tokens (cache writes' surcharge subtracted). */
  readonly cacheSavingsMicroUsd: number;
  /** As routed vs every call on each single model of the catalog. */
  readonly whatIf: { readonly asRouted: number; readonly allOn: Readonly<Record<ModelId, number>> };
  /**
   * Every model the report names, with the name to show: the catalog's models in its order (built-ins
   * first), then models of the period's records that the catalog no longer holds. The order gives each
   * model its colour.
   */
  readonly models: readonly { readonly id: ModelId; readonly displayName: string }[];
  readonly budget: BudgetView;
  readonly batchCalls: number;
  /** Calls whose usage is an estimate (cancelled before the provider reported usage). */
  readonly estimatedCalls: number;
  readonly failedCalls: number;
  /** Damaged lines in the ledger files read for this report (torn by a crash, or edited): skipped, not counted. */
  readonly skippedLines: number;
  /** The period's calls a gateway priced itself (x-litellm-response-cost): its total beside Tandem's. */
  readonly gateway: { readonly calls: number; readonly tandemMicroUsd: number; readonly gatewayMicroUsd: number };
}

export interface TaskStats {
  readonly task: TaskKind;
  readonly calls: number;
  readonly costMicroUsd: number;
  readonly tokens: number;
  readonly meanInputTokens: number;
  readonly p95InputTokens: number;
  readonly meanOutputTokens: number;
  readonly p95OutputTokens: number;
  readonly costPerCallMicroUsd: number;
  readonly cacheHitRate: number;
}

export interface ModelStats {
  readonly model: ModelId;
  readonly displayName: string;
  readonly calls: number;
  readonly costMicroUsd: number;
  readonly tokens: number;
  readonly usage: Usage;
  readonly cacheHitRate: number;
}

export interface BudgetView {
  readonly mode: 'warn' | 'block';
  /** One row per configured cap (none when no cap is set). */
  readonly caps: readonly { readonly cap: 'session' | 'daily' | 'monthly'; readonly capMicroUsd: number; readonly spentMicroUsd: number; readonly state: BudgetState }[];
}
