// Old invoice code, kept for the batch review to find things in (see .tandem/rules.md).
export function invoiceTotal(lines: { cents: number; qty: number }[]): number {
  // let t = 0;
  // for (const l of lines) t += l.cents;
  let t = 0;
  for (const l of lines) t += l.cents * l.qty;
  return t;
}
