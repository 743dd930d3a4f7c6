/** Settings that decide what a call costs or whether it may be sent: the user's alone (application scope). */
export const MONEY_SETTINGS = ['tandem.models', 'tandem.budget.session', 'tandem.budget.daily', 'tandem.budget.monthly', 'tandem.budget.mode'] as const;

export type MoneySetting = (typeof MONEY_SETTINGS)[number];

const KEY = new RegExp(`"(${MONEY_SETTINGS.map((k) => k.replace(/\./g, '\\.')).join('|')})"\\s*:\\s*("(?:[^"\\\\\\n]|\\\\.)*"|[-+\\w.]+|[[{])`, 'g');

/**
 * The money settings a settings file (`.vscode/settings.json`, a `.code-workspace`) sets, with the value as
 * written (`{…}` for an object). A scan for the keys, not a JSONC parse: it only feeds a log line, so a key in
 * a comment is an acceptable false alarm, and VS Code itself never applies these values from a workspace.
 */
export function moneySettingsIn(text: string): { readonly key: MoneySetting; readonly value: string }[] {
  return [...text.matchAll(KEY)].map((m) => ({
    key: m[1] as MoneySetting,
    value: m[2] === '{' ? '{…}' : m[2] === '[' ? '[…]' : m[2].length > 40 ? `${m[2].slice(0, 37)}...` : m[2],
  }));
}
