// A user's JSON Schema rewritten into the subset OpenAI's strict structured output accepts. The keywords
// strict mode rejects follow the openai SDK's own toStrictJsonSchema (openai@7, lib/transform). Where the
// rewrite would forbid answers the user's schema allows, it gives up with StrictModeImpossible.
import { mergeSchemas } from './allOfMerge';
import { acceptsNull, definitionRef, escapePointer, isSchemaObject, refPointer, resolvePointer, setOwn, valueWrapper, without, type DefinitionRef, type SchemaObject } from './schemaNodes';

export class StrictModeImpossible extends Error {
  override readonly name = 'StrictModeImpossible';
}

/** Kept as they are, by the JSON type they constrain (and dropped, harmlessly, on nodes without that type). */
const KEPT_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  string: ['pattern', 'minLength', 'maxLength'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  array: ['minItems', 'maxItems'],
};
/** The string formats strict mode knows. */
const STRICT_FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);
/** Constraints strict mode rejects. Leaving them out only makes the sent schema looser: ajv checks them afterwards. */
const LOOSENED = ['not', 'if', 'then', 'else', 'dependentRequired', 'dependentSchemas', 'dependencies', 'propertyNames', 'minProperties', 'maxProperties', 'uniqueItems', 'contains', 'minContains', 'maxContains', 'unevaluatedItems'];
/** No strict form at all. */
const IMPOSSIBLE = ['patternProperties', 'prefixItems', '$dynamicRef', '$recursiveRef'];
/** Sent along for the model to read; other annotations (default, examples, …) are left out. */
const SENT_ANNOTATIONS = ['title', 'description'];
/** Validate nothing: dropped without a note. */
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'default', 'examples', 'readOnly', 'writeOnly', 'deprecated', '$anchor', '$defs', 'definitions']);
/** Present only on the root, and meaningless to the provider. */
const ROOT_ONLY = ['$schema', '$id', '$comment', '$defs', 'definitions'];
/** What makes a union branch more than a constraint on its siblings. */
const STRUCTURAL = ['type', 'properties', 'items', '$ref', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', 'additionalProperties', 'prefixItems', 'patternProperties'];
const PRIMITIVE_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);

export interface ConvertedSchema {
  readonly schema: SchemaObject;
  readonly nullMeansAbsent: readonly string[];
  readonly notes: readonly string[];
}

/**
 * One conversion. Notes name places by JSON Pointer into the user's schema; `nullMeansAbsent` lists JSON
 * Pointers into the sent schema. Definitions are converted only when something refers to them.
 */
export class StrictConverter {
  private readonly notes = new Set<string>();
  private readonly nullMeansAbsent: string[] = [];
  private readonly definitions: Record<DefinitionRef['keyword'], SchemaObject> = { $defs: {}, definitions: {} };
  private readonly queued = new Set<string>();
  private readonly queue: DefinitionRef[] = [];

  constructor(
    private readonly root: SchemaObject,
    private readonly wrapped: boolean,
  ) {}

