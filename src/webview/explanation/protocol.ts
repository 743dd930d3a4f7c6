/** How the user rated an explanation with the page's 👍 / 👎 buttons (core/quality's Rating; a webview may not import it). */
export type Rating = 'up' | 'down';

/**
 * From the extension to an explanation page: the whole explanation so far, which replaces what is shown.
 * `ratable` once the answer is complete (a cancelled or failed one is not rated); `rating` the user's vote.
 */
export type ToExplanationPage = {
  readonly type: 'explanation';
  readonly markdown: string;
  readonly streaming: boolean;
  readonly ratable: boolean;
  readonly rating?: Rating;
};

/** From an explanation page to the extension: loaded (again, after being hidden), send what to show; or a vote. */
export type FromExplanationPage = { readonly type: 'ready' } | { readonly type: 'rate'; readonly rating: Rating };

function isRating(value: unknown): value is Rating {
  return value === 'up' || value === 'down';
}

/** A page's message, checked: the page's script is ours, but what reaches the extension is read as untrusted. */
export function isFromExplanationPage(message: unknown): message is FromExplanationPage {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  if (m.type === 'ready') return Object.keys(m).length === 1;
  return m.type === 'rate' && isRating(m.rating) && Object.keys(m).length === 2;
}

/** The extension's message, checked by the page before anything is drawn from it. */
export function isToExplanationPage(message: unknown): message is ToExplanationPage {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return m.type === 'explanation' && typeof m.markdown === 'string' && typeof m.streaming === 'boolean' && typeof m.ratable === 'boolean'
    && (m.rating === undefined || isRating(m.rating));
}
