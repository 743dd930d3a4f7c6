import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { linkedFiles } from '../docs/markdownLinks';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;

/** Whether `.vscodeignore` (gitignore-like: the last pattern that matches decides, `!` keeps) leaves a file out. */
function ignoredByVscodeignore(file: string, patterns: readonly string[]): boolean {
  let ignored = false;
  for (const pattern of patterns) {
    const keep = pattern.startsWith('!');
    if (picomatch(keep ? pattern.slice(1) : pattern, { dot: true })(file)) ignored = !keep;
  }
  return ignored;
}

/** Every `media/…` file the manifest names, wherever it names it (icon, activity bar, walkthrough pictures). */
function mediaFiles(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string' && /^media\/[\w./-]+$/.test(value)) found.add(value);
  else if (Array.isArray(value)) value.forEach((v) => mediaFiles(v, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => mediaFiles(v, found));
  return found;
}

describe('the packaged extension', () => {
  const patterns = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));

  it('holds every picture and icon the manifest names', () => {
    const files = [...mediaFiles(manifest)];
    assert.ok(files.length >= 7, `the manifest names ${files.length} media files`);
    for (const file of files) {
      assert.ok(fs.existsSync(path.join(ROOT, file)), `${file} exists`);
      assert.equal(ignoredByVscodeignore(file, patterns), false, `${file} goes into the .vsix`);
    }
  });

  it('holds every file the README and the docs link to, so the Marketplace page and the docs have no dead links', () => {
    const pages = ['README.md', 'CHANGELOG.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
    const linked = [...new Set(pages.flatMap((page) => linkedFiles(ROOT, page)))];
    assert.ok(linked.includes('docs/otel/grafana-dashboard.json'), linked.join(', '));
    for (const file of linked) assert.equal(ignoredByVscodeignore(file, patterns), false, `${file} goes into the .vsix`);
  });

  it('the check itself tells a left-out file from a kept one', () => {
    assert.equal(ignoredByVscodeignore('media/other.png', ['**', '!media/icon.png']), true);
    assert.equal(ignoredByVscodeignore('media/icon.png', ['**', '!media/icon.png']), false);
  });
});
