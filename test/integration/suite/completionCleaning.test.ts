import assert from 'node:assert/strict';
import { openEditor } from '../commandFixtures';
import { acceptGhostText, modelAnswers, type, useCompletionSuite } from '../typing';

/**
 * What lands in the document when a user accepts ghost text built from a chat model's raw answer: one test
 * per class of cleaning (scope, suffix, fences, indentation), through the real editor (typing with
 * auto-closing and auto-indent, the inline-suggest commit). Each asserts the whole document afterwards.
 */

describe('Inline completion cleaning', () => {
  useCompletionSuite();

  it('scope: finishing a partial statement stops there, not running into the next statements and functions', async () => {
    const editor = await openEditor('function check(x: number) {\n|\n}\n\nfunction other() {}\n');
    await modelAnswers('x * 2;\n  return y;\n}\n\nfunction next() {\n  return 0;\n}');
    await type('  const y = ');
    assert.equal(await acceptGhostText(editor), 'function check(x: number) {\n  const y = x * 2;\n}\n\nfunction other() {}\n');
  });

  it('scope: an if statement is completed with its else branch, and stops at the end of the enclosing function', async () => {
    const editor = await openEditor('function sign(x: number): string {\n|\n}\n\nfunction other() {}\n');
    await modelAnswers("(x < 0) {\n    return 'negative';\n  } else {\n    return 'positive';\n  }\n}\n\nfunction next() {}");
    await type('  if ');
    assert.equal(
      await acceptGhostText(editor),
      "function sign(x: number): string {\n  if (x < 0) {\n    return 'negative';\n  } else {\n    return 'positive';\n  }\n}\n\nfunction other() {}\n",
    );
  });

  it('suffix: what the answer repeats of the text after the cursor is cut, though the answer closes brackets itself', async () => {
    const editor = await openEditor('function log() {\n  console.log(|);\n}\n');
    await modelAnswers("console.log('test');");
    await type("'te");
    assert.equal(editor.document.getText(), "function log() {\n  console.log('te');\n}\n", 'the editor auto-closed the quote');
    assert.equal(await acceptGhostText(editor), "function log() {\n  console.log('test');\n}\n");
  });

  it('fences: prose and a Markdown fence around the code are dropped, only the code lands', async () => {
    const editor = await openEditor('function add(a: number, b: number): number {\n|\n}\n');
    await modelAnswers('Here is the code:\n```ts\nreturn a + b;\n```\nThis adds the numbers.');
    await type('  ');
    assert.equal(await acceptGhostText(editor), 'function add(a: number, b: number): number {\n  return a + b;\n}\n');
  });

  it('indentation: a multi-line answer indented with spaces lands tab-indented in a tab-indented file', async () => {
    const editor = await openEditor('function run(x: boolean) {\n\tsetup()|\n}\n');
    // The file's own indentation is tabs; said explicitly so Enter's auto-indent does not depend on detection.
    editor.options = { insertSpaces: false, tabSize: 4 };
    await modelAnswers('if (x) {\n    y();\n}');
    await type(';\n');
    assert.equal(editor.document.getText(), 'function run(x: boolean) {\n\tsetup();\n\t\n}\n', 'Enter auto-indented the new line with a tab');
    assert.equal(await acceptGhostText(editor), 'function run(x: boolean) {\n\tsetup();\n\tif (x) {\n\t\ty();\n\t}\n}\n');
  });
});
