import { formatUsd } from '../format/spend';

/**
 * Client-side spending caps (none of the providers offers per-developer daily or monthly caps). All
 * amounts are integer micro-dollars; undefined or 0 means no cap.
 */
export interface BudgetCaps {
  readonly sessionMicroUsd?: number;
  readonly dailyMicroUsd?: number;
  readonly monthlyMicroUsd?: number;
}

/** 'warn' tells the user and sends; 'block' asks first. */
export type BudgetMode = 'warn' | 'block';

/** Micro-dollars already spent in each period. */
export interface SpentSoFar {
  readonly session: number;
  readonly today: number;
  readonly month: number;
}

export type BudgetState = 'ok' | 'near' | 'over';
export type CapName = 'session' | 'daily' | 'monthly';

export interface BudgetCrossing {
  readonly cap: CapName;
  readonly capMicroUsd: number;
  readonly spentMicroUsd: number;
  /** Spent plus this call's estimate. */
  readonly afterMicroUsd: number;
}

export interface BudgetCheck {
  readonly state: BudgetState;
  readonly crossing?: BudgetCrossing;
  /** For the user, in dollars; present whenever state is not 'ok'. */
  readonly message?: string;
}

export interface CapRule {
  readonly cap: CapName;
  readonly capKey: keyof BudgetCaps;
  readonly spentKey: keyof SpentSoFar;
  /** How the period's spend and budget read in a sentence. */
  readonly spend: string;
  readonly budget: string;
}

/**
 * Shortest period first. When several caps are in the same state the later (longer) one is reported: it
 * is the one that still binds after the shorter ones reset.
 */
export const CAPS: readonly CapRule[] = [
  { cap: 'session', capKey: 'sessionMicroUsd', spentKey: 'session', spend: "this session's spend", budget: 'session budget' },
  { cap: 'daily', capKey: 'dailyMicroUsd', spentKey: 'today', spend: "today's spend", budget: 'daily budget' },
  { cap: 'monthly', capKey: 'monthlyMicroUsd', spentKey: 'month', spend: "this month's spend", budget: 'monthly budget' },
];

const RANK: Readonly<Record<BudgetState, number>> = { ok: 0, near: 1, over: 2 };

/** A cap is enforced when it is a positive, finite amount. */
export const isCap = (value: number | undefined): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

/**
 * Whether a call estimated at `estimateMicroUsd` would pass `nearFraction` of a cap ('near') or exceed it
 * ('over'). Reaching a cap exactly is 'near': the call is still within budget.
 */
export function checkBudget(
  caps: BudgetCaps,
  spent: SpentSoFar,
  estimateMicroUsd: number,
  { nearFraction = 0.8 }: { nearFraction?: number } = {},
): BudgetCheck {
  const estimate = Math.max(0, estimateMicroUsd);
  let worst: { state: BudgetState; rule: CapRule; crossing: BudgetCrossing } | undefined;
  for (const rule of CAPS) {
    const capMicroUsd = caps[rule.capKey];
    if (!isCap(capMicroUsd)) continue;
    const spentMicroUsd = spent[rule.spentKey];
    const afterMicroUsd = spentMicroUsd + estimate;
    const state: BudgetState = afterMicroUsd > capMicroUsd ? 'over' : afterMicroUsd >= capMicroUsd * nearFraction ? 'near' : 'ok';
    if (state !== 'ok' && (!worst || RANK[state] >= RANK[worst.state])) {
      worst = { state, rule, crossing: { cap: rule.cap, capMicroUsd, spentMicroUsd, afterMicroUsd } };
    }
  }
  if (!worst) return { state: 'ok' };
  return { state: worst.state, crossing: worst.crossing, message: describe(worst.state, worst.rule, worst.crossing, estimate) };
}

/** The status bar's colour: where spending stands now, with no call in view. */
export function budgetLevel(caps: BudgetCaps, spent: SpentSoFar, nearFraction = 0.8): BudgetState {
  return checkBudget(caps, spent, 0, { nearFraction }).state;
}

/**
 * formatUsd shows cents from a dollar up, so "to $5.00, over the budget of $5.00" could happen; saying
 * by how much it is over keeps the sentence true at any size.
 */
function describe(state: BudgetState, rule: CapRule, c: BudgetCrossing, estimate: number): string {
  const cap = formatUsd(c.capMicroUsd);
  if (state === 'near') {
    const percent = Math.floor((c.afterMicroUsd * 100) / c.capMicroUsd);
    return `This call (about ${formatUsd(estimate)}) would take ${rule.spend} to ${formatUsd(c.afterMicroUsd)}, ${percent}% of the ${rule.budget} of ${cap}.`;
  }
  if (c.spentMicroUsd > c.capMicroUsd) {
    const spend = rule.spend[0].toUpperCase() + rule.spend.slice(1);
    return `${spend} is already ${formatUsd(c.spentMicroUsd - c.capMicroUsd)} over the ${rule.budget} of ${cap}; this call would add about ${formatUsd(estimate)}.`;
  }
  return `This call (about ${formatUsd(estimate)}) would take ${rule.spend} ${formatUsd(c.afterMicroUsd - c.capMicroUsd)} over the ${rule.budget} of ${cap}.`;
}

export interface BudgetSettings {
  readonly caps: BudgetCaps;
  readonly mode: BudgetMode;
  readonly problems: string[];
}

const MODES: readonly BudgetMode[] = ['warn', 'block'];

/** `tandem.budget.*` (dollars, untrusted) into caps in micro-dollars; impossible values set no cap. */
export function parseBudgetSettings(raw: { session?: unknown; daily?: unknown; monthly?: unknown; mode?: unknown }): BudgetSettings {
  const problems: string[] = [];
  const caps: { -readonly [K in keyof BudgetCaps]: number } = {};
  for (const rule of CAPS) {
    const value = raw[rule.cap];
    if (value == null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      problems.push(`tandem.budget.${rule.cap}: ${show(value)} is not an amount (must be dollars ≥ 0; 0 means no cap); no ${rule.budget} is set`);
      continue;
    }
    const micro = Math.round(value * 1e6);
    if (micro > 0) caps[rule.capKey] = micro;
  }
  let mode: BudgetMode = 'warn';
  if (raw.mode != null) {
    if ((MODES as readonly unknown[]).includes(raw.mode)) mode = raw.mode as BudgetMode;
    else problems.push(`tandem.budget.mode: ${show(raw.mode)} is not a mode (use "warn" or "block"); keeping "warn"`);
  }
  return { caps, mode, problems };
}

function show(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
