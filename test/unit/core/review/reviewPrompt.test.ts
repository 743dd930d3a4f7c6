import assert from 'node:assert/strict';
import type { ReviewChunk } from '../../../../src/core/review/chunks';
import { FINDINGS_SCHEMA } from '../../../../src/core/review/findings';
import { buildRepairMessages, buildReviewRequest, REVIEW_INSTRUCTIONS, reviewSystem } from '../../../../src/core/review/reviewPrompt';
import { parseRules, STARTER_RULES } from '../../../../src/core/review/rules';

const rules = parseRules([{ path: '.tandem/rules.md', text: STARTER_RULES }]);
const doc = (n: number) => Array.from({ length: n }, (_, i) => `const v${i + 1} = ${i + 1};`);
const whole = (n: number): ReviewChunk => ({ firstLine: 1, lastLine: n, contextFirstLine: 1, contextLastLine: n });
const userText = (request: ReturnType<typeof buildReviewRequest>) => request.messages[0].content as string;

describe('buildReviewRequest', () => {
  it('system: the instructions, then the rules; byte-identical whatever the code, file or chunk', () => {
    const a = buildReviewRequest(rules, { path: 'src/a.ts', languageId: 'typescript', lines: doc(3), chunk: whole(3) });
    const b = buildReviewRequest(rules, {
      path: 'lib/other/b.py', languageId: 'python', lines: doc(1000),
      chunk: { firstLine: 401, lastLine: 800, contextFirstLine: 381, contextLastLine: 820 },
    });
    assert.deepEqual(a.system, [REVIEW_INSTRUCTIONS, rules.promptText]);
    assert.deepEqual(b.system, a.system);
    assert.equal(b.system.join('\u0000'), a.system.join('\u0000'));
    assert.doesNotMatch(a.system.join('\n'), /src\/a\.ts|typescript|v1 =|\d{4}-\d\d-\d\d/, 'nothing per call in the cached prefix');
    assert.deepEqual(reviewSystem(rules), a.system);
  });

  it('system: the same for rules files read again, in another order or with other line endings', () => {
    const files = [{ path: 'b.md', text: '- B1: Bee\n' }, { path: 'a.md', text: '## A1: Ay\ntext\n' }];
    const again = parseRules([{ path: 'a.md', text: '## A1: Ay\r\ntext\r\n' }, files[0]]);
    const code = { path: 'x.ts', languageId: 'typescript', lines: doc(2), chunk: whole(2) };
    assert.deepEqual(buildReviewRequest(again, code).system, buildReviewRequest(parseRules(files), code).system);
  });

  it('user message: file, language, the lines to review, and every shown line with its document number', () => {
    const request = buildReviewRequest(rules, { path: 'src/a.ts', languageId: 'typescript', lines: ['let a = 1;', '', '  return a;'], chunk: whole(3) });
    assert.equal(userText(request), 'File: src/a.ts (language: typescript)\nReview lines 1–3.\n\n```typescript\n1| let a = 1;\n2| \n3|   return a;\n```');
    assert.equal(request.messages.length, 1);
    assert.equal(request.messages[0].role, 'user');
    assert.equal(request.jsonSchema, FINDINGS_SCHEMA);
  });

  it('a middle chunk: context lines on both sides are named, numbers right-aligned to the widest', () => {
    const request = buildReviewRequest(rules, {
      path: 'big.ts', languageId: 'typescript', lines: doc(1000),
      chunk: { firstLine: 401, lastLine: 800, contextFirstLine: 381, contextLastLine: 820 },
    });
    const text = userText(request);
    assert.match(text, /^File: big\.ts \(language: typescript\)\nReview lines 401–800; lines 381–400 and 801–820 are context only\.\n/);
    const code = text.split('\n').filter((l) => /^ *\d+\| /.test(l));
    assert.equal(code.length, 440);
    assert.equal(code[0], '381| const v381 = 381;');
    assert.equal(code[439], '820| const v820 = 820;');
  });

  it('pads line numbers when the shown lines cross a power of ten, and names one-sided or single context lines', () => {
    const request = buildReviewRequest(rules, { path: 'a.ts', languageId: 'ts', lines: doc(120), chunk: { firstLine: 99, lastLine: 120, contextFirstLine: 97, contextLastLine: 120 } });
    assert.match(userText(request), /Review lines 99–120; lines 97–98 are context only\.\n\n```ts\n 97\| const v97 = 97;\n 98\| [^\n]*\n 99\| [^\n]*\n100\| const v100 = 100;/);
    const single = buildReviewRequest(rules, { path: 'a.ts', languageId: 'ts', lines: doc(9), chunk: { firstLine: 5, lastLine: 5, contextFirstLine: 4, contextLastLine: 6 } });
    assert.match(userText(single), /\nReview line 5; lines 4 and 6 are context only\.\n/);
    const after = buildReviewRequest(rules, { path: 'a.ts', languageId: 'ts', lines: doc(9), chunk: { firstLine: 1, lastLine: 4, contextFirstLine: 1, contextLastLine: 5 } });
    assert.match(userText(after), /\nReview lines 1–4; line 5 is context only\.\n/);
  });

  it('code holding a Markdown fence gets a longer fence', () => {
    const request = buildReviewRequest(rules, { path: 'README.md', languageId: 'markdown', lines: ['```ts', 'x', '```'], chunk: whole(3) });
    assert.match(userText(request), /\n````markdown\n1\| ```ts\n2\| x\n3\| ```\n````$/);
  });

  it('refuses to build a review without rules, or for lines the document does not have', () => {
    const code = { path: 'a.ts', languageId: 'ts', lines: doc(3), chunk: whole(3) };
    assert.throws(() => buildReviewRequest(parseRules([{ path: 'r.md', text: '' }]), code), /no rules/);
    assert.throws(() => buildReviewRequest(rules, { ...code, chunk: whole(4) }), RangeError);
  });
});

describe('REVIEW_INSTRUCTIONS', () => {
  it('asks for rule violations only, exact ids, shown line numbers, full-line replacements or null, and an empty array when clean', () => {
    for (const point of [/only real violations of the listed rules/, /id exactly as listed/, /line numbers shown/, /context only/, /empty findings array/, /original indentation/, /null when/, /"error"/, /"warning"/, /"info"/]) {
      assert.match(REVIEW_INSTRUCTIONS, point);
    }
  });
});

describe('buildRepairMessages', () => {
  const first = buildReviewRequest(rules, { path: 'a.ts', languageId: 'ts', lines: doc(3), chunk: whole(3) }).messages;

  it('the first messages, the refused answer, and the problem with what to answer instead', () => {
    const messages = buildRepairMessages({ messages: first, answer: '{"findings": "none"}', problem: 'The answer\'s "findings" is "none", not an array.' });
    assert.deepEqual(messages.map((m) => m.role), ['user', 'assistant', 'user']);
    assert.equal(messages[0], first[0]);
    assert.equal(messages[1].content, '{"findings": "none"}');
    assert.match(messages[2].content as string, /^That answer was refused: The answer's "findings" is "none", not an array\.\nAnswer again with only JSON matching the schema/);
    assert.equal(first.length, 1, 'the first messages are not changed');
  });

  it('an empty answer is still shown as an assistant turn (an empty one is refused by Anthropic)', () => {
    const messages = buildRepairMessages({ messages: first, answer: ' \n', problem: 'The answer is missing, not a JSON object {"findings": [...]}.' });
    assert.equal(messages[1].content, '(no answer)');
  });
});
