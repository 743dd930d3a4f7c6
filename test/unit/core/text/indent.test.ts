import assert from 'node:assert/strict';
import { fitToSelection, IndentStream, placeCode } from '../../../../src/core/text/indent';

describe('placing generated code at the cursor', () => {
  it('indents every line after the first to the cursor line, keeping relative indentation', () => {
    assert.equal(placeCode('if (a) {\n  b();\n}', '    '), 'if (a) {\n      b();\n    }');
  });

  it('removes the indentation the whole answer shares, and leaves blank lines empty', () => {
    assert.equal(placeCode('    x = 1\n\n    if x:\n        y()', '\t'), 'x = 1\n\n\tif x:\n\t    y()');
  });

  it('streams the same text as placeCode, whatever the cut, for answers whose first line is the least indented', () => {
    const code = 'def f():\n    return [\n        1,\n\n    ]';
    const base = '  ';
    for (const size of [1, 2, 3, 7, 100]) {
      const stream = new IndentStream(base);
      let out = '';
      for (let i = 0; i < code.length; i += size) out += stream.push(code.slice(i, i + size));
      // Streaming cannot know a blank line stays blank; only that differs before the final placement.
      assert.equal(out.replace(/^[ \t]+$/gm, ''), placeCode(code, base), `cut ${size}`);
    }
  });
});

describe('fitting an edit to the selection', () => {
  it('gives whole selected lines back their indentation', () => {
    const selection = '    if (a) {\n      b();\n    }\n';
    assert.equal(fitToSelection('if (a) {\n  c();\n}', selection, true, '    '), '    if (a) {\n      c();\n    }\n');
  });

  it('places a mid-line selection\'s replacement like inserted code', () => {
    assert.equal(fitToSelection('foo(\n  1,\n)', 'bar()', false, '  '), 'foo(\n    1,\n  )');
  });
});
