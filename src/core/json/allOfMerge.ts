// Two schemas that must both hold, as one schema. Strict mode rejects allOf, and closing each allOf branch on
// its own (additionalProperties: false) would forbid the properties the other branches add.
import { isSchemaObject, setOwn, type SchemaObject } from './schemaNodes';

const LOWER_BOUNDS = new Set(['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties', 'minContains']);
const UPPER_BOUNDS = new Set(['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties', 'maxContains']);
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'default', 'examples', 'readOnly', 'writeOnly', 'deprecated']);

export type MergeResult = { readonly merged: SchemaObject } | { readonly conflict: string };

/** `a` and `b` at once; `conflict` names a keyword whose two values cannot be combined exactly. */
export function mergeSchemas(a: SchemaObject, b: SchemaObject): MergeResult {
  const merged: SchemaObject = { ...a };
  for (const [keyword, value] of Object.entries(b)) {
    if (!Object.hasOwn(merged, keyword)) {
      setOwn(merged, keyword, value);
      continue;
    }
    const combined = combine(keyword, merged[keyword], value);
    if (combined === CONFLICT) return { conflict: keyword };
    setOwn(merged, keyword, combined);
  }
  return { merged };
}

const CONFLICT = Symbol('conflict');

function combine(keyword: string, a: unknown, b: unknown): unknown {
  if (sameJson(a, b) || ANNOTATIONS.has(keyword)) return a;
  if (typeof a === 'number' && typeof b === 'number') {
    if (LOWER_BOUNDS.has(keyword)) return Math.max(a, b);
    if (UPPER_BOUNDS.has(keyword)) return Math.min(a, b);
  }
  switch (keyword) {
    case 'properties':
      return isSchemaObject(a) && isSchemaObject(b) ? mergeProperties(a, b) : CONFLICT;
    case 'required':
      return Array.isArray(a) && Array.isArray(b) ? [...new Set([...a, ...b])] : CONFLICT;
    case 'type':
      return intersectTypes(a, b);
    case 'enum':
      return Array.isArray(a) && Array.isArray(b) ? nonEmpty(a.filter((x) => b.some((y) => sameJson(x, y)))) : CONFLICT;
    case 'items':
      // One item schema each (tuples are refused later): both must hold for every item.
      return isSchemaObject(a) && isSchemaObject(b) ? { allOf: [a, b] } : CONFLICT;
    default:
      return CONFLICT;
  }
}

/** A property both sides describe must satisfy both descriptions. */
function mergeProperties(a: SchemaObject, b: SchemaObject): SchemaObject {
  const merged: SchemaObject = { ...a };
  for (const [name, schema] of Object.entries(b)) {
    setOwn(merged, name, Object.hasOwn(merged, name) && !sameJson(merged[name], schema) ? { allOf: [merged[name], schema] } : schema);
  }
  return merged;
}

/** "integer" is a kind of "number", so the two meet at "integer". */
function intersectTypes(a: unknown, b: unknown): unknown {
  const left = typeList(a);
  const right = typeList(b);
  if (!left || !right) return CONFLICT;
  const meet = new Set<string>();
  for (const t of left) {
    if (right.includes(t)) meet.add(t);
    else if (t === 'integer' && right.includes('number')) meet.add('integer');
    else if (t === 'number' && right.includes('integer')) meet.add('integer');
  }
  const types = [...meet];
  if (types.length === 0) return CONFLICT;
  return types.length === 1 ? types[0] : types;
}

function typeList(type: unknown): string[] | undefined {
  if (typeof type === 'string') return [type];
  return Array.isArray(type) && type.every((t) => typeof t === 'string') ? type : undefined;
}

function nonEmpty(values: unknown[]): unknown {
  return values.length > 0 ? values : CONFLICT;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
