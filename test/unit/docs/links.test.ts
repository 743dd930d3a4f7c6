import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brokenLinks, headingSlug } from './markdownLinks';

const ROOT = path.resolve(__dirname, '../../..');

/** The pages a user reads: the README (the Marketplace page), the changelog and docs/. */
function userPages(): string[] {
  const docs = fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
  return ['README.md', 'CHANGELOG.md', ...docs];
}

describe('documentation links', () => {
  it('every link in README.md, CHANGELOG.md and docs/*.md reaches a file in the project, and a heading where it names one', () => {
    const problems = userPages().flatMap((page) => brokenLinks(ROOT, page));
    assert.deepEqual(problems, []);
  });

  it('the README leads to every page of docs/', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const page of userPages().filter((p) => p.startsWith('docs/'))) {
      assert.ok(readme.includes(`](${page}`), `README.md links to ${page}`);
    }
  });

  describe('the checker', () => {
    let root: string;
    let outside: string;

    beforeEach(() => {
      const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-links-'));
      root = path.join(base, 'project');
      outside = path.join(base, 'shared');
      fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
      fs.mkdirSync(outside);
      // A file that exists on this machine but not in the project: a clone would not have it.
      fs.writeFileSync(path.join(outside, 'product.md'), '# Product\n');
      fs.writeFileSync(path.join(root, 'docs', 'guide.md'), '# Guide\n\n## Keys and endpoints\n\n## Batch jobs (half price)\n\n## Batch jobs (half price)\n');
      fs.writeFileSync(path.join(root, 'LICENSE'), 'MIT\n');
    });

    afterEach(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

    function check(markdown: string): string[] {
      fs.writeFileSync(path.join(root, 'README.md'), markdown);
      return brokenLinks(root, 'README.md');
    }

    it('passes links to files, headings, this page and the web', () => {
      assert.deepEqual(check([
        '# Tandem',
        '## Install it',
        'See [the guide](docs/guide.md), [keys](docs/guide.md#keys-and-endpoints),',
        '[the second batch heading](docs/guide.md#batch-jobs-half-price-1), [install](#install-it),',
        '[the licence](LICENSE), <https://code.visualstudio.com/api> and [ref][r].',
        '',
        '[r]: ./docs/guide.md',
        '',
        '```md',
        '[inside a code block](nowhere.md)',
        '```',
      ].join('\n')), []);
    });

    it('reports a link out of the project even when the file exists on this machine', () => {
      const problems = check('Read [the spec](../shared/product.md).\n');
      assert.equal(problems.length, 1);
      assert.match(problems[0], /\.\.\/shared\/product\.md: outside the project/);
    });

    it('reports a code span that names a path out of the project', () => {
      assert.deepEqual(check('The description is in `../shared/product.md`.\n'), ['README.md: names `../shared/product.md`, which is outside the project']);
    });

    it('reports missing files, missing headings, absolute paths and other schemes', () => {
      const problems = check([
        '[a](docs/missing.md) [b](docs/guide.md#no-such-heading) [c](#nowhere) [d](/etc/hosts)',
        '[e](file:///etc/hosts) [f](docs) [g](LICENSE#top) ![h](media/icon.png)',
      ].join('\n'));
      assert.deepEqual(problems, [
        'README.md: docs/missing.md: no such file in the project',
        'README.md: docs/guide.md#no-such-heading: no heading with the anchor #no-such-heading in docs/guide.md',
        'README.md: #nowhere: no heading with the anchor #nowhere in README.md',
        'README.md: /etc/hosts: an absolute path; link relative to this file',
        'README.md: file:///etc/hosts: not a web page or a file in the project',
        'README.md: docs: no such file in the project',
        'README.md: LICENSE#top: an anchor into a file that is not Markdown',
        'README.md: media/icon.png: no such file in the project',
      ]);
    });

    it('makes anchors as GitHub does', () => {
      assert.equal(headingSlug('Keys and endpoints'), 'keys-and-endpoints');
      assert.equal(headingSlug('Batch jobs (half price)'), 'batch-jobs-half-price');
      assert.equal(headingSlug('tandem.models: your catalog'), 'tandemmodels-your-catalog');
      assert.equal(headingSlug('What “excluded” means — and why'), 'what-excluded-means--and-why');
    });
  });
});