  convert(): ConvertedSchema {
    const body = this.node(without(this.root, ROOT_ONLY), '', this.wrapped ? '/properties/value' : '');
    const schema = this.wrapped ? valueWrapper(body) : body;
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      const at = `/${next.keyword}/${escapePointer(next.name)}`;
      setOwn(this.definitions[next.keyword], next.name, this.node((this.root[next.keyword] as SchemaObject)[next.name], at, at));
    }
    for (const keyword of ['$defs', 'definitions'] as const) {
      if (Object.keys(this.definitions[keyword]).length > 0) schema[keyword] = this.definitions[keyword];
    }
    return { schema, nullMeansAbsent: this.nullMeansAbsent, notes: [...this.notes] };
  }

  /** `src` points into the user's schema (for notes), `out` into the sent one (for nullMeansAbsent). */
  private node(schema: unknown, src: string, out: string): SchemaObject {
    if (!isSchemaObject(schema)) throw this.impossible(src, 'true or false as a schema has no strict form');
    if (typeof schema.$ref === 'string') return this.ref(schema, src);
    const unsupported = IMPOSSIBLE.find((keyword) => keyword in schema);
    if (unsupported) throw this.impossible(src, `"${unsupported}" has no strict form`);
    if ('$id' in schema) throw this.impossible(src, 'a nested "$id" changes how references resolve');
    const merged = Array.isArray(schema.allOf) ? this.mergeAllOf(schema, src, new Set()) : schema;
    const branches = this.unionBranches(merged, src);
    if (branches) {
      const anyOf = branches.map((branch, i) => this.node(branch, `${src}/anyOf/${i}`, `${out}/anyOf/${i}`));
      return { ...pick(merged, SENT_ANNOTATIONS), anyOf };
    }
    return this.typed(without(merged, ['anyOf', 'oneOf']), src, out);
  }

  private typed(schema: SchemaObject, src: string, out: string): SchemaObject {
    const type = this.typeOf(schema, src);
    const types = Array.isArray(type) ? type : [type];
    const sent: SchemaObject = { ...pick(schema, SENT_ANNOTATIONS), type, ...pick(schema, ['enum', 'const']) };
    for (const t of types) Object.assign(sent, pick(schema, KEPT_BY_TYPE[t] ?? []));
    if (types.includes('string') && typeof schema.format === 'string') {
      if (STRICT_FORMATS.has(schema.format)) sent.format = schema.format;
      else this.note(src, `format "${schema.format}" is not sent (strict mode does not know it); formats are not checked afterwards either`);
    }
    const dropped = LOOSENED.filter((keyword) => keyword in schema);
    if (dropped.length > 0) this.note(src, `${dropped.join(', ')} not sent (strict mode rejects ${dropped.length > 1 ? 'them' : 'it'}); checked afterwards`);
    if (types.includes('object')) Object.assign(sent, this.objectParts(schema, src, out));
    if (types.includes('array')) sent.items = this.arrayItems(schema, src, out);
    return sent;
  }

  private objectParts(schema: SchemaObject, src: string, out: string): SchemaObject {
    for (const keyword of ['additionalProperties', 'unevaluatedProperties']) {
      if (schema[keyword] !== undefined && schema[keyword] !== false) {
        throw this.impossible(src, `allows properties it does not list ("${keyword}"), which a closed strict object cannot`);
      }
    }
    const properties = isSchemaObject(schema.properties) ? schema.properties : {};
    const names = Object.keys(properties);
    if (names.length === 0) throw this.impossible(src, 'an object with no listed properties (any keys) has no strict form');
    const required = strings(schema.required);
    const unlisted = [...required, ...conditionallyRequired(schema)].find((name) => !Object.hasOwn(properties, name));
    if (unlisted !== undefined) throw this.impossible(src, `"${unlisted}" is required but not listed in "properties", so a closed object could never have it`);
    const sent: SchemaObject = {};
    for (const name of names) {
      const at = `/properties/${escapePointer(name)}`;
      const optional = !required.includes(name) && !acceptsNull(properties[name], this.root);
      setOwn(sent, name, optional ? this.nullable(properties[name], src + at, out + at) : this.node(properties[name], src + at, out + at));
      if (optional) this.nullMeansAbsent.push(out + at);
    }
    return { properties: sent, required: names, additionalProperties: false };
  }

  /** Strict mode has no optional properties: an optional one becomes required, with null standing for "absent". */
  private nullable(schema: unknown, src: string, out: string): SchemaObject {
    if (isPrimitive(schema)) {
      const sent = this.node(schema, src, out);
      const types = Array.isArray(sent.type) ? (sent.type as unknown[]) : [sent.type];
      return { ...sent, type: [...types.filter((t) => t !== 'null'), 'null'], ...(Array.isArray(sent.enum) ? { enum: [...sent.enum, null] } : {}) };
    }
    return { anyOf: [this.node(schema, src, `${out}/anyOf/0`), { type: 'null' }] };
  }

  private arrayItems(schema: SchemaObject, src: string, out: string): SchemaObject {
    if (Array.isArray(schema.items)) throw this.impossible(src, 'tuple-form "items" has no strict form');
    if (!('items' in schema)) throw this.impossible(src, 'an array without "items" (any values) has no strict form');
    return this.node(schema.items, `${src}/items`, `${out}/items`);
  }

  private typeOf(schema: SchemaObject, src: string): unknown {
    if (typeof schema.type === 'string') return schema.type;
    if (Array.isArray(schema.type) && schema.type.length > 0) return schema.type.length === 1 ? schema.type[0] : schema.type;
    const literals = 'const' in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined;
    if (literals) {
      // The values decide the type exactly, and strict mode wants one.
      const types = [...new Set(literals.map(jsonType))];
      if (types.includes('object') || types.includes('array')) throw this.impossible(src, 'enum or const of objects or arrays has no strict form');
      return types.length === 1 ? types[0] : types;
    }
    if (isSchemaObject(schema.properties)) return 'object';
    if ('items' in schema) return 'array';
    throw this.impossible(src, 'no "type" (any JSON value) has no strict form');
  }

  /** Only references to the root or to a root definition survive the rewrite: other pointers would dangle. */
  private ref(schema: SchemaObject, src: string): SchemaObject {
    const ref = schema.$ref as string;
    const siblings = Object.keys(schema).filter((keyword) => keyword !== '$ref' && !ANNOTATIONS.has(keyword));
    if (siblings.length > 0) this.note(src, `${siblings.join(', ')} next to $ref not sent (strict mode wants $ref alone); checked afterwards`);
    if (refPointer(ref) === '') return { $ref: this.wrapped ? '#/properties/value' : '#' };
    const target = definitionRef(ref);
    const definitions = target && this.root[target.keyword];
    if (!target || !isSchemaObject(definitions) || !Object.hasOwn(definitions, target.name)) {
      throw this.impossible(src, `$ref "${ref}" cannot be kept: only "#", "#/$defs/…" and "#/definitions/…" can`);
    }
    const key = `${target.keyword}/${target.name}`;
    if (!this.queued.has(key)) {
      this.queued.add(key);
      this.queue.push(target);
    }
    return { $ref: ref };
  }

  private mergeAllOf(schema: SchemaObject, src: string, seenRefs: ReadonlySet<string>): SchemaObject {
    let merged = without(schema, ['allOf']);
    for (const branch of schema.allOf as unknown[]) {
      if (branch === true) continue;
      const ownSeen = new Set(seenRefs);
      const resolved = this.inlineRef(branch, src, ownSeen);
      if (!isSchemaObject(resolved)) throw this.impossible(src, 'allOf with a false branch accepts nothing');
      const part = Array.isArray(resolved.allOf) ? this.mergeAllOf(resolved, src, ownSeen) : resolved;
      merged = this.merge(merged, part, src, 'allOf');
    }
    this.note(src, 'allOf merged into one schema');
    return merged;
  }

  /**
   * The branches to send for anyOf/oneOf, with the constraints beside the union folded into each branch
   * (`{A, anyOf: [B, C]}` is `anyOf: [A∧B, A∧C]`); undefined when no union is left to send.
   */
  private unionBranches(schema: SchemaObject, src: string): unknown[] | undefined {
    const anyOf = Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
    const oneOf = Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
    if (anyOf && oneOf) this.note(src, 'oneOf next to anyOf not sent; checked afterwards');
    else if (oneOf) this.note(src, 'oneOf sent as anyOf (an answer could match more than one choice); checked afterwards');
    const branches = (anyOf ?? oneOf)?.filter((branch) => branch !== false);
    if (!branches) return undefined;
    if (branches.length === 0) throw this.impossible(src, `${anyOf ? 'anyOf' : 'oneOf'} without a possible branch accepts nothing`);
    // A `true` branch lets anything through, and constraint-only branches (`{ required: [...] }`) have no strict form.
    if (branches.some((branch) => branch === true)) return undefined;
    if (branches.every((branch) => isSchemaObject(branch) && !STRUCTURAL.some((keyword) => keyword in branch))) {
      this.note(src, `${anyOf ? 'anyOf' : 'oneOf'} of constraints only not sent; checked afterwards`);
      return undefined;
    }
    const siblings = without(schema, ['anyOf', 'oneOf', ...SENT_ANNOTATIONS]);
    if (Object.keys(siblings).length === 0) return branches;
    return branches.map((branch) => {
      const part = this.inlineRef(branch, src, new Set());
      return isSchemaObject(part) ? this.merge(siblings, part, src, anyOf ? 'anyOf' : 'oneOf') : part;
    });
  }

  /** The schema a `$ref` branch stands for, so it can be merged with its neighbours. */
  private inlineRef(branch: unknown, src: string, seenRefs: Set<string>): unknown {
    if (!isSchemaObject(branch) || typeof branch.$ref !== 'string') return branch;
    const pointer = refPointer(branch.$ref);
    const target = pointer === undefined ? undefined : resolvePointer(this.root, pointer);
    if (pointer === undefined || target === undefined) throw this.impossible(src, `$ref "${branch.$ref}" does not resolve to a local schema`);
    if (seenRefs.has(pointer)) throw this.impossible(src, `$ref "${branch.$ref}" includes itself`);
    seenRefs.add(pointer);
    const resolved = this.inlineRef(isSchemaObject(target) ? without(target, ROOT_ONLY) : target, src, seenRefs);
    return isSchemaObject(resolved) ? this.merge(without(branch, ['$ref']), resolved, src, 'allOf') : resolved;
  }

  private merge(a: SchemaObject, b: SchemaObject, src: string, keyword: string): SchemaObject {
    const result = mergeSchemas(a, b);
    if ('conflict' in result) throw this.impossible(src, `the parts of its ${keyword} set "${result.conflict}" differently and cannot be combined`);
    return result.merged;
  }

  private note(src: string, text: string): void {
    this.notes.add(`${place(src)}: ${text}`);
  }

  private impossible(src: string, text: string): StrictModeImpossible {
    return new StrictModeImpossible(`${place(src)}: ${text}`);
  }
}

