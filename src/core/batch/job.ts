import type { ModelId, ModelPrices } from '../models/modelTable';
import { isProviderId, type ProviderId } from '../models/providers';

/**
 * A batch job as persisted in the extension's storage. Jobs outlive the window (and the version of the
 * code) that created them, so the stored value is untrusted on the way back in: see parseJobs.
 */

export type JobKind = 'review' | 'bulkEdit';
export type JobPhase = 'submitting' | 'running' | 'cancelling' | 'ended' | 'cancelled' | 'failed' | 'expired';
export type ItemOutcomeKind = 'succeeded' | 'errored' | 'expired' | 'cancelled';

export const JOB_KINDS: readonly JobKind[] = ['review', 'bulkEdit'];
export const JOB_PHASES: readonly JobPhase[] = ['submitting', 'running', 'cancelling', 'ended', 'cancelled', 'failed', 'expired'];
export const ITEM_OUTCOME_KINDS: readonly ItemOutcomeKind[] = ['succeeded', 'errored', 'expired', 'cancelled'];

export interface JobItem {
  readonly customId: string;
  /** Workspace-relative. */
  readonly path: string;
  readonly uri: string;
  /** Bulk edit: the file's text fingerprint when sent, to refuse applying an answer over a changed file. */
  readonly sentHash?: string;
}

export interface JobItemOutcome {
  readonly customId: string;
  readonly kind: ItemOutcomeKind;
  readonly reason?: string;
}

export interface JobCounts {
  readonly total: number;
  readonly done: number;
  readonly succeeded: number;
  readonly errored: number;
  readonly expired: number;
  readonly cancelled: number;
}

export interface BatchJob {
  readonly v: 1;
  readonly id: string;
  readonly kind: JobKind;
  readonly provider: ProviderId;
  readonly model: ModelId;
  /** e.g. "Review src/ (12 files)", "Bulk edit: add JSDoc (5 files)". */
  readonly title: string;
  /** ISO-8601. */
  readonly createdAt: string;
  /** The provider's id, once submitted. */
  readonly batchId?: string;
  readonly phase: JobPhase;
  readonly items: readonly JobItem[];
  readonly counts?: JobCounts;
  readonly estimate: { readonly batchMicroUsd: number; readonly interactiveMicroUsd: number };
  /**
   * The model's prices when the job was sent: its results are priced from the catalog in force when they
   * land, and from these if the model has since been removed from the catalog.
   */
  readonly prices?: ModelPrices;
  /** Bulk edit: the instruction applied to every file. */
  readonly instruction?: string;
  /** ISO-8601. */
  readonly nextPollAt?: string;
  readonly polls: number;
  /** Results applied or shown, so that a later session does not land them twice. */
  readonly landed: boolean;
  readonly outcomes?: readonly JobItemOutcome[];
  readonly message?: string;
}

const COUNT_FIELDS: readonly (keyof JobCounts)[] = ['total', 'done', 'succeeded', 'errored', 'expired', 'cancelled'];
/** Phases that are only reached through the provider, so a job in them must know the provider's id. */
const NEEDS_BATCH_ID: readonly JobPhase[] = ['running', 'cancelling', 'ended', 'expired'];

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isAmount = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isTime = (value: unknown): boolean => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const optional = (value: unknown, check: (v: unknown) => boolean): boolean => value === undefined || check(value);
const isString = (value: unknown): boolean => typeof value === 'string';
const oneOf = (list: readonly unknown[]) => (value: unknown): boolean => list.includes(value);
/** A value for a problem line; never throws (JSON.stringify would on a cycle or a BigInt). */
const shown = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);

function itemProblem(value: unknown, index: number): string | undefined {
  if (!isObject(value)) return `item ${index} is not an object`;
  if (!isText(value.customId)) return `item ${index} has no custom id`;
  if (!isText(value.path) || !isText(value.uri)) return `item ${value.customId} has no path or uri`;
  if (!optional(value.sentHash, isString)) return `item ${value.customId} has a bad sentHash`;
  return undefined;
}

function itemsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return 'no items';
  const seen = new Set<unknown>();
  for (const [index, item] of value.entries()) {
    const problem = itemProblem(item, index);
    if (problem) return problem;
    // Results are joined on custom ids: two items sharing one could not be told apart.
    const id = (item as Fields).customId;
    if (seen.has(id)) return `custom id ${String(id)} is used twice`;
    seen.add(id);
  }
  return undefined;
}

const TOKEN_PRICES = ['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h'] as const;

function isTokenPrices(value: unknown): value is Fields {
  return isObject(value) && TOKEN_PRICES.every((k) => isAmount(value[k]));
}

function isPrices(value: unknown): boolean {
  return isTokenPrices(value) && isAmount(value.batchPercent)
    && optional(value.longContext, (tier) => isTokenPrices(tier) && isCount(tier.aboveInputTokens));
}

function isOutcome(value: unknown): boolean {
  return isObject(value) && isText(value.customId) && oneOf(ITEM_OUTCOME_KINDS)(value.kind) && optional(value.reason, isString);
}

function isCounts(value: unknown): boolean {
  return isObject(value) && COUNT_FIELDS.every((field) => isCount(value[field]));
}

/** Why a stored value cannot be used as a BatchJob, or undefined when it can. */
export function jobProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not an object';
  if (value.v !== 1) return `unknown version ${shown(value.v)}`;
  if (!isText(value.id)) return 'no id';
  const checks: readonly [boolean, string][] = [
    [oneOf(JOB_KINDS)(value.kind), `unknown kind ${shown(value.kind)}`],
    [isProviderId(value.provider), `unknown provider ${shown(value.provider)}`],
    // Any model id: the catalog is the user's, and a job outlives a model removed from it.
    [isText(value.model), `bad model ${shown(value.model)}`],
    [isString(value.title), 'no title'],
    [isTime(value.createdAt), 'bad createdAt'],
    [optional(value.batchId, isText), 'bad batchId'],
    [oneOf(JOB_PHASES)(value.phase), `unknown phase ${shown(value.phase)}`],
    [optional(value.counts, isCounts), 'bad counts'],
    [isObject(value.estimate) && isAmount(value.estimate.batchMicroUsd) && isAmount(value.estimate.interactiveMicroUsd), 'bad estimate'],
    [optional(value.prices, isPrices), 'bad prices'],
    [optional(value.instruction, isString), 'bad instruction'],
    [optional(value.nextPollAt, isTime), 'bad nextPollAt'],
    [isCount(value.polls), 'bad polls'],
    [typeof value.landed === 'boolean', 'bad landed'],
    [optional(value.outcomes, (o) => Array.isArray(o) && o.every(isOutcome)), 'bad outcomes'],
    [optional(value.message, isString), 'bad message'],
  ];
  const failed = checks.find(([ok]) => !ok);
  if (failed) return failed[1];
  if (NEEDS_BATCH_ID.includes(value.phase as JobPhase) && value.batchId === undefined) return `phase ${shown(value.phase)} without a batchId`;
  return itemsProblem(value.items);
}

/**
 * The jobs in a stored value. Tolerant: a damaged or unknown entry is dropped with a problem line naming
 * it, and the rest are kept, so one bad record never hides the user's other jobs. Never throws. Nothing
 * stored yet (undefined) is no jobs and no problem.
 */
export function parseJobs(value: unknown): { jobs: BatchJob[]; problems: string[] } {
  const jobs: BatchJob[] = [];
  const problems: string[] = [];
  if (value === undefined) return { jobs, problems };
  if (!Array.isArray(value)) return { jobs, problems: ['stored batch jobs are not a list; none loaded'] };
  const ids = new Set<string>();
  value.forEach((entry: unknown, index) => {
    const name = isObject(entry) && isText(entry.id) ? `batch job ${entry.id}` : `batch job #${index + 1}`;
    const problem = jobProblem(entry);
    if (problem) problems.push(`${name} dropped: ${problem}`);
    else if (ids.has((entry as BatchJob).id)) problems.push(`${name} dropped: a second job with the same id`);
    else {
      ids.add((entry as BatchJob).id);
      jobs.push(entry as BatchJob);
    }
  });
  return { jobs, problems };
}
