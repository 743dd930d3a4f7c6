// What `Tandem: Generate JSON…` sends as structured output for the user's JSON Schema, and how the answer
// is turned back into what that schema describes.
//
// The flow, for the editor layer:
//   1. `JsonValidator.checkSchema(userSchema)`; stop with its message when the file is not a usable schema.
//   2. `const conversion = toStrictSchema(userSchema)`; send `{ name, schema: conversion.schema, strict:
//      conversion.strict }` as the request's `jsonSchema` (OpenAI wants `name` to be at most 64 of
//      `a-z A-Z 0-9 _ -`), and log `conversion.notes`. When `conversion.wrapped`, the answer comes as
//      `{"value": …}`: strict decoding enforces that, a non-strict hint only suggests it.
//   3. `parseJsonAnswer(text)`, then `fromStrictAnswer(value, conversion)`, then
//      `JsonValidator.validate(userSchema, result)` against the user's ORIGINAL schema: the sent schema may
//      be looser (see the notes), so this check is what decides. Invalid → one repair round-trip with the
//      validator's message; its paths are in the user's terms (relative to `value` when wrapped).
//
// No schema picked: send no `jsonSchema` at all. Strict mode cannot say "any JSON" (every object must be
// closed and list its properties), and a non-strict `{}` schema adds nothing to the prompt's own "answer
// with the JSON only" rule. The answer is read with `parseJsonAnswer` (which tolerates a Markdown fence) and
// a parse failure gets the same single repair round-trip. This works alike on both providers.
//
// Anthropic: `output_config.format` has no strict flag and always constrains. Its SDK's transformJSONSchema
// sends objects only with `additionalProperties: false` and moves numeric/length bounds, patterns and most
// formats into descriptions, which suggests (UNVERIFIED) that Claude refuses such schemas: a non-strict
// conversion, or one keeping `minimum`/`pattern`, may get a 400 there (e.g. after a fallback to Claude).
import { StrictConverter, StrictModeImpossible } from './strictConverter';
import { escapePointer, isSchemaObject, refPointer, resolvePointer, setOwn, valueWrapper, without, type SchemaObject } from './schemaNodes';

export interface StrictConversion {
  /** What to send as the request's `jsonSchema.schema`. */
  readonly schema: SchemaObject;
  /**
   * True: `schema` is in strict form. False: strict mode cannot express the user's schema (the first note
   * says why), and `schema` is the user's own, sent as a hint for the model without strict decoding.
   */
  readonly strict: boolean;
  /** The user's root is not an object (strict mode needs one): the model answers `{"value": …}`. */
  readonly wrapped: boolean;
  /** JSON Pointers into `schema` of properties that were optional: there a null means "left out". */
  readonly nullMeansAbsent: readonly string[];
  /** What was changed or left out, one line each, for the log. */
  readonly notes: readonly string[];
}

/**
 * Rewrites a user's JSON Schema for strict structured output where that is possible. Never changes
 * `userSchema`. A `true`/`false` schema has no strict form: it goes as a non-strict `{"value": …}` wrapper.
 */
export function toStrictSchema(userSchema: unknown): StrictConversion {
  if (!isSchemaObject(userSchema)) {
    const notes = [`Strict mode is not possible: the schema is ${JSON.stringify(userSchema)}, not an object; the answer is checked afterwards.`];
    return { schema: valueWrapper({}), strict: false, wrapped: true, nullMeansAbsent: [], notes };
  }
  const wrapped = !isObjectRoot(userSchema);
  const wrapNote = wrapped ? ['(root): not an object schema, so the model answers {"value": …} and Tandem unwraps it'] : [];
  try {
    const converted = new StrictConverter(userSchema, wrapped).convert();
    return { schema: converted.schema, strict: true, wrapped, nullMeansAbsent: converted.nullMeansAbsent, notes: [...wrapNote, ...converted.notes] };
  } catch (err) {
    if (!(err instanceof StrictModeImpossible)) throw err;
    const notes = [`Strict mode is not possible, so the schema is sent as a hint and the answer checked afterwards. ${err.message}`, ...wrapNote];
    return { schema: hintSchema(userSchema, wrapped), strict: false, wrapped, nullMeansAbsent: [], notes };
  }
}

/**
 * Undoes the conversion on the model's parsed answer: drops the nulls that stand for left-out optional
 * properties, and unwraps `value`. A wrapped conversion whose answer has no `value` (a model ignoring a
 * non-strict hint) is returned as it is, for the validator to judge.
 */
export function fromStrictAnswer(answer: unknown, conversion: StrictConversion): unknown {
  const absent = new Set(conversion.nullMeansAbsent);
  const restored = absent.size > 0 ? withoutAbsentNulls(answer, conversion.schema, '', { root: conversion.schema, absent }) : answer;
  if (!conversion.wrapped) return restored;
  return isSchemaObject(restored) && Object.hasOwn(restored, 'value') ? restored.value : restored;
}

