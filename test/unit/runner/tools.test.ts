import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CODE_SERVER_VERSION, NODE_VERSION, STAMP, isComplete, layout, removeAbandonedScratch } from '../../runner/tools';

/** The cached offline VS Code is trusted only when it is whole: a half-finished install is redone. */
describe('offline VS Code toolchain cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-tools-test-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function fakeInstall(root: string, stamp?: Record<string, unknown>): void {
    const tools = layout(root);
    for (const file of [tools.node, tools.codeServerEntry]) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, '');
    }
    if (stamp) fs.writeFileSync(path.join(root, STAMP), JSON.stringify(stamp));
  }

  it('trusts an install with both binaries and a stamp for these versions', () => {
    const root = path.join(dir, 'complete');
    fakeInstall(root, { codeServer: CODE_SERVER_VERSION, node: NODE_VERSION });
    assert.ok(isComplete(layout(root)));
  });

  it('does not trust an install that never got its stamp', () => {
    const root = path.join(dir, 'unstamped');
    fakeInstall(root);
    assert.ok(!isComplete(layout(root)));
  });

  it('does not trust a stamp for other versions, or one whose files are gone', () => {
    const old = path.join(dir, 'old');
    fakeInstall(old, { codeServer: '4.100.0', node: NODE_VERSION });
    assert.ok(!isComplete(layout(old)));

    const gutted = path.join(dir, 'gutted');
    fakeInstall(gutted, { codeServer: CODE_SERVER_VERSION, node: NODE_VERSION });
    fs.rmSync(layout(gutted).codeServerEntry);
    assert.ok(!isComplete(layout(gutted)));
  });

  it('removes scratch folders of installs whose process died, keeps live ones', () => {
    const root = path.join(dir, 'tools');
    const dead = `${root}.partial-999999999`;
    const live = `${root}.partial-${process.pid}`;
    fs.mkdirSync(dead);
    fs.mkdirSync(live);
    removeAbandonedScratch(root);
    assert.ok(!fs.existsSync(dead));
    assert.ok(fs.existsSync(live));
  });
});
