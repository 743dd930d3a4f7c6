import assert from 'node:assert/strict';
import { codeAround } from '../../../../src/core/context/codeAround';
import { editSelectionPrompt } from '../../../../src/core/prompts/editSelection';
import { fenced } from '../../../../src/core/prompts/codeBlocks';
import { generateCodePrompt } from '../../../../src/core/prompts/generateCode';
import { generateSqlPrompt, repairSqlMessages } from '../../../../src/core/prompts/generateSql';

const file = { path: 'src/calc.ts', languageId: 'typescript' };

describe('command prompts', () => {
  it('Generate Code: stable instructions as the system prefix, the code with the cursor marked, the instruction last', () => {
    const text = 'class Calc {\n  \n}\n';
    const at = text.indexOf('\n  ') + 3;
    const prompt = generateCodePrompt({ file, around: codeAround(text, at, at, 1000), instruction: 'add two numbers' });
    assert.equal(prompt.system.length, 1);
    assert.doesNotMatch(prompt.system[0], /calc|add two/, 'nothing per call in the cached prefix');
    const user = prompt.messages[0].content as string;
    assert.match(user, /File: src\/calc\.ts \(language: typescript\)/);
    assert.match(user, /```typescript\nclass Calc \{\n {2}<\|cursor\|>\n\}\n\n```/);
    assert.ok(user.trimEnd().endsWith('Instruction: add two numbers'));
  });

  it('Generate Code from an image: the image part first, then the text', () => {
    const image = { type: 'image' as const, mediaType: 'image/png' as const, base64: 'AAAA' };
    const prompt = generateCodePrompt({ file, around: codeAround('', 0, 0, 100), instruction: 'the form', image });
    const parts = prompt.messages[0].content;
    assert.ok(Array.isArray(parts));
    assert.deepEqual(parts.map((p) => p.type), ['image', 'text']);
    assert.match((parts[1] as { text: string }).text, /Using the attached image/);
  });

  it('Edit Selection: the selection marked in place and repeated on its own', () => {
    const text = 'a();\nb();\nc();\n';
    const prompt = editSelectionPrompt({ file, around: codeAround(text, 5, 9, 1000), instruction: 'rename b' });
    assert.match(prompt.messages[0].content as string, /a\(\);\n<\|selection\|>b\(\);<\|\/selection\|>\nc\(\);/);
    assert.match(prompt.messages[0].content as string, /The selected code:\n```typescript\nb\(\);\n```/);
  });

  it('Generate SQL: dialect and schema in the cached prefix; the repair shows the answer and the parser error', () => {
    const prompt = generateSqlPrompt({ dialect: 'SQLite', schema: 'CREATE TABLE t (id INTEGER);', instruction: 'count rows' });
    assert.match(prompt.system[0], /valid SQLite/);
    assert.match(prompt.system[1], /CREATE TABLE t/);
    const repair = repairSqlMessages(prompt.messages, 'SELEC 1', 'SQLite', 'line 1, column 1: unexpected "SELEC"');
    assert.deepEqual(repair.map((m) => m.role), ['user', 'assistant', 'user']);
    assert.match(repair[2].content as string, /does not parse as SQLite: line 1, column 1/);
    assert.match(generateSqlPrompt({ dialect: 'MySQL', schema: '', instruction: 'x' }).system[1], /none found in the workspace/);
  });

  it('fences code with more backticks than it holds', () => {
    assert.equal(fenced('const s = `a`; // ```', 'js'), '````js\nconst s = `a`; // ```\n````');
  });
});
