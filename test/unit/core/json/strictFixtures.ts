// Shared by the strict-schema tests: a user schema, and checks of what a conversion must give.
import assert from 'node:assert/strict';
import { JsonValidator } from '../../../../src/core/json/jsonValidator';
import { fromStrictAnswer, type StrictConversion } from '../../../../src/core/json/strictSchema';

export type Schema = Record<string, unknown>;

/** What strict mode demands of every object node, checked over the whole sent schema. */
export function assertStrictShape(node: unknown, at = ''): void {
  if (Array.isArray(node)) return node.forEach((item, i) => assertStrictShape(item, `${at}/${i}`));
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Schema;
  for (const keyword of ['allOf', 'oneOf', 'not', 'if', 'uniqueItems', 'patternProperties', 'default', '$schema']) {
    assert.equal(keyword in schema, false, `${at}: ${keyword} must not be sent`);
  }
  if (schema.properties) {
    assert.equal(schema.additionalProperties, false, `${at}: closed`);
    assert.deepEqual(schema.required, Object.keys(schema.properties as Schema), `${at}: every property required`);
  }
  for (const [key, value] of Object.entries(schema)) if (key !== 'enum' && key !== 'const') assertStrictShape(value, `${at}/${key}`);
}

/** The converted answer passes the sent schema, and once restored, the user's own. */
export function assertRoundTrip(userSchema: Schema, conversion: StrictConversion, strictAnswer: unknown, expected: unknown): void {
  const validator = new JsonValidator();
  assert.deepEqual(validator.validate(conversion.schema, strictAnswer), { ok: true }, 'the sent schema accepts the strict answer');
  const restored = fromStrictAnswer(strictAnswer, conversion);
  assert.deepEqual(restored, expected);
  assert.deepEqual(validator.validate(userSchema, restored), { ok: true }, 'the user schema accepts the restored answer');
}

export const ORDER: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    id: { type: 'string', description: 'Order id' },
    note: { type: 'string', default: '' },
    status: { enum: ['new', 'paid'] },
    customer: {
      type: 'object',
      properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' }, phone: { type: ['string', 'null'] } },
      required: ['name'],
    },
  },
  required: ['id', 'customer'],
};
