import assert from 'node:assert/strict';
import { JsonValidator } from '../../../../src/core/json/jsonValidator';

/** Thirty a's and a "!": JavaScript's backtracking RegExp takes minutes on `^(a+)+$` with it, RE2 a moment. */
const EVIL = `${'a'.repeat(30)}!`;

const errorsOf = (result: ReturnType<JsonValidator['validate']>) => (result.ok ? [] : result.errors);

describe('JsonValidator: schema patterns in linear time (RE2)', function () {
  // Generous: today's backtracking engine fails these by running out of it. A correctness bound, not a timing goal.
  this.timeout(5000);

  it('a catastrophic "pattern" gives its answer at once: the string does not match', () => {
    const schema = { type: 'object', properties: { name: { type: 'string', pattern: '^(a+)+$' } } };
    assert.deepEqual(errorsOf(new JsonValidator().validate(schema, { name: EVIL })), ['/name: must match pattern "^(a+)+$"']);
    assert.deepEqual(new JsonValidator().validate(schema, { name: 'aaaa' }), { ok: true });
  });

  it('a catastrophic "patternProperties" key gives its answer at once', () => {
    const schema = { type: 'object', patternProperties: { '^(a+)+$': { type: 'number' } }, additionalProperties: false };
    assert.deepEqual(errorsOf(new JsonValidator().validate(schema, { [EVIL]: 1, aaaa: 'x' })), [
      '(root): must NOT have the property "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"',
      '/aaaa: must be number',
    ]);
  });

  it('matches JavaScript pattern syntax as before: classes, \\d, \\u escapes, Unicode properties, named groups, unanchored search', () => {
    const validator = new JsonValidator();
    const check = (pattern: string, value: string) => validator.validate({ type: 'string', pattern }, value).ok;
    assert.ok(check('^\\d{3}-\\d{4}$', '555-1234'));
    assert.ok(!check('^\\d{3}-\\d{4}$', '555-12345'));
    assert.ok(check('^\\u00e9t\\u00e9$', 'été'));
    assert.ok(check('^\\p{Lu}\\p{Ll}+$', 'Émile'));
    assert.ok(!check('^\\p{Lu}\\p{Ll}+$', 'émile'));
    assert.ok(check('^(?<year>\\d{4})-\\d{2}$', '2025-03'));
    assert.ok(check('b+', 'abbbc'), 'a JSON Schema pattern is not anchored');
    assert.ok(check('^[^/]+\\/[^/]+$', 'owner/repo'));
  });

  it('keeps two patterns of one schema apart', () => {
    const schema = { type: 'object', properties: { a: { type: 'string', pattern: '^a+$' }, b: { type: 'string', pattern: '^b+$' } } };
    const validator = new JsonValidator();
    assert.deepEqual(validator.validate(schema, { a: 'aaa', b: 'bbb' }), { ok: true });
    assert.deepEqual(errorsOf(validator.validate(schema, { a: 'bbb', b: 'aaa' })), ['/a: must match pattern "^a+$"', '/b: must match pattern "^b+$"']);
  });

  it('a pattern RE2 cannot run (a lookahead, a backreference) is not checked, and the schema check says which; the rest is checked', () => {
    const schema = {
      type: 'object',
      properties: {
        password: { type: 'string', pattern: '^(?=.*\\d).{8,}$', maxLength: 20 },
        twice: { type: 'string', pattern: '^(a)\\1$' },
        named: { type: 'string', pattern: '^(?<x>a)\\k<x>$' },
      },
    };
    const validator = new JsonValidator();
    const check = validator.checkSchema(schema);
    assert.ok(check.ok);
    assert.equal(check.warnings.length, 3);
    assert.match(check.warnings[0], /^The pattern "\^\(\?=\.\*\\\\d\)\.\{8,\}\$" is not checked \(.*\(\?=.*\): Tandem matches schema patterns with RE2, which cannot hang on any input but has no lookahead and no backreferences\. The rest of the schema is checked\.$/);
    assert.match(check.warnings[1], /"\^\(a\)\\\\1\$" is not checked/);
    assert.match(check.warnings[2], /"\^\(\?<x>a\)\\\\k<x>\$" is not checked \(it uses a backreference/);
    assert.deepEqual(validator.validate(schema, { password: 'short', twice: 'ab', named: 'ab' }), { ok: true }, 'the unchecked patterns match anything');
    assert.deepEqual(errorsOf(validator.validate(schema, { password: 'x'.repeat(21) })), ['/password: must NOT have more than 20 characters']);
  });

  it('a pattern that is not a regular expression at all still makes the schema unusable', () => {
    const check = new JsonValidator().checkSchema({ type: 'string', pattern: '(unclosed' });
    assert.ok(!check.ok);
    assert.match(check.message, /^Not a usable JSON Schema: Invalid regular expression/);
  });
});
