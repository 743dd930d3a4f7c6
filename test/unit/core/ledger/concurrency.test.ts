import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerStore } from '../../../../src/core/ledger/store';

const WORKER = join(__dirname, 'appendWorker.ts');

/** Starts a worker and resolves once it is loaded and waiting for "go". */
function startWorker(dir: string, tag: string): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dir, tag], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve({ child, exited }));
    exited.then(() => reject(new Error(`worker ${tag} exited before it was ready`)), reject);
  });
}

describe('LedgerStore across two processes', function () {
  // Two Node processes loading tsx take a second or two on a slow machine.
  this.timeout(30_000);
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-ledger-procs-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loses no record when two windows append 1,000 records each at the same time', async () => {
    const workers = await Promise.all([startWorker(dir, 'A'), startWorker(dir, 'B')]);
    for (const { child } of workers) child.stdin?.end('go\n');
    assert.deepEqual(await Promise.all(workers.map((w) => w.exited)), [0, 0]);

    const { records, skippedLines } = await new LedgerStore(dir).read();
    assert.equal(skippedLines, 0);
    assert.equal(records.length, 2000);
    assert.equal(new Set(records.map((r) => r.id)).size, 2000);
    assert.equal(records.filter((r) => r.session === 'A').length, 1000);
  });
});
