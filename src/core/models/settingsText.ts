/** Reading untrusted settings JSON and naming its values in messages. */

export interface Overridden<T> {
  readonly table: T;
  readonly problems: string[];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** $0.75, $0.075, $4.50: cents at least, and every digit a per-MTok price has. */
export function usdPerMTok(microPerMTok: number): string {
  const usd = microPerMTok / 1e6;
  const cents = usd.toFixed(2);
  return `$${Number(cents) === usd ? cents : String(usd)}`;
}

/** A settings value as the user typed it, kept short (it may be anything). */
export function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
