import assert from 'node:assert/strict';
import { JsonValidator, MAX_LISTED_ERRORS, parseJsonAnswer } from '../../../../src/core/json/jsonValidator';

const ORDER = {
  type: 'object',
  properties: {
    status: { enum: ['new', 'paid'] },
    currency: { const: 'EUR' },
    items: {
      type: 'array',
      items: { type: 'object', properties: { sku: { type: 'string' }, price: { type: 'number', minimum: 0 } }, required: ['sku', 'price'] },
    },
  },
  required: ['status', 'items'],
  additionalProperties: false,
};

describe('JsonValidator', () => {
  it('accepts a valid value', () => {
    assert.deepEqual(new JsonValidator().validate(ORDER, { status: 'new', items: [{ sku: 'a', price: 0 }] }), { ok: true });
  });

  it('lists every problem by path, the root as (root)', () => {
    const result = new JsonValidator().validate(ORDER, { status: 'lost', currency: 'USD', items: [{ sku: 1, price: -1 }, { sku: 'b' }], extra: true });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.errors, [
      '(root): must NOT have the property "extra"',
      '/status: must be one of "new", "paid"',
      '/currency: must be "EUR"',
      '/items/0/sku: must be string',
      '/items/0/price: must be >= 0',
      "/items/1: must have required property 'price'",
    ]);
    assert.equal(result.message, ['The JSON does not match the schema (6 problems):', ...result.errors].join('\n'));
    const wrongRoot = new JsonValidator().validate(ORDER, []);
    assert.ok(!wrongRoot.ok && wrongRoot.errors.includes('(root): must be object'));
  });

  it(`lists at most ${MAX_LISTED_ERRORS} problems and counts the rest`, () => {
    const schema = { type: 'array', items: { type: 'integer' } };
    const result = new JsonValidator().validate(schema, Array.from({ length: 11 }, (_, i) => `n${i}`));
    assert.ok(!result.ok);
    assert.equal(result.errors.length, MAX_LISTED_ERRORS);
    assert.equal(result.errors[7], '/7: must be integer');
    assert.match(result.message, /^The JSON does not match the schema \(11 problems\):\n/);
    assert.match(result.message, /\n\/7: must be integer\nand 3 more$/);
  });

  it('reports the branch errors of a failed anyOf, not the generic summary', () => {
    const result = new JsonValidator().validate({ anyOf: [{ type: 'string' }, { type: 'number' }] }, true);
    assert.ok(!result.ok);
    assert.deepEqual(result.errors, ['(root): must be string', '(root): must be number']);
  });

  it('validates a 2020-12 schema with 2020-12 semantics', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'number' }],
      items: false,
      $defs: { unused: { type: 'null' } },
    };
    const validator = new JsonValidator();
    assert.deepEqual(validator.checkSchema(schema), { ok: true, warnings: [] });
    assert.deepEqual(validator.validate(schema, ['a', 1]), { ok: true });
    const wrong = validator.validate(schema, ['a', 'b', 3]);
    assert.ok(!wrong.ok);
    assert.deepEqual(wrong.errors, ['/1: must be number', '(root): must NOT have more than 2 items']);
    // The same keywords mean nothing to draft-07 (prefixItems is unknown there; `items: false` forbids any item).
    assert.equal(validator.validate({ ...schema, $schema: 'http://json-schema.org/draft-07/schema#' }, ['a', 1]).ok, false);
  });

  it('explains why a schema file cannot be used', () => {
    const validator = new JsonValidator();
    const problems: [unknown, RegExp][] = [
      [{ properties: { price: { type: 'numbr' } } }, /^Not a valid JSON Schema \(draft-07\): \/properties\/price\/type: must be one of "array", "boolean"/],
      [{ $schema: 'https://json-schema.org/draft/2020-12/schema', minimum: 'zero' }, /^Not a valid JSON Schema \(2020-12\): \/minimum: must be number$/],
      [{ $ref: '#/$defs/Missing' }, /^Not a usable JSON Schema: can't resolve reference #\/\$defs\/Missing/],
      [{ type: 'string', pattern: '(' }, /^Not a usable JSON Schema: .*Invalid regular expression/],
      [{ $schema: 'http://json-schema.org/draft-04/schema#' }, /^Unsupported "\$schema": "http:\/\/json-schema.org\/draft-04\/schema#". Use draft-07/],
      [[{ type: 'string' }], /^A JSON Schema must be a JSON object/],
    ];
    for (const [schema, message] of problems) {
      const check = validator.checkSchema(schema);
      assert.ok(!check.ok, JSON.stringify(schema));
      assert.match(check.message, message);
      const validation = validator.validate(schema, 1);
      assert.ok(!validation.ok && validation.message === check.message, 'validate reports the same problem');
    }
    assert.deepEqual(validator.checkSchema(true), { ok: true, warnings: [] });
  });

  it('does not throw on unknown keywords or formats, and checks no format', () => {
    const schema = { type: 'object', properties: { phone: { type: 'string', format: 'phone-number' }, mail: { type: 'string', format: 'email' } }, 'x-ui': { order: 1 } };
    const validator = new JsonValidator();
    assert.deepEqual(validator.checkSchema(schema), { ok: true, warnings: [] });
    assert.deepEqual(validator.validate(schema, { phone: '?', mail: 'not an address' }), { ok: true });
  });

  it('accepts the $schema URI spelled with https, and a changed schema under the same $id', () => {
    const validator = new JsonValidator();
    const v1 = { $schema: 'https://json-schema.org/draft-07/schema', $id: 'https://example.com/order.json', type: 'string' };
    const v2 = { ...v1, type: 'number' };
    assert.deepEqual(validator.checkSchema(v1), { ok: true, warnings: [] });
    assert.deepEqual(validator.validate(v2, 1), { ok: true });
    assert.equal(validator.validate(v1, 1).ok, false, 'the first version is still cached and still itself');
  });
});

