/** JavaScript, TypeScript and their JSX variants import each other freely: the context stage treats them as one language. */
const JS_FAMILY = new Set(['javascript', 'typescript', 'javascriptreact', 'typescriptreact']);

export function isJsFamily(languageId: string): boolean {
  return JS_FAMILY.has(languageId);
}

/** The language a document counts as when choosing which other documents can lend context. */
export function languageFamily(languageId: string): string {
  return isJsFamily(languageId) ? 'javascript' : languageId;
}
