import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BUILT_IN_EXCLUDES } from '../../../src/core/privacy/builtInExcludes';

const ROOT = path.resolve(__dirname, '../../..');
const guide = fs.readFileSync(path.join(ROOT, 'docs/user-guide.md'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { commands: { title: string }[]; configuration: { properties: Record<string, unknown> } };
};

/** The guide is where a user looks up anything Tandem adds to VS Code: nothing may be missing from it. */
describe('docs/user-guide.md', () => {
  it('explains every setting', () => {
    for (const key of Object.keys(manifest.contributes.configuration.properties)) {
      // `tandem.budget.daily` may be written as `tandem.budget.session` / `.daily` in a table row.
      const shown = guide.includes(`\`${key}\``) || guide.includes(`\`.${key.split('.').pop()}\``);
      assert.ok(shown, `the user guide names ${key}`);
    }
  });

  it('lists every command', () => {
    for (const { title } of manifest.contributes.commands) {
      assert.ok(guide.includes(title), `the user guide names the command "${title}"`);
    }
  });

  it('lists every file that is never sent', () => {
    for (const { pattern } of BUILT_IN_EXCLUDES) {
      const shown = `\`${pattern.replace(/ \(.*\)$/, '')}\``;
      assert.ok(guide.includes(shown), `the user guide lists ${shown}`);
    }
  });
});
