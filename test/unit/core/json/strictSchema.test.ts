import assert from 'node:assert/strict';
import { JsonValidator } from '../../../../src/core/json/jsonValidator';
import { fromStrictAnswer, toStrictSchema } from '../../../../src/core/json/strictSchema';
import { assertRoundTrip, assertStrictShape, ORDER } from './strictFixtures';

describe('toStrictSchema', () => {
  it('closes nested objects, requires every property and makes the optional ones nullable', () => {
    const frozen = structuredClone(ORDER);
    const c = toStrictSchema(ORDER);
    assert.deepEqual(ORDER, frozen, 'the user schema is not changed');
    assert.equal(c.strict, true);
    assert.equal(c.wrapped, false);
    assert.deepEqual(c.schema, {
      type: 'object',
      properties: {
        id: { description: 'Order id', type: 'string' },
        note: { type: ['string', 'null'] },
        status: { type: ['string', 'null'], enum: ['new', 'paid', null] },
        customer: {
          type: 'object',
          properties: { name: { type: 'string' }, email: { type: ['string', 'null'], format: 'email' }, phone: { type: ['string', 'null'] } },
          required: ['name', 'email', 'phone'],
          additionalProperties: false,
        },
      },
      required: ['id', 'note', 'status', 'customer'],
      additionalProperties: false,
    });
    // phone already allowed null: a null there is a real value, not "absent".
    assert.deepEqual(c.nullMeansAbsent, ['/properties/note', '/properties/status', '/properties/customer/properties/email']);
    assert.deepEqual(c.notes, []);
    assertStrictShape(c.schema);
  });

  it('wraps optional objects, arrays and references in anyOf with null', () => {
    const schema = { type: 'object', properties: { lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } }, required: ['sku'] } } } };
    const c = toStrictSchema(schema);
    assert.deepEqual(c.schema.properties, {
      lines: {
        anyOf: [
          {
            type: 'array',
            items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: ['integer', 'null'], minimum: 1 } }, required: ['sku', 'qty'], additionalProperties: false },
          },
          { type: 'null' },
        ],
      },
    });
    assert.deepEqual(c.nullMeansAbsent, ['/properties/lines/anyOf/0/items/properties/qty', '/properties/lines']);
    assertStrictShape(c.schema);
    assertRoundTrip(schema, c, { lines: [{ sku: 'a', qty: null }, { sku: 'b', qty: 2 }] }, { lines: [{ sku: 'a' }, { sku: 'b', qty: 2 }] });
    assertRoundTrip(schema, c, { lines: null }, {});
  });

  it('keeps local $refs to $defs and definitions, converts only the definitions in use, and follows recursion', () => {
    const tree = {
      type: 'object',
      properties: { root: { $ref: '#/$defs/Node' }, legacy: { $ref: '#/definitions/Old' } },
      required: ['root', 'legacy'],
      $defs: {
        Node: { type: 'object', properties: { label: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } }, required: ['label'] },
        Unused: { type: 'object' },
      },
      definitions: { Old: { type: 'string', maxLength: 3 } },
    };
    const c = toStrictSchema(tree);
    assert.equal(c.strict, true, c.notes.join('\n'));
    assert.deepEqual(c.schema.properties, { root: { $ref: '#/$defs/Node' }, legacy: { $ref: '#/definitions/Old' } });
    assert.deepEqual(c.schema.$defs, {
      Node: {
        type: 'object',
        properties: { label: { type: 'string' }, children: { anyOf: [{ type: 'array', items: { $ref: '#/$defs/Node' } }, { type: 'null' }] } },
        required: ['label', 'children'],
        additionalProperties: false,
      },
    });
    assert.deepEqual(c.schema.definitions, { Old: { type: 'string', maxLength: 3 } });
    assert.deepEqual(c.nullMeansAbsent, ['/$defs/Node/properties/children']);
    assertStrictShape(c.schema);
    assertRoundTrip(
      tree,
      c,
      { root: { label: 'a', children: [{ label: 'b', children: null }] }, legacy: 'abc' },
      { root: { label: 'a', children: [{ label: 'b' }] }, legacy: 'abc' },
    );
  });

  it('gives an enum without a type the type of its values', () => {
    const c = toStrictSchema({ type: 'object', properties: { size: { enum: ['s', 'm'] }, level: { enum: [1, 'max'] } }, required: ['size', 'level'] });
    assert.deepEqual(c.schema.properties, { size: { type: 'string', enum: ['s', 'm'] }, level: { type: ['number', 'string'], enum: [1, 'max'] } });
  });

  it('wraps a root that is not an object, and unwraps the answer', () => {
    const list = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', items: { type: 'object', properties: { n: { type: 'number' } } } };
    const c = toStrictSchema(list);
    assert.equal(c.strict, true);
    assert.equal(c.wrapped, true);
    assert.deepEqual(c.schema, {
      type: 'object',
      properties: {
        value: { type: 'array', items: { type: 'object', properties: { n: { type: ['number', 'null'] } }, required: ['n'], additionalProperties: false } },
      },
      required: ['value'],
      additionalProperties: false,
    });
    assert.match(c.notes[0], /\(root\): not an object schema/);
    assertRoundTrip(list, c, { value: [{ n: 1 }, { n: null }] }, [{ n: 1 }, {}]);

    const word = toStrictSchema({ type: 'string', minLength: 2 });
    assert.deepEqual(word.schema.properties, { value: { type: 'string', minLength: 2 } });
    assert.equal(fromStrictAnswer({ value: 'hi' }, word), 'hi');
  });

  it('points a reference to the root at the wrapped value', () => {
    const nested = { type: 'array', items: { anyOf: [{ type: 'integer' }, { $ref: '#' }] } };
    const c = toStrictSchema(nested);
    assert.equal(c.strict, true);
    assert.deepEqual(c.schema.properties, { value: { type: 'array', items: { anyOf: [{ type: 'integer' }, { $ref: '#/properties/value' }] } } });
    assertRoundTrip(nested, c, { value: [1, [2, [3]]] }, [1, [2, [3]]]);
  });

  it('gives up strict mode for objects that allow unlisted properties, and sends the original as a hint', () => {
    const open = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true };
    const c = toStrictSchema(open);
    assert.equal(c.strict, false);
    assert.deepEqual(c.schema, { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true });
    assert.deepEqual(c.nullMeansAbsent, []);
    assert.match(c.notes[0], /^Strict mode is not possible.*\(root\): allows properties it does not list \("additionalProperties"\)/);
    assert.deepEqual(fromStrictAnswer({ a: null, b: 1 }, c), { a: null, b: 1 }, 'nothing to undo');

    const reasons = [
      [{ type: 'object', properties: { tags: { type: 'object', additionalProperties: { type: 'string' } } } }, /\/properties\/tags: allows properties/],
      [{ type: 'object', properties: { a: { type: 'string' } }, patternProperties: { '^x-': {} } }, /"patternProperties" has no strict form/],
      [{ type: 'object', properties: { meta: { type: 'object' } } }, /\/properties\/meta: an object with no listed properties/],
      [{ type: 'object', properties: { list: { type: 'array' } } }, /\/properties\/list: an array without "items"/],
      [{ type: 'object', properties: { any: {} } }, /\/properties\/any: no "type"/],
      [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a', 'b'] }, /"b" is required but not listed/],
      [{ type: 'object', properties: { a: { $ref: 'other.json#/x' } } }, /\$ref "other.json#\/x" cannot be kept/],
    ] as const;
    for (const [schema, reason] of reasons) {
      const conversion = toStrictSchema(schema);
      assert.equal(conversion.strict, false, JSON.stringify(schema));
      assert.match(conversion.notes[0], reason);
    }
  });

  it('wraps a non-strict non-object root too, moving references that pointed into it', () => {
    const schema = { type: 'array', items: { $ref: '#/definitions/Row' }, definitions: { Row: { type: 'object', additionalProperties: true, properties: { x: { $ref: '#/items' } } } } };
    const c = toStrictSchema(schema);
    assert.equal(c.strict, false);
    assert.equal(c.wrapped, true);
    assert.deepEqual(c.schema, {
      type: 'object',
      properties: { value: { type: 'array', items: { $ref: '#/definitions/Row' } } },
      required: ['value'],
      additionalProperties: false,
      definitions: { Row: { type: 'object', additionalProperties: true, properties: { x: { $ref: '#/properties/value/items' } } } },
    });
    assert.deepEqual(fromStrictAnswer({ value: [{ y: 1 }] }, c), [{ y: 1 }]);
    assert.deepEqual(fromStrictAnswer([{ y: 1 }], c), [{ y: 1 }], 'a model that ignored the hint and answered bare');
  });

  it('drops what strict mode rejects when that only loosens the schema, and says so', () => {
    const schema = {
      type: 'object',
      properties: {
        tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, minItems: 1 },
        site: { type: 'string', format: 'uri' },
        day: { type: 'string', format: 'date', pattern: '^2' },
        code: { type: 'string', not: { const: 'x' } },
      },
      required: ['tags', 'site', 'day', 'code'],
      'x-editor-hint': 'ignored',
    };
    const c = toStrictSchema(schema);
    assert.equal(c.strict, true);
    assert.deepEqual(c.schema.properties, {
      tags: { type: 'array', minItems: 1, items: { type: 'string' } },
      site: { type: 'string' },
      day: { type: 'string', pattern: '^2', format: 'date' },
      code: { type: 'string' },
    });
    assert.deepEqual(c.notes, [
      '/properties/tags: uniqueItems not sent (strict mode rejects it); checked afterwards',
      '/properties/site: format "uri" is not sent (strict mode does not know it); formats are not checked afterwards either',
      '/properties/code: not not sent (strict mode rejects it); checked afterwards',
    ]);
    // Looser on the wire, so the validator still catches what was left out.
    const validator = new JsonValidator();
    const answer = { tags: ['a', 'a'], site: 'x', day: '2024-01-01', code: 'x' };
    assert.equal(validator.validate(c.schema, answer).ok, true);
    assert.equal(validator.validate(schema, fromStrictAnswer(answer, c)).ok, false);
  });

  it('merges allOf (inheritance through $ref) into one closed object', () => {
    const schema = {
      $defs: { Base: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
      type: 'object',
      allOf: [{ $ref: '#/$defs/Base' }, { properties: { price: { type: 'number', minimum: 0 } } }],
      properties: { price: { maximum: 100 } },
    };
    const c = toStrictSchema(schema);
    assert.equal(c.wrapped, true, 'a root allOf is wrapped, as any root that is not a plain object');
    assert.equal(c.strict, true, c.notes.join('\n'));
    assert.deepEqual(c.schema.properties, {
      value: {
        type: 'object',
        properties: { price: { anyOf: [{ maximum: 100, type: 'number', minimum: 0 }, { type: 'null' }] }, id: { type: 'string' } },
        required: ['price', 'id'],
        additionalProperties: false,
      },
    });
    assert.equal(c.schema.$defs, undefined, 'Base was inlined, so no definition is left in use');
    assert.ok(c.notes.includes('(root): allOf merged into one schema'));
    assertStrictShape(c.schema);
    assertRoundTrip(schema, c, { value: { id: 'a', price: null } }, { id: 'a' });
  });

  it('sends oneOf as anyOf with the shared keywords folded into each branch, and finds the branch an answer took', () => {
    const shape = {
      type: 'object',
      properties: {
        shape: {
          type: 'object',
          properties: { kind: { type: 'string' } },
          required: ['kind'],
          oneOf: [
            { properties: { kind: { const: 'circle' }, r: { type: 'number' } }, required: ['r'] },
            { properties: { kind: { const: 'box' }, w: { type: 'number' }, h: { type: 'number' } }, required: ['w'] },
          ],
        },
      },
      required: ['shape'],
    };
    const c = toStrictSchema(shape);
    assert.equal(c.strict, true, c.notes.join('\n'));
    assert.deepEqual(c.schema.properties, {
      shape: {
        anyOf: [
          { type: 'object', properties: { kind: { type: 'string', const: 'circle' }, r: { type: 'number' } }, required: ['kind', 'r'], additionalProperties: false },
          {
            type: 'object',
            properties: { kind: { type: 'string', const: 'box' }, w: { type: 'number' }, h: { type: ['number', 'null'] } },
            required: ['kind', 'w', 'h'],
            additionalProperties: false,
          },
        ],
      },
    });
    assert.deepEqual(c.nullMeansAbsent, ['/properties/shape/anyOf/1/properties/h']);
    assert.ok(c.notes.some((n) => n.startsWith('/properties/shape: oneOf sent as anyOf')));
    assertStrictShape(c.schema);
    assertRoundTrip(shape, c, { shape: { kind: 'box', w: 2, h: null } }, { shape: { kind: 'box', w: 2 } });
    assertRoundTrip(shape, c, { shape: { kind: 'circle', r: 1 } }, { shape: { kind: 'circle', r: 1 } });
  });

  it('does not send a union of constraints only, and refuses allOf parts that contradict', () => {
    const either = toStrictSchema({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, anyOf: [{ required: ['a'] }, { required: ['b'] }] });
    assert.equal(either.strict, true);
    assert.ok(either.notes.includes('(root): anyOf of constraints only not sent; checked afterwards'));
    const clash = toStrictSchema({ type: 'object', properties: { a: { allOf: [{ type: 'string' }, { type: 'number' }] } }, required: ['a'] });
    assert.equal(clash.strict, false);
    assert.match(clash.notes[0], /\/properties\/a: the parts of its allOf set "type" differently/);
  });

  it('treats a true or false schema as having no strict form', () => {
    const c = toStrictSchema(true);
    assert.deepEqual([c.strict, c.wrapped], [false, true]);
    assert.deepEqual(fromStrictAnswer({ value: [1] }, c), [1]);
  });
});
