/** From the extension to an explanation page: the whole explanation so far, which replaces what is shown. */
export type ToExplanationPage = { readonly type: 'explanation'; readonly markdown: string; readonly streaming: boolean };

/** From an explanation page to the extension: loaded (again, after being hidden), send what to show. */
export type FromExplanationPage = { readonly type: 'ready' };
