import { isTaskKind } from '../models/tasks';
import type { Usage } from '../usage/usage';
import type { CallOutcome, LedgerRecord } from './record';

const PROVIDER_IDS: readonly unknown[] = ['openai', 'anthropic'];
/** Every outcome a record may have. */
export const OUTCOMES: readonly CallOutcome[] = ['ok', 'error', 'cancelled', 'fallback'];
const USAGE_FIELDS: readonly (keyof Usage)[] = ['input', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h', 'output', 'reasoning'];

/** A token count or a cost: a finite number, never negative. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Providers report whole tokens; cost arithmetic (BigInt) relies on it. */
function isTokenCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function isUsage(value: unknown): value is Usage {
  if (typeof value !== 'object' || value === null) return false;
  const u = value as Record<string, unknown>;
  return USAGE_FIELDS.every((field) => isTokenCount(u[field]));
}

/**
 * True when a parsed ledger line can be used as a LedgerRecord. The ledger outlives any one version of the
 * code and may be damaged on disk, so the report checks every field it relies on (enums included: code
 * downstream indexes tables by task) rather than trusting the file.
 */
export function isLedgerRecord(value: unknown): value is LedgerRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r = value as Record<string, unknown>;
  return (
    r.v === 1 &&
    typeof r.id === 'string' &&
    typeof r.time === 'string' &&
    !Number.isNaN(Date.parse(r.time)) &&
    typeof r.session === 'string' &&
    isTaskKind(r.task) &&
    // Any model id: the catalog is the user's, and a record outlives a model removed from it.
    typeof r.model === 'string' &&
    r.model !== '' &&
    PROVIDER_IDS.includes(r.provider) &&
    isUsage(r.usage) &&
    isCount(r.costMicroUsd) &&
    typeof r.latencyMs === 'number' &&
    Number.isFinite(r.latencyMs) &&
    (OUTCOMES as readonly unknown[]).includes(r.outcome) &&
    typeof r.batch === 'boolean' &&
    typeof r.estimated === 'boolean' &&
    isOptionalString(r.requestId) &&
    isOptionalString(r.reason) &&
    isOptionalString(r.error) &&
    (r.gatewayCostMicroUsd === undefined || isCount(r.gatewayCostMicroUsd)) &&
    (r.firstTokenMs === undefined || isCount(r.firstTokenMs)) &&
    (r.trial === undefined || isTrialTag(r.trial)) &&
    (r.repairOf === undefined || (typeof r.repairOf === 'string' && r.repairOf !== ''))
  );
}

function isTrialTag(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  return typeof t.id === 'string' && (t.arm === 'routed' || t.arm === 'trial') && Number.isSafeInteger(t.seed);
}
