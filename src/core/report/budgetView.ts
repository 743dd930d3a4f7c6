import { budgetLevel, CAPS, isCap, type BudgetCaps, type BudgetMode, type SpentSoFar } from '../cost/budget';
import type { BudgetView } from './reportModel';

/**
 * One row per configured cap with its own state. budgetLevel reports only the worst cap, so each cap is
 * asked about alone. A cap is shown when budget.ts would enforce it: a positive, finite amount.
 */
export function budgetView(caps: BudgetCaps, mode: BudgetMode, spent: SpentSoFar): BudgetView {
  const rows: BudgetView['caps'][number][] = [];
  for (const { cap, capKey, spentKey } of CAPS) {
    const capMicroUsd = caps[capKey];
    if (!isCap(capMicroUsd)) continue;
    const spentMicroUsd = spent[spentKey];
    rows.push({ cap, capMicroUsd, spentMicroUsd, state: budgetLevel({ [capKey]: capMicroUsd }, spent) });
  }
  return { mode, caps: rows };
}
