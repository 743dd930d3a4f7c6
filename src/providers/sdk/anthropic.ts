// What Tandem uses of the `@anthropic-ai/sdk` SDK. The extension bundle does not include it: esbuild.js
// builds this module to dist/sdk/anthropic.js (tree-shaken to these exports), required on the first
// Anthropic request.
export { Anthropic, APIError, APIUserAbortError, APIConnectionError, APIConnectionTimeoutError } from '@anthropic-ai/sdk';
