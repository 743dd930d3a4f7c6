const MICRO_PER_USD = 1_000_000;

/**
 * Dollars for the status bar and reports: `$0.00` for nothing, four decimals below a dollar so a
 * session of cheap calls still shows movement (`$0.0123`), cents from a dollar up (`$12.34`).
 */
export function formatUsd(costMicroUsd: number): string {
  if (costMicroUsd === 0) return '$0.00';
  const usd = costMicroUsd / MICRO_PER_USD;
  if (usd < 0.0001) return '<$0.0001';
  return usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** A monthly amount, always to the cent (`$4.10`, `$0.40`): a projection, so more decimals would claim a precision it lacks. */
export function formatMonthlyUsd(costMicroUsd: number): string {
  if (costMicroUsd > 0 && costMicroUsd < 5_000) return '<$0.01';
  return `$${(Math.round(costMicroUsd / 10_000) / 100).toFixed(2)}`;
}

/** Token counts in the compact form used by the status bar: `950`, `14.2k`, `3.1M`. */
export function formatTokens(tokens: number): string {
  if (tokens < 1000) return String(tokens);
  if (tokens < 999_950) return `${trimZero((tokens / 1000).toFixed(1))}k`;
  return `${trimZero((tokens / 1_000_000).toFixed(1))}M`;
}

function trimZero(fixed: string): string {
  return fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed;
}
