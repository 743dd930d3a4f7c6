// A minimal valid instance of a JSON Schema: the default answer for structured output.
// object → its required properties, string → "text", number/integer → 0 (or the minimum), boolean → false,
// array → [] (or minItems samples), enum → first value, const → itself, anyOf/oneOf → first non-null branch.

type Schema = Record<string, unknown>;

function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function resolveRef(ref: string, root: Schema): Schema {
  // Only local refs (#/$defs/x, #/definitions/x): that is all structured output allows.
  let node: unknown = root;
  for (const part of ref.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    node = isSchema(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return isSchema(node) ? node : {};
}

function firstType(t: unknown): string | undefined {
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return (t.find((x) => x !== 'null') ?? t[0]) as string | undefined;
  return undefined;
}

export function sampleFromSchema(schema: unknown, root: unknown = schema, depth = 0): unknown {
  if (!isSchema(schema) || depth > 32) return null;
  const rootSchema = isSchema(root) ? root : {};
  if (typeof schema.$ref === 'string') return sampleFromSchema(resolveRef(schema.$ref, rootSchema), root, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) {
      const branch = branches.find((b) => !(isSchema(b) && b.type === 'null')) ?? branches[0];
      return sampleFromSchema(branch, root, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    // Merge object branches; anything else: the first branch decides.
    const parts = schema.allOf.map((b) => sampleFromSchema(b, root, depth + 1));
    if (parts.every((p) => isSchema(p))) return Object.assign({}, ...parts);
    return parts[0];
  }
  const type = firstType(schema.type) ?? (isSchema(schema.properties) ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = isSchema(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      for (const name of required) out[name] = sampleFromSchema(props[name] ?? {}, root, depth + 1);
      return out;
    }
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      return Array.from({ length: min }, () => sampleFromSchema(schema.items ?? {}, root, depth + 1));
    }
    case 'string': {
      const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
      return 'text'.padEnd(min, 'x');
    }
    case 'integer':
    case 'number': {
      if (typeof schema.minimum === 'number') return type === 'integer' ? Math.ceil(schema.minimum) : schema.minimum;
      if (typeof schema.exclusiveMinimum === 'number') return Math.floor(schema.exclusiveMinimum) + 1;
      return 0;
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}