function place(pointer: string): string {
  return pointer === '' ? '(root)' : pointer;
}

function pick(schema: SchemaObject, keywords: readonly string[]): SchemaObject {
  const picked: SchemaObject = {};
  for (const keyword of keywords) if (Object.hasOwn(schema, keyword)) picked[keyword] = schema[keyword];
  return picked;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Names a then/else/dependency can demand: a closed object that does not list them could never satisfy it. */
function conditionallyRequired(schema: SchemaObject): string[] {
  const names: string[] = [];
  const fromSchema = (sub: unknown) => {
    if (isSchemaObject(sub)) names.push(...strings(sub.required));
  };
  fromSchema(schema.then);
  fromSchema(schema.else);
  for (const keyword of ['dependentRequired', 'dependentSchemas', 'dependencies']) {
    const map = schema[keyword];
    if (!isSchemaObject(map)) continue;
    for (const dependency of Object.values(map)) {
      if (Array.isArray(dependency)) names.push(...strings(dependency));
      else fromSchema(dependency);
    }
  }
  return names;
}

/** A node whose strict form is a plain typed value, so null can join its `type` (and `enum`) in place. */
function isPrimitive(schema: unknown): boolean {
  if (!isSchemaObject(schema) || ['$ref', 'anyOf', 'oneOf', 'allOf', 'const'].some((keyword) => keyword in schema)) return false;
  const { type } = schema;
  if (type === undefined) return Array.isArray(schema.enum) && schema.enum.every((v) => v === null || typeof v !== 'object');
  const types: unknown[] = Array.isArray(type) ? type : [type];
  return types.every((t) => typeof t === 'string' && PRIMITIVE_TYPES.has(t));
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}
