// What Tandem uses of the `openai` SDK. The extension bundle does not include it: esbuild.js builds this
// module to dist/sdk/openai.js (tree-shaken to these exports), required on the first OpenAI request.
export { OpenAI, APIError, APIUserAbortError, APIConnectionError, APIConnectionTimeoutError, toFile } from 'openai';
