// Checks JSON against the user's JSON Schema with ajv, and reads the model's answer as JSON.
//
// Drafts: draft-07 (also when there is no `$schema`, and for draft-06, which draft-07 extends) and 2020-12,
// picked by `$schema`; any other dialect gets a message saying so rather than a silent half-check.
// Formats ("email", "date-time", …) are NOT checked: ajv knows none without ajv-formats, which Tandem does
// not ship, and `validateFormats: false` keeps unknown formats from throwing or logging.
// Patterns are matched with RE2 in linear time (linearRegExp.ts): a workspace's schema cannot hang the
// extension host; a pattern RE2 cannot run is not checked, and checkSchema's warnings say which.
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import type AjvCore from 'ajv/dist/core';
import { findJsonSyntaxError, lineColumn } from './jsonSyntax';
import { isSchemaObject, without } from './schemaNodes';
import { errorText } from '../format/errorText';
import type { UncheckedPattern } from './linearRegExp';

/** `warnings`: what of a usable schema is not checked (a pattern RE2 cannot run), one line each. */
export type SchemaCheck = { readonly ok: true; readonly warnings: readonly string[] } | { readonly ok: false; readonly message: string };
/** `errors` lists at most MAX_LISTED_ERRORS problems; `message` adds how many more there are. */
export type JsonValidation = { readonly ok: true } | { readonly ok: false; readonly errors: readonly string[]; readonly message: string };
export type JsonAnswer = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

export const MAX_LISTED_ERRORS = 8;
/** Compiled schemas kept; a session rarely uses more than a few. */
const MAX_CACHED_SCHEMAS = 32;

/** `strict: false`: real-world schemas carry unknown keywords (`x-…`, editor hints) and must not throw. */
const AJV_OPTIONS: Options = { allErrors: true, strict: false, validateFormats: false, logger: false };

type Dialect = 'draft-07' | '2020-12';
type Compiled = { readonly validate: ValidateFunction; readonly warnings: readonly string[] } | { readonly problem: string };

export class JsonValidator {
  private readonly engines = new Map<Dialect, AjvCore>();
  /** By schema text, oldest first. */
  private readonly compiled = new Map<string, Compiled>();
  /** The patterns RE2 could not run while the schema being compiled now was compiled. */
  private unchecked: UncheckedPattern[] = [];

  /** Whether `schema` is a JSON Schema Tandem can check answers against; the message names the problem. */
  checkSchema(schema: unknown): SchemaCheck {
    const compiled = this.compile(schema);
    return 'problem' in compiled ? { ok: false, message: compiled.problem } : { ok: true, warnings: compiled.warnings };
  }

  validate(schema: unknown, value: unknown): JsonValidation {
    const compiled = this.compile(schema);
    if ('problem' in compiled) return { ok: false, errors: [compiled.problem], message: compiled.problem };
    if (compiled.validate(value)) return { ok: true };
    const all = describeErrors(compiled.validate.errors ?? []);
    const errors = all.slice(0, MAX_LISTED_ERRORS);
    const more = all.length - errors.length;
    const message = [`The JSON does not match the schema (${all.length} problem${all.length === 1 ? '' : 's'}):`, ...errors, ...(more > 0 ? [`and ${more} more`] : [])].join('\n');
    return { ok: false, errors, message };
  }

  private compile(schema: unknown): Compiled {
    const key = JSON.stringify(schema) ?? '';
    let compiled = this.compiled.get(key);
    if (compiled) this.compiled.delete(key); // re-inserted below as the newest
    compiled ??= this.compileFresh(schema);
    this.compiled.set(key, compiled);
    if (this.compiled.size > MAX_CACHED_SCHEMAS) this.compiled.delete(this.compiled.keys().next().value as string);
    return compiled;
  }

  private compileFresh(schema: unknown): Compiled {
    if (typeof schema === 'boolean') return { validate: this.engine('draft-07').compile(schema), warnings: [] };
    if (!isSchemaObject(schema)) return { problem: 'A JSON Schema must be a JSON object (or true or false).' };
    const dialect = dialectOf(schema.$schema);
    if (typeof dialect !== 'string') return dialect;
    const ajv = this.engine(dialect);
    // The dialect is chosen: without `$schema`, ajv checks against its own meta-schema instead of insisting
    // on the exact URI it knows (https vs http, a trailing #).
    const body = without(schema, ['$schema']);
    if (!ajv.validateSchema(body)) {
      const lines = describeErrors(ajv.errors ?? []);
      const listed = lines.slice(0, MAX_LISTED_ERRORS).join('; ');
      return { problem: `Not a valid JSON Schema (${dialect}): ${listed}${lines.length > MAX_LISTED_ERRORS ? `; and ${lines.length - MAX_LISTED_ERRORS} more` : ''}` };
    }
    this.unchecked = [];
    try {
      const validate = ajv.compile(body);
      return { validate, warnings: [...new Map(this.unchecked.map((u) => [u.pattern, uncheckedWarning(u)])).values()] };
    } catch (err) {
      // An unresolvable $ref, a bad regular expression in "pattern", …
      return { problem: `Not a usable JSON Schema: ${errorText(err)}` };
    } finally {
      // ajv registered the schema under its $id: forget it, so an edited file with the same $id compiles
      // again. The compiled function lives on in this.compiled.
      ajv.removeSchema(body);
    }
  }