describe('parseJsonAnswer', () => {
  it('parses JSON with whitespace or a Markdown fence around it', () => {
    assert.deepEqual(parseJsonAnswer('  {"a": [1, true, null]}\n'), { ok: true, value: { a: [1, true, null] } });
    assert.deepEqual(parseJsonAnswer('```json\n{"a": 1}\n```'), { ok: true, value: { a: 1 } });
    assert.deepEqual(parseJsonAnswer('\n```\r\n[1, 2]\r\n```\n'), { ok: true, value: [1, 2] });
    assert.deepEqual(parseJsonAnswer('"just a string"'), { ok: true, value: 'just a string' });
  });

  it('gives the line and column of a syntax error in the text as written, fence included', () => {
    const fenced = '```json\n{\n  "a": 1,\n}\n```';
    assert.deepEqual(parseJsonAnswer(fenced), { ok: false, message: 'Not valid JSON at line 3, column 9: a trailing comma (JSON has none before a closing bracket).' });
    const cases: [string, string][] = [
      ['{"a": }', 'line 1, column 7: expected a value but found "}"'],
      ['{"a": 1', 'line 1, column 8: expected \',\' or \'}\' but found the end of the text'],
      ['[1 2]', 'line 1, column 4: expected \',\' or \']\' but found "2"'],
      ['{"a": "open', 'line 1, column 7: a string that is never closed'],
      ["{'a': 1}", 'line 1, column 2: a single-quoted name (JSON wants double quotes)'],
      ['{"a": undefined}', 'line 1, column 7: the bare word undefined (only true, false and null go without quotes)'],
      ['{\n  "a": 1 // one\n}', 'line 2, column 10: expected \',\' or \'}\' but found a comment (JSON has none)'],
      ['{"a": 1} and more', 'line 1, column 10: unexpected "a" after the JSON value'],
      ['[01]', 'line 1, column 2: a malformed number'],
      ['"tab\there"', 'line 1, column 5: a control character inside a string'],
      ['"bad \\x"', 'line 1, column 6: a bad escape \\x in a string'],
      ['{"a" 1}', 'line 1, column 6: expected \':\' after the property name but found "1"'],
    ];
    for (const [text, where] of cases) assert.deepEqual(parseJsonAnswer(text), { ok: false, message: `Not valid JSON at ${where}.` }, text);
  });

  it('says so when the answer is empty', () => {
    assert.deepEqual(parseJsonAnswer(' \n'), { ok: false, message: 'The answer is empty: there is no JSON in it.' });
    assert.deepEqual(parseJsonAnswer('```json\n```'), { ok: false, message: 'The answer is empty: there is no JSON in it.' });
  });

  it('finds an error after deep nesting without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(99_999) + '}';
    const result = parseJsonAnswer(deep);
    assert.deepEqual(result, { ok: false, message: `Not valid JSON at line 1, column ${deep.length}: expected ',' or ']' but found "}".` });
  });
});
