/** One CSV field, quoted per RFC 4180 only when it has to be (a comma, a quote or a line break). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows joined RFC 4180 style: CRLF after every row, the last included. */
export function csvRows(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/**
 * Integer micro-dollars as dollars with six decimals, from the integer's digits: dividing by 1e6 first
 * would print binary approximations (and lose cents on large totals), so a column sum would not match.
 */
export function microUsdToDollars(micro: number): string {
  const whole = Math.round(micro); // the ledger holds integers; never print a fraction of a micro-dollar
  const abs = Math.abs(whole);
  const dollars = Math.floor(abs / 1_000_000);
  const fraction = String(abs - dollars * 1_000_000).padStart(6, '0');
  return `${whole < 0 ? '-' : ''}${dollars}.${fraction}`;
}
