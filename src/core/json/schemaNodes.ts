// Small facts about JSON Schema nodes that the strict conversion and its undoing both need.

export type SchemaObject = Record<string, unknown>;

export function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One JSON Pointer segment (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The JSON Pointer of a local `$ref` (`#/$defs/a` → `/$defs/a`, `#` → ``); undefined when not local. */
export function refPointer(ref: string): string | undefined {
  if (!ref.startsWith('#')) return undefined;
  try {
    const pointer = decodeURIComponent(ref.slice(1));
    return pointer === '' || pointer.startsWith('/') ? pointer : undefined; // `#anchor` is not a pointer
  } catch {
    return undefined;
  }
}

/** The node a JSON Pointer names inside `root`, or undefined. */
export function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = /^\d+$/.test(segment) ? node[Number(segment)] : undefined;
    else if (isSchemaObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** A `$ref` to a root definition: `#/$defs/Name` or `#/definitions/Name`. */
export interface DefinitionRef {
  readonly keyword: '$defs' | 'definitions';
  readonly name: string;
}

export function definitionRef(ref: string): DefinitionRef | undefined {
  const pointer = refPointer(ref);
  const match = pointer === undefined ? null : /^\/(\$defs|definitions)\/([^/]+)$/.exec(pointer);
  if (!match) return undefined;
  return { keyword: match[1] as DefinitionRef['keyword'], name: match[2].replace(/~1/g, '/').replace(/~0/g, '~') };
}

/**
 * Whether null is surely valid against `schema`. Conservative: conditionals and negations count as "no",
 * so at worst an optional property that already allowed null gets a null branch it did not need.
 */
export function acceptsNull(schema: unknown, root: unknown, seenRefs: ReadonlySet<string> = new Set()): boolean {
  if (typeof schema === 'boolean') return schema;
  if (!isSchemaObject(schema)) return false;
  if (typeof schema.$ref === 'string') {
    const pointer = refPointer(schema.$ref);
    if (pointer === undefined || seenRefs.has(pointer)) return false;
    const nextSeen = new Set(seenRefs).add(pointer);
    if (!acceptsNull(resolvePointer(root, pointer), root, nextSeen)) return false;
  }
  const { type } = schema;
  if (type !== undefined && type !== 'null' && !(Array.isArray(type) && type.includes('null'))) return false;
  if ('const' in schema && schema.const !== null) return false;
  if (schema.enum !== undefined && !(Array.isArray(schema.enum) && schema.enum.includes(null))) return false;
  const branches = (keyword: string) => (Array.isArray(schema[keyword]) ? (schema[keyword] as unknown[]) : undefined);
  if (branches('allOf')?.some((b) => !acceptsNull(b, root, seenRefs))) return false;
  if (branches('anyOf')?.every((b) => !acceptsNull(b, root, seenRefs))) return false;
  const oneOf = branches('oneOf');
  if (oneOf && oneOf.filter((b) => acceptsNull(b, root, seenRefs)).length !== 1) return false;
  return !['not', 'if', 'then', 'else'].some((keyword) => keyword in schema);
}

/** Sets an own property, even for a key such as `__proto__` that plain assignment would treat as the prototype. */
export function setOwn(target: SchemaObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A shallow copy without the given keywords. */
export function without(schema: SchemaObject, keywords: readonly string[]): SchemaObject {
  const copy: SchemaObject = {};
  for (const [key, value] of Object.entries(schema)) if (!keywords.includes(key)) setOwn(copy, key, value);
  return copy;
}

/** Strict mode needs an object root: any other answer travels as `{"value": …}`. */
export function valueWrapper(value: unknown): SchemaObject {
  return { type: 'object', properties: { value }, required: ['value'], additionalProperties: false };
}
