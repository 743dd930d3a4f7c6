/** One CSV field, quoted per RFC 4180 only when it has to be (a comma, a quote or a line break). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** What a spreadsheet (Excel, LibreOffice, Google Sheets) runs as a formula when a cell starts with it. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A field of a text column, one a spreadsheet opens as text. A request id, an error message or a model name
 * comes from a provider, a gateway or a settings file: one starting `=`, `+`, `-`, `@`, a tab or a carriage
 * return would run as a formula (`=HYPERLINK(…)`, DDE). Such a field gets a single quote in front and is
 * always quoted, as OWASP's CSV-injection advice says; any other field is written as csvField writes it.
 * Not for number columns: a negative number is a number to a spreadsheet, and must stay one.
 */
export function csvTextField(value: string): string {
  return FORMULA_START.test(value) ? `"'${value.replace(/"/g, '""')}"` : csvField(value);
}

/** Rows of fields already written (csvField, csvTextField), RFC 4180 style: CRLF after every row, the last included. */
export function csvLines(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.join(',')}\r\n`).join('');
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
