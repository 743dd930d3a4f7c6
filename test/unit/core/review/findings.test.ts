import assert from 'node:assert/strict';
import { transformJSONSchema } from '@anthropic-ai/sdk/lib/transform-json-schema';
import { JsonValidator } from '../../../../src/core/json/jsonValidator';
import { toStrictSchema } from '../../../../src/core/json/strictSchema';
import { checkFindings, FINDINGS_SCHEMA, type FindingScope } from '../../../../src/core/review/findings';
import { assertStrictShape } from '../json/strictFixtures';

const DOC = ['import x from "x";', '', 'const apiKey = "sk-live-123";', 'function run() {', '  try { x(); } catch {}', '}'];
const scope: FindingScope = { firstLine: 1, lastLine: 6, lineCount: 6, ruleIds: new Set(['SEC-1', 'ERR-1']) };
const finding = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  ruleId: 'SEC-1', severity: 'error', startLine: 3, endLine: 3, message: 'A key is written in the source.', replacement: 'const apiKey = process.env.API_KEY;', ...over,
});
const check = (findings: unknown[], s: FindingScope = scope) => checkFindings({ findings }, s);
const reasons = (findings: unknown[], s: FindingScope = scope) => {
  const result = check(findings, s);
  assert.ok(result.ok);
  return result.dropped.map((d) => d.reason);
};

/** Every description in a schema, by where it is. */
function descriptions(node: unknown, at = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (typeof node !== 'object' || node === null) return out;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description') out[at] = value;
    else descriptions(value, `${at}/${key}`, out);
  }
  return out;
}

describe('FINDINGS_SCHEMA', () => {
  it('has the shape OpenAI strict mode demands, unchanged by the strict converter', () => {
    assertStrictShape(FINDINGS_SCHEMA.schema);
    const conversion = toStrictSchema(FINDINGS_SCHEMA.schema);
    assert.equal(conversion.strict, true);
    assert.deepEqual(conversion.notes, []);
    assert.deepEqual(conversion.nullMeansAbsent, []);
    assert.deepEqual(conversion.schema, FINDINGS_SCHEMA.schema);
    assert.match(FINDINGS_SCHEMA.name, /^[A-Za-z0-9_-]{1,64}$/);
  });

  it('uses nothing Anthropic would move into descriptions (its SDK appends any unsupported keyword there)', () => {
    assert.deepEqual(descriptions(transformJSONSchema(FINDINGS_SCHEMA.schema)), descriptions(FINDINGS_SCHEMA.schema));
  });

  it('accepts a real answer and refuses one without replacement', () => {
    const validator = new JsonValidator();
    assert.deepEqual(validator.validate(FINDINGS_SCHEMA.schema, { findings: [finding(), finding({ replacement: null })] }), { ok: true });
    assert.deepEqual(validator.validate(FINDINGS_SCHEMA.schema, { findings: [] }), { ok: true });
    const withoutReplacement = finding();
    delete withoutReplacement.replacement;
    assert.equal(validator.validate(FINDINGS_SCHEMA.schema, { findings: [withoutReplacement] }).ok, false);
    assert.equal(validator.validate(FINDINGS_SCHEMA.schema, { findings: [finding({ severity: 'critical' })] }).ok, false);
  });
});

describe('checkFindings: shape', () => {
  it('keeps valid findings, trims messages, and reads a null or missing replacement as none', () => {
    const noReplacement = finding({ ruleId: 'ERR-1', severity: 'warning', startLine: 5, endLine: 5 });
    delete noReplacement.replacement;
    const result = check([finding({ message: '  A key is written in the source.\n' }), finding({ replacement: null }), noReplacement]);
    assert.deepEqual(result, {
      ok: true,
      findings: [
        { ruleId: 'SEC-1', severity: 'error', startLine: 3, endLine: 3, message: 'A key is written in the source.', replacement: 'const apiKey = process.env.API_KEY;' },
        { ruleId: 'SEC-1', severity: 'error', startLine: 3, endLine: 3, message: 'A key is written in the source.' },
        { ruleId: 'ERR-1', severity: 'warning', startLine: 5, endLine: 5, message: 'A key is written in the source.' },
      ],
      indexes: [0, 1, 2],
      dropped: [],
    });
    assert.equal('replacement' in (result.ok ? result.findings[1] : {}), false, 'no replacement key at all');
  });

  it('names each kept finding by its index in the answer, dropped ones counted (the quality signals use it)', () => {
    const result = check([finding({ ruleId: 'NOPE' }), finding(), finding({ startLine: 99, endLine: 99 }), finding({ ruleId: 'ERR-1', startLine: 5, endLine: 5 })]);
    assert.ok(result.ok);
    assert.deepEqual(result.indexes, [1, 3]);
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['SEC-1', 'ERR-1']);
  });

  it('an empty findings array is a clean review', () => {
    assert.deepEqual(check([]), { ok: true, findings: [], indexes: [], dropped: [] });
  });

  it('refuses an answer that is not an object with a findings array, in one quotable line', () => {
    const cases: [unknown, string][] = [
      [null, 'The answer is null, not a JSON object {"findings": [...]}.'],
      [[finding()], `The answer is ${JSON.stringify([finding()]).slice(0, 37)}..., not a JSON object {"findings": [...]}.`],
      ['no findings', 'The answer is "no findings", not a JSON object {"findings": [...]}.'],
      [undefined, 'The answer is missing, not a JSON object {"findings": [...]}.'],
      [{ results: [] }, 'The answer\'s "findings" is missing, not an array.'],
      [{ findings: {} }, 'The answer\'s "findings" is {}, not an array.'],
    ];
    for (const [answer, problem] of cases) assert.deepEqual(checkFindings(answer, scope), { ok: false, problem });
  });

  it('refuses a finding with wrong types, naming the finding and the field', () => {
    const cases: [unknown, string][] = [
      ['SEC-1 on line 3', 'findings[1] is "SEC-1 on line 3", not an object.'],
      [finding({ startLine: '3' }), 'findings[1].startLine must be a line number; it is "3".'],
      [finding({ endLine: undefined }), 'findings[1].endLine must be a line number; it is missing.'],
      [finding({ ruleId: 7 }), 'findings[1].ruleId must be a string; it is 7.'],
      [finding({ message: null }), 'findings[1].message must be a string; it is null.'],
      [finding({ severity: 'critical' }), 'findings[1].severity must be "error", "warning" or "info"; it is "critical".'],
      [finding({ replacement: ['a', 'b'] }), 'findings[1].replacement must be a string or null; it is ["a","b"].'],
    ];
    for (const [bad, problem] of cases) {
      const result = check([finding(), bad]);
      assert.deepEqual(result, { ok: false, problem });
      assert.doesNotMatch(problem, /\n/);
    }
  });
});