  private engine(dialect: Dialect): AjvCore {
    let ajv = this.engines.get(dialect);
    if (!ajv) {
      ajv = newEngine(dialect, (unchecked) => this.unchecked.push(unchecked));
      this.engines.set(dialect, ajv);
    }
    return ajv;
  }
}

/**
 * ajv is required on first use rather than imported: evaluating it takes about 12 ms, most of the
 * activation budget, and most sessions never check JSON. In the extension it is a file of its own
 * (esbuild.js maps './ajvEngines' to dist/json/ajv.js), so the main bundle does not even parse it.
 */
function newEngine(dialect: Dialect, onUnchecked: (unchecked: UncheckedPattern) => void): AjvCore {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred until first use, see above
  const engines = require('./ajvEngines') as typeof import('./ajvEngines');
  const Engine: new (options: Options) => AjvCore = dialect === '2020-12' ? engines.Ajv2020 : engines.Ajv;
  return new Engine({ ...AJV_OPTIONS, code: { regExp: engines.linearRegExp(onUnchecked) } });
}

function uncheckedWarning({ pattern, reason }: UncheckedPattern): string {
  return `The pattern ${JSON.stringify(pattern)} is not checked (${reason}): Tandem matches schema patterns with RE2, `
    + 'which cannot hang on any input but has no lookahead and no backreferences. The rest of the schema is checked.';
}

function dialectOf($schema: unknown): Dialect | { readonly problem: string } {
  if ($schema === undefined) return 'draft-07';
  const uri = typeof $schema === 'string' ? $schema.replace(/^https?:\/\//, '').replace(/#$/, '') : '';
  if (uri === 'json-schema.org/draft-07/schema' || uri === 'json-schema.org/draft-06/schema') return 'draft-07';
  if (uri === 'json-schema.org/draft/2020-12/schema') return '2020-12';
  return {
    problem: `Unsupported "$schema": ${JSON.stringify($schema)}. Use draft-07 ("http://json-schema.org/draft-07/schema#") or 2020-12 ("https://json-schema.org/draft/2020-12/schema"), or leave "$schema" out for draft-07.`,
  };
}

/**
 * One line per problem, `/items/0/price: must be >= 0`, duplicates dropped. "must match a schema in anyOf"
 * goes when a branch already said what is wrong at the same place.
 */
function describeErrors(errors: readonly ErrorObject[]): string[] {
  const specific = new Set(errors.filter((e) => !UNION_SUMMARIES.has(e.keyword)).map((e) => e.instancePath));
  const kept = errors.filter((e) => !(UNION_SUMMARIES.has(e.keyword) && specific.has(e.instancePath)));
  return [...new Set(kept.map((e) => `${e.instancePath === '' ? '(root)' : e.instancePath}: ${describeError(e)}`))];
}

const UNION_SUMMARIES = new Set(['anyOf', 'oneOf']);

function describeError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `must NOT have the property ${JSON.stringify(params.additionalProperty)}`;
    case 'unevaluatedProperties':
      return `must NOT have the property ${JSON.stringify(params.unevaluatedProperty)}`;
    case 'enum':
      return `must be one of ${listValues(params.allowedValues)}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return error.message ?? `fails "${error.keyword}"`;
  }
}

function listValues(values: unknown): string {
  if (!Array.isArray(values)) return 'the allowed values';
  const shown = values.slice(0, 10).map((v) => JSON.stringify(v));
  return values.length > shown.length ? `${shown.join(', ')}, …` : shown.join(', ');
}

/**
 * The model's answer as JSON. Tolerates whitespace around it and one Markdown fence (```json … ```) around
 * the whole answer; a syntax error is reported by line and column of `text` as the model wrote it.
 */
export function parseJsonAnswer(text: string): JsonAnswer {
  const fence = /^\s*```[^\n`]*\n([\s\S]*?)\n?[ \t]*```\s*$/d.exec(text);
  const body = fence ? fence[1] : text;
  const bodyStart = fence?.indices?.[1]?.[0] ?? 0;
  if (body.trim() === '') return { ok: false, message: 'The answer is empty: there is no JSON in it.' };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (err) {
    const syntax = findJsonSyntaxError(body);
    if (!syntax) return { ok: false, message: `Not valid JSON: ${errorText(err)}` };
    const { line, column } = lineColumn(text, bodyStart + syntax.offset);
    return { ok: false, message: `Not valid JSON at line ${line}, column ${column}: ${syntax.reason}.` };
  }
}