/** Strict mode wants an object root that is not a union; anything else is wrapped (harmless, and simpler). */
function isObjectRoot(schema: SchemaObject): boolean {
  if (['anyOf', 'oneOf', 'allOf', '$ref'].some((keyword) => keyword in schema)) return false;
  return schema.type === 'object' || (schema.type === undefined && isSchemaObject(schema.properties));
}

/** The user's schema as it is, wrapped when its root is not an object; references into it follow it down. */
function hintSchema(userSchema: SchemaObject, wrapped: boolean): SchemaObject {
  const body = without(userSchema, ['$schema', '$id']);
  if (!wrapped) return body;
  const wrapper = valueWrapper(rewriteRootRefs(without(body, ['$defs', 'definitions'])));
  for (const keyword of ['$defs', 'definitions']) {
    if (keyword in body) wrapper[keyword] = rewriteRootRefs(body[keyword]);
  }
  return wrapper;
}

/** Literal values are not schemas: a `$ref` key inside an enum value stays as it is. */
const LITERAL_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

/** `#` and `#/…` (other than root definitions, which stay at the root) now live under `#/properties/value`. */
function rewriteRootRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRootRefs);
  if (!isSchemaObject(node)) return node;
  const copy: SchemaObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') setOwn(copy, key, movedRef(value));
    else setOwn(copy, key, LITERAL_KEYWORDS.has(key) ? value : rewriteRootRefs(value));
  }
  return copy;
}

function movedRef(ref: string): string {
  const pointer = refPointer(ref);
  if (pointer === undefined || /^\/(\$defs|definitions)\//.test(pointer)) return ref;
  return `#/properties/value${ref.slice(1)}`;
}

interface AnswerWalk {
  readonly root: SchemaObject;
  readonly absent: ReadonlySet<string>;
}

/** Follows the answer through the sent schema (by JSON Pointer) and leaves out the nulls that mean "absent". */
function withoutAbsentNulls(value: unknown, schema: unknown, pointer: string, walk: AnswerWalk, hops = 0): unknown {
  // `hops` counts $ref/anyOf steps without going deeper into the value, so a reference loop ends.
  if (!isSchemaObject(schema) || hops > 32) return value;
  if (typeof schema.$ref === 'string') {
    const target = refPointer(schema.$ref);
    return target === undefined ? value : withoutAbsentNulls(value, resolvePointer(walk.root, target), target, walk, hops + 1);
  }
  if (Array.isArray(schema.anyOf)) {
    const branch = bestBranch(value, schema.anyOf, walk.root);
    return branch < 0 ? value : withoutAbsentNulls(value, schema.anyOf[branch], `${pointer}/anyOf/${branch}`, walk, hops + 1);
  }
  if (Array.isArray(value)) return value.map((item) => withoutAbsentNulls(item, schema.items, `${pointer}/items`, walk));
  if (!isSchemaObject(value) || !isSchemaObject(schema.properties)) return value;
  const properties = schema.properties;
  const kept: SchemaObject = {};
  for (const [key, item] of Object.entries(value)) {
    const at = `${pointer}/properties/${escapePointer(key)}`;
    if (item === null && walk.absent.has(at)) continue;
    setOwn(kept, key, Object.hasOwn(properties, key) ? withoutAbsentNulls(item, properties[key], at, walk) : item);
  }
  return kept;
}

/** The union branch an answer took: for an object, the one listing exactly its keys (strict objects list all). */
function bestBranch(value: unknown, branches: readonly unknown[], root: SchemaObject): number {
  let best = -1;
  let bestScore = 0;
  branches.forEach((branch, i) => {
    const score = fit(value, branch, root, 0);
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  return best;
}

/** 0: cannot hold the value; 1: the right kind of container; 2: an object branch with exactly its keys. */
function fit(value: unknown, schema: unknown, root: SchemaObject, hops: number): number {
  if (!isSchemaObject(schema) || hops > 32) return 0;
  if (typeof schema.$ref === 'string') {
    const target = refPointer(schema.$ref);
    return target === undefined ? 0 : fit(value, resolvePointer(root, target), root, hops + 1);
  }
  if (Array.isArray(schema.anyOf)) return Math.max(0, ...schema.anyOf.map((branch) => fit(value, branch, root, hops + 1)));
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (Array.isArray(value)) return types.includes('array') ? 1 : 0;
  if (!isSchemaObject(value) || !types.includes('object') || !isSchemaObject(schema.properties)) return 0;
  const listed = Object.keys(schema.properties);
  const keys = Object.keys(value);
  return keys.length === listed.length && keys.every((key) => listed.includes(key)) ? 2 : 1;
}
