// ajv's two engines and the linear-time regular expressions they match patterns with, in one module. The
// extension bundle does not include it: esbuild.js builds it to dist/json/ajv.js, which the validator
// requires the first time a schema is checked.
export { default as Ajv } from 'ajv';
export { default as Ajv2020 } from 'ajv/dist/2020';
export { linearRegExp } from './linearRegExp';
