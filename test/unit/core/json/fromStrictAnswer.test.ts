import assert from 'node:assert/strict';
import { fromStrictAnswer, toStrictSchema } from '../../../../src/core/json/strictSchema';
import { ORDER } from './strictFixtures';

describe('fromStrictAnswer', () => {
  it('keeps nulls the user schema allows, keeps unknown keys, and never treats "__proto__" as the prototype', () => {
    const c = toStrictSchema(ORDER);
    const answer = JSON.parse('{"id":"1","note":null,"status":null,"customer":{"name":"A","email":null,"phone":null},"__proto__":{"polluted":true}}') as unknown;
    const restored = fromStrictAnswer(answer, c) as Record<string, unknown>;
    assert.deepEqual(Object.keys(restored), ['id', 'customer', '__proto__']);
    assert.deepEqual(restored.customer, { name: 'A', phone: null });
    assert.equal(Object.getPrototypeOf(restored), Object.prototype);
    assert.equal((restored as { polluted?: unknown }).polluted, undefined);
  });

  it('leaves values it cannot follow as they are', () => {
    const c = toStrictSchema(ORDER);
    assert.equal(fromStrictAnswer('text', c), 'text');
    assert.deepEqual(fromStrictAnswer([1, null], c), [1, null]);
  });
});
