import assert from 'node:assert/strict';
import { buildCompletionPrompt, COMPLETION_INSTRUCTIONS } from '../../../../src/core/completion/prompt/completionPrompt';
import { CURSOR_MARK } from '../../../../src/core/prompts/codeBlocks';
import { prefixWindow, suffixWindow } from '../../../../src/core/completion/prompt/windows';

const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `line ${String(from + i).padStart(3, '0')}\n`).join('');

describe('completion prompt', () => {
  it('keeps a short prefix and suffix whole', () => {
    assert.equal(prefixWindow('a\nb\nc', 0, 100), 'a\nb\nc');
    assert.equal(suffixWindow('x\ny', 100), 'x\ny');
  });

  it('cuts a long prefix on a line boundary, at a line number that is a multiple of 16', () => {
    const prefix = lines(0, 200) + '  ret';
    const window = prefixWindow(prefix, 0, 100); // 400 characters: the last 44 lines would fit, from line 156
    assert.ok(window.length <= 400);
    assert.ok(window.startsWith('line 160\n'), window.slice(0, 20));
    assert.ok(window.endsWith('  ret'));
  });

  it('the window start does not move while the user types within a region', () => {
    const base = lines(0, 200);
    const starts = ['  r', '  re', '  ret', '  retu', '  return x'].map((typed) => prefixWindow(base + typed, 0, 100).slice(0, 9));
    assert.deepEqual(new Set(starts), new Set(['line 160\n']));
  });

  it('counts line numbers from where the given prefix starts in the document', () => {
    const window = prefixWindow(lines(10, 210), 10, 100);
    assert.ok(window.startsWith('line 176\n'), window.slice(0, 20));
  });

  it('cuts a long suffix after whole lines, and always keeps the cursor line', () => {
    assert.equal(suffixWindow(`);\n${lines(0, 100)}`, 10), ');\nline 000\nline 001\nline 002\nline 003'); // 39 of 40 characters
    assert.equal(suffixWindow('x'.repeat(100), 5), 'x'.repeat(100), 'one long line is kept whole up to its end');
  });

  it('puts the instructions and the reference snippets before the file, the marker at the cursor', () => {
    const prompt = buildCompletionPrompt(
      { path: 'src/app.ts', languageId: 'typescript', prefix: 'const a = ', prefixFirstLine: 0, suffix: ';\n' },
      [{ kind: 'signatures', path: 'src/util.ts', text: 'export function sum(xs: number[]): number' }],
      { prefixTokens: 1000, suffixTokens: 300 },
    );
    assert.deepEqual(prompt.system, [COMPLETION_INSTRUCTIONS]);
    const text = prompt.messages[0].content as string;
    assert.ok(text.indexOf('export function sum') < text.indexOf('src/app.ts'), 'stable reference code first');
    assert.ok(text.includes(`const a = ${CURSOR_MARK};\n`));
    assert.match(prompt.promptCacheKey, /^tandem-completion-[0-9a-f]{8}$/);
    assert.equal(prompt.prefix, 'const a = ');
    assert.equal(prompt.suffix, ';\n');
  });

  it('two keystrokes apart, prompts share everything up to the cursor line (prompt caching)', () => {
    const head = lines(0, 300);
    const make = (typed: string) => buildCompletionPrompt({ path: 'a.ts', languageId: 'typescript', prefix: head + typed, prefixFirstLine: 0, suffix: '' }, [], { prefixTokens: 1100, suffixTokens: 350 });
    const a = make('  x').messages[0].content as string;
    const b = make('  xy').messages[0].content as string;
    let common = 0;
    while (a[common] === b[common]) common++;
    assert.ok(common >= a.indexOf(CURSOR_MARK) - 1, `common prefix ${common} of ${a.length}`);
    assert.equal(make('  x').promptCacheKey, make('  xy').promptCacheKey);
  });
});