describe('checkFindings: lines, scope and rules', () => {
  it('drops lines the document does not have, with the reason', () => {
    const big: FindingScope = { ...scope, lastLine: 200, lineCount: 200 };
    assert.deepEqual(reasons([finding({ startLine: 238, endLine: 240 }), finding({ startLine: 0, endLine: 2 })], big), [
      'line 238 does not exist: the document has 200 lines',
      'line 0 does not exist: the document has 200 lines',
    ]);
    assert.deepEqual(reasons([finding({ startLine: 1, endLine: 2 })], { ...scope, lineCount: 1, lastLine: 1 }), ['line 2 does not exist: the document has 1 line']);
  });

  it('drops reversed and fractional ranges', () => {
    assert.deepEqual(reasons([finding({ startLine: 5, endLine: 3 }), finding({ startLine: 2.5, endLine: 3 })]), [
      'startLine 5 is after endLine 3',
      'startLine 2.5 and endLine 3 must be whole numbers',
    ]);
  });

  it('drops findings entirely in context lines, keeps those that reach into the reviewed range', () => {
    const chunk: FindingScope = { ...scope, firstLine: 401, lastLine: 800, lineCount: 820 };
    const result = check([finding({ startLine: 381, endLine: 390 }), finding({ startLine: 801, endLine: 801 }), finding({ startLine: 395, endLine: 410 })], chunk);
    assert.ok(result.ok);
    assert.deepEqual(result.dropped.map((d) => d.reason), ['lines 381–390 are outside the reviewed lines 401–800', 'line 801 is outside the reviewed lines 401–800']);
    assert.deepEqual(result.findings.map((f) => [f.startLine, f.endLine]), [[395, 410]], 'kept whole, not clipped');
  });

  it('drops unknown rule ids, accepts an id copied with its brackets', () => {
    const result = check([finding({ ruleId: 'SEC-9' }), finding({ ruleId: 'sec-1' }), finding({ ruleId: '[SEC-1]' }), finding({ ruleId: ' ERR-1 ' })]);
    assert.ok(result.ok);
    assert.deepEqual(result.dropped.map((d) => d.reason), ['rule "SEC-9" is not one of the rules', 'rule "sec-1" is not one of the rules']);
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['SEC-1', 'ERR-1']);
  });

  it('drops an empty message, and keeps the original finding for the log', () => {
    const empty = finding({ message: '  \n ' });
    const result = check([empty]);
    assert.deepEqual(result, { ok: true, findings: [], indexes: [], dropped: [{ finding: empty, reason: 'the message is empty' }] });
  });
});

describe('checkFindings: replacements', () => {
  const withText: FindingScope = { ...scope, lines: (n) => DOC[n - 1] };

  it('removes a replacement that changes nothing, but keeps the finding', () => {
    const result = check([finding({ replacement: 'const apiKey = "sk-live-123";' }), finding({ ruleId: 'ERR-1', startLine: 4, endLine: 6, replacement: DOC.slice(3).join('\n') })], withText);
    assert.ok(result.ok);
    assert.deepEqual(result.findings.map((f) => f.replacement), [undefined, undefined]);
    assert.equal(result.dropped.length, 0);
  });

  it('keeps a replacement that changes the lines, and an empty one (removes them)', () => {
    const result = check([finding(), finding({ ruleId: 'ERR-1', startLine: 5, endLine: 5, replacement: '' })], withText);
    assert.ok(result.ok);
    assert.deepEqual(result.findings.map((f) => f.replacement), ['const apiKey = process.env.API_KEY;', '']);
  });

  it('drops a final line break from a replacement, so a no-op with one is still a no-op', () => {
    const result = check([finding({ replacement: 'const apiKey = process.env.API_KEY;\r\n' }), finding({ replacement: `${DOC[2]}\n` })], withText);
    assert.ok(result.ok);
    assert.deepEqual(result.findings.map((f) => f.replacement), ['const apiKey = process.env.API_KEY;', undefined]);
  });

  it('without the document text, keeps every replacement', () => {
    const result = check([finding({ replacement: DOC[2] })]);
    assert.ok(result.ok);
    assert.equal(result.findings[0].replacement, DOC[2]);
  });
});
