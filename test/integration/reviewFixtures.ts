/** The code a review test reviews, and the finding the model reports on its hard-coded key. */

export const REVIEWED_CODE = [
  'import { request } from "./http";',
  'const apiKey = "sk-live-1234";',
  'let ready = false;',
  'export function call() {',
  '  return request(apiKey);',
  '}',
  '',
].join('\n');

/** SEC-1 on line 2, with the quick fix that reads the key from the environment. */
export const SECRET_FINDING = { ruleId: 'SEC-1', severity: 'error', startLine: 2, endLine: 2, message: 'A key is hard-coded.', replacement: 'const apiKey = process.env.API_KEY ?? "";' };
