import assert from 'node:assert/strict';
import { blankCode } from '../../../../../src/core/completion/context/blank';

describe('completion context: blankCode', () => {
  it('blanks C-like comments, keeping every offset and newline', () => {
    const text = 'a(); // note {\n/* block\n { */ b("//not a comment");';
    const blanked = blankCode(text, 'typescript', { strings: false });
    assert.equal(blanked, `a();${' '.repeat(10)}\n${' '.repeat(8)}\n${' '.repeat(6)}b("//not a comment");`);
    assert.equal(blanked.length, text.length);
  });

  it('blanks string contents when asked, keeping the quotes', () => {
    assert.equal(blankCode("f('{', \"a\\\"}\", `x${y}`);", 'javascript', { strings: true }), "f(' ', \"    \", `     `);");
  });

  it('ends a single-quoted string at a newline', () => {
    assert.equal(blankCode("it's {\n}", 'go', { strings: true }), "it'   \n}");
  });

  it('blanks Python comments and triple-quoted strings across lines', () => {
    const text = 'x = 1  # c {\n"""doc\n{ """\ny = \'#\'';
    assert.equal(blankCode(text, 'python', { strings: true }), 'x = 1       \n"""   \n  """\ny = \' \'');
    assert.equal(blankCode(text, 'python', { strings: false }), 'x = 1       \n"""doc\n{ """\ny = \'#\'');
  });

  it('blanks an unterminated block comment or string to the end', () => {
    assert.equal(blankCode('a /* b\nc', 'typescript', { strings: false }), 'a     \n ');
    assert.equal(blankCode('a = "b', 'python', { strings: true }), 'a = " ');
  });
});
