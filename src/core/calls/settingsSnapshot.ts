import type { BudgetCaps, BudgetMode } from '../cost/budget';
import type { ModelTable, RoutingTable } from '../models/modelTable';

/**
 * The model settings as one value: the catalog with its prices, the routes, fallback and the budget.
 * The editor builds it when a `tandem.*` setting changes; a request takes it once, at its start, and
 * passes it along (route → budget → call → fallback → record), so the prices that chose the model are
 * the ones the ledger records even if the settings change while the call runs.
 */
export interface SettingsSnapshot {
  readonly models: ModelTable;
  readonly routes: RoutingTable;
  readonly fallbackEnabled: boolean;
  readonly budget: { readonly caps: BudgetCaps; readonly mode: BudgetMode };
}
