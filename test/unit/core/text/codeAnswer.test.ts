import assert from 'node:assert/strict';
import { CodeStreamFilter, extractCode } from '../../../../src/core/text/codeAnswer';

/** Every way an answer can be cut into deltas must give the same code as the whole answer. */
function streamed(answer: string, size: number): string {
  const filter = new CodeStreamFilter();
  let out = '';
  for (let i = 0; i < answer.length; i += size) out += filter.push(answer.slice(i, i + size));
  return out + filter.end();
}

const CASES: readonly { name: string; answer: string; code: string }[] = [
  { name: 'bare code', answer: 'const a = 1;\nconst b = 2;', code: 'const a = 1;\nconst b = 2;' },
  { name: 'a fenced block', answer: '```ts\nconst a = 1;\n```', code: 'const a = 1;' },
  { name: 'prose, fence, prose', answer: 'Here is the function:\n\n```python\ndef f():\n    return 1\n```\nIt returns one.', code: 'def f():\n    return 1' },
  { name: 'tilde fence with c++ info', answer: '~~~c++\nint x;\n~~~', code: 'int x;' },
  { name: 'blank lines around, kept inside', answer: '\n\n```\na\n\n\nb\n\n```\n', code: 'a\n\n\nb' },
  { name: 'indentation kept', answer: '```js\n  if (x) {\n    y();\n  }\n```', code: '  if (x) {\n    y();\n  }' },
  { name: 'CRLF line ends', answer: '```\r\na\r\nb\r\n```\r\n', code: 'a\nb' },
  { name: 'no closing fence', answer: '```go\nfunc f() {}\n', code: 'func f() {}' },
  { name: 'backticks inside code are code', answer: '```js\nconst s = `a ${b}`;\nconst t = "```";\n```', code: 'const s = `a ${b}`;\nconst t = "```";' },
  { name: 'long bare answer then a stray fence and prose', answer: 'a\nb\nc\nd\n```\nexplanation', code: 'a\nb\nc\nd' },
  { name: 'trailing whitespace-only lines dropped', answer: 'x = 1\n   \n\t\n', code: 'x = 1' },
  { name: 'an unfenced answer introduced by a sentence', answer: 'Here is the query:\nSELECT 1;', code: 'SELECT 1;' },
  { name: 'a first line ending in a colon that is code', answer: 'case 1:\n  return a;', code: 'case 1:\n  return a;' },
  { name: 'empty answer', answer: '', code: '' },
  { name: 'only a fence', answer: '```\n```', code: '' },
];

describe('code from a model answer', () => {
  for (const c of CASES) {
    it(`${c.name}: whole and streamed in any cut`, () => {
      assert.equal(extractCode(c.answer), c.code);
      for (const size of [1, 2, 3, 5, 8, 1000]) assert.equal(streamed(c.answer, size), c.code, `deltas of ${size}`);
    });
  }

  it('releases a long line before its newline arrives, and never a fence', () => {
    const filter = new CodeStreamFilter();
    assert.equal(filter.push('```ts\n'), '');
    assert.equal(filter.push('const answer = '), 'const answer = ');
    assert.equal(filter.push('42;'), '42;');
    assert.equal(filter.push('\n``'), '');
    assert.equal(filter.push('`\nDone.'), '');
    assert.equal(filter.end(), '');
  });

  it('holds the first lines while they may be prose before a fence', () => {
    const filter = new CodeStreamFilter();
    assert.equal(filter.push('Sure! Here it is:\n'), '');
    assert.equal(filter.push('```sql\nSELECT 1;\n'), 'SELECT 1;');
    assert.equal(filter.end(), '');
  });
});
