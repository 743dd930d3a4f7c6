import assert from 'node:assert/strict';
import { CUSTOM_ID_PATTERN, customIdFor } from '../../../../src/core/batch/customIds';

const DIRS = ['src', 'src/core/batch', 'packages/web-app/src/components/forms', 'docs/入门', 'tests/ünïcödé', 'a b/c (copy)', '.github/workflows'];
const NAMES = ['index.ts', 'README.md', 'Überblick.md', '说明.md', '😀.txt', 'very-long-file-name-that-goes-on-and-on-and-on-and-on-and-on.tsx', '__init__.py', '-.ts'];

function paths(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${DIRS[i % DIRS.length]}/${'deep/'.repeat(i % 13)}${NAMES[i % NAMES.length]}`);
}

describe('customIdFor', () => {
  it('names a file by its index and a slug of its path', () => {
    assert.equal(customIdFor(7, 'src/core/batch/job.ts'), 'f0007-src-core-batch-job-ts');
    assert.equal(customIdFor(0, 'README.md'), 'f0000-README-md');
    assert.equal(customIdFor(12_345, 'a.ts'), 'f12345-a-ts');
  });

  it('gives 1,000 files, long and unicode paths included, unique ids that meet Anthropic\'s rule', () => {
    const ids = paths(1_000).map((p, i) => customIdFor(i, p));
    assert.equal(new Set(ids).size, 1_000);
    for (const id of ids) assert.match(id, CUSTOM_ID_PATTERN);
    assert.ok(ids.some((id) => id.length === 64), 'long paths use the whole room');
  });

  it('is unique even when two paths slug alike', () => {
    assert.notEqual(customIdFor(1, 'src/a-b.ts'), customIdFor(2, 'src/a/b.ts'));
  });

  it('is stable: the same file at the same index always has the same id', () => {
    const all = paths(50);
    assert.deepEqual(all.map((p, i) => customIdFor(i, p)), all.map((p, i) => customIdFor(i, p)));
  });

  it('keeps the end of a long path, where the file name is', () => {
    const id = customIdFor(3, `${'packages/monorepo-workspace/'.repeat(5)}src/components/SettingsDialog.tsx`);
    assert.equal(id.length, 64);
    assert.match(id, /^f0003-[A-Za-z0-9]/);
    assert.ok(id.endsWith('-src-components-SettingsDialog-tsx'), id);
  });

  it('drops accents, and falls back to the index alone when nothing of the path is left', () => {
    assert.equal(customIdFor(4, 'docs/Überblick.md'), 'f0004-docs-Uberblick-md');
    assert.equal(customIdFor(5, '文档/说明'), 'f0005');
    assert.equal(customIdFor(6, '😀'), 'f0006');
    assert.equal(customIdFor(8, ''), 'f0008');
  });

  it('refuses an index that is not a whole number ≥ 0', () => {
    for (const index of [-1, 2.5, Number.NaN]) assert.throws(() => customIdFor(index, 'a.ts'), RangeError);
  });
});
